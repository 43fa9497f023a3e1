/**
 * The studio's quality bars, measured in Node with the engine (within ~15 % of Chromium for this code):
 * train on a corpus for a fixed wall-clock budget and log the validation loss over time.
 *
 *   node --import tsx bench/studio-quality.ts corpus=en-book seconds=60 hidden=256 seqLen=64 batch=16 lr=0.003
 *
 * Keys: corpus (en-book | zh-book | zh-poetry | a file path), seconds (training time, validation excluded),
 * every (seconds of training between validation points), clock (cpu, the default: this process's CPU time,
 * so a shared machine's other work does not count; or wall), out (JSON file for the curve), and any
 * hyperparameter of STUDIO_HYPER_SCHEMA (defaults untouched when omitted), plus maxVocab and embedding.
 * Bars (issue 10): en-book validation ≤ 2.5 bits/char after 60 s and ≤ 2.2 after 300 s; zh-poetry at least
 * 1 bit/char below the unigram baseline after 300 s.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { defaultHyper, type StudioHyper } from '../src/studio/hyper.ts';
import { StudioTrainer } from '../src/studio/trainer.ts';
import { StudioVocab } from '../src/studio/vocab.ts';
import { StudioModel } from '../src/studio/model.ts';
import { Rng } from '../src/engine/index.ts';
import { splitHoldout } from '../src/studio/corpus.ts';
import { corpusText } from '../src/studio/build/corpus-text.ts';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=', 2) as [string, string]));
const corpus = args.corpus ?? 'en-book';
const seconds = Number(args.seconds ?? 60);
const every = Number(args.every ?? 10);
const hyper: StudioHyper = { ...defaultHyper() };
for (const key of Object.keys(hyper) as (keyof StudioHyper)[]) {
  if (args[key] !== undefined) (hyper as Record<string, unknown>)[key] = key === 'optimizer' ? args[key] : Number(args[key]);
}
/** Training time is process CPU time by default, so other work on a shared machine does not count against a run. */
const clock = args.clock === 'wall' ? () => performance.now() : () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const text = ['en-book', 'zh-book', 'zh-poetry'].includes(corpus) ? corpusText(corpus as 'en-book') : readFileSync(corpus, 'utf8');
const vocab = args.maxVocab ? StudioVocab.fromText(splitHoldout(text).train, { maxSize: Number(args.maxVocab) }) : undefined;
// embedding=E overrides the width derived from the hidden size (hyper.ts embeddingDim), for screening.
const model = args.embedding ? new StudioModel({ vocabSize: (vocab ?? StudioVocab.fromText(splitHoldout(text).train)).size, hidden: hyper.hidden, layers: hyper.layers, embedding: Number(args.embedding), rng: new Rng(hyper.seed) }) : undefined;
const trainer = new StudioTrainer({ text, hyper, vocab, model });
const unigram = trainer.unigramBits();
const load0 = loadavg()[0];
console.log(
  `${corpus}: ${[...text].length} chars, V = ${trainer.vocab.size}, ${trainer.model.parameterCount} parameters, ` +
    `batch ${trainer.batchShape.batch}×${trainer.batchShape.seqLen}, validation ${trainer.validationDescription.chars} chars, ` +
    `unigram ${unigram.toFixed(3)} bits/char, load ${load0.toFixed(2)}`,
);
console.log(JSON.stringify(hyper));

const curve: { seconds: number; step: number; chars: number; trainBits: number; validationBits: number; evalMs: number }[] = [];
let trained = 0; // ms of training (validation excluded)
let nextEval = every * 1000;
let recent: number[] = [];
const validate = () => {
  const t0 = performance.now();
  const v = trainer.validationBits();
  const evalMs = performance.now() - t0;
  const trainBits = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : NaN;
  recent = [];
  curve.push({ seconds: trained / 1000, step: trainer.stepCount, chars: trainer.charsSeen, trainBits, validationBits: v, evalMs });
  console.log(
    `${(trained / 1000).toFixed(0).padStart(4)} s  step ${String(trainer.stepCount).padStart(5)}  ` +
      `${Math.round(trainer.charsSeen / (trained / 1000))} chars/s  train ${trainBits.toFixed(3)}  validation ${v.toFixed(3)}  (eval ${evalMs.toFixed(0)} ms)`,
  );
};
while (trained < seconds * 1000) {
  const t0 = clock();
  const r = trainer.step();
  trained += clock() - t0;
  if (!r.ok) console.log(`step ${r.step}: ${r.message}`);
  else recent.push(r.trainBits);
  if (trained >= nextEval) {
    validate();
    nextEval += every * 1000;
  }
}
if (curve.at(-1)?.step !== trainer.stepCount) validate();
const result = {
  corpus,
  seconds,
  clock: args.clock === 'wall' ? 'wall' : 'cpu',
  hyper,
  vocabSize: trainer.vocab.size,
  embedding: trainer.model.embeddingDim,
  parameters: trainer.model.parameterCount,
  unigramBits: unigram,
  finalValidationBits: curve.at(-1)!.validationBits,
  loadAverage: [load0, loadavg()[0]],
  curve,
};
console.log(`final: validation ${result.finalValidationBits.toFixed(3)} bits/char (unigram ${unigram.toFixed(3)}), load ${loadavg()[0].toFixed(2)}`);
if (args.out) writeFileSync(args.out, JSON.stringify(result, null, 1) + '\n');
