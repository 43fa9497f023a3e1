/**
 * Trains the small character model that the sequence stepper (chapters 2 and 3) runs on a reader's text, and
 * writes it to src/widgets/sequence-stepper/char-model.json.
 *
 *   node --import tsx scripts/train-stepper-model.ts
 *
 * Corpus: the book's own English chapters (content/en/*.mdx) reduced to plain ASCII prose by
 * src/widgets/sequence-stepper/corpus.ts. Model: Embedding(V, 16) → LSTM(16, 32) → Linear(32, V), the engine's
 * CharLSTM, trained with truncated BPTT and Adam from a fixed seed for a fixed number of steps, so the same
 * commit always writes the same file. Weights are saved under PyTorch's state-dict names, rounded to 6
 * significant digits; the reported bits per character are measured after rounding, on the whole corpus.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Adam, CharLSTM, CharVocab, Rng, TbpttTrainer } from '../src/engine/index.ts';
import { chapterProse } from '../src/widgets/sequence-stepper/corpus.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'src/widgets/sequence-stepper/char-model.json');
const SEED = 2026;
const EMBEDDING = 16;
const HIDDEN = 32;
const BATCH = 32;
const SEQ_LEN = 48;
const STEPS = Number(process.env.STEPS ?? 1600);
const LR = 0.01;
/** Characters kept in the checkpoint as a sample of its corpus (tests measure bits/char on it). */
const SAMPLE_LENGTH = 2000;

const files = readdirSync(join(ROOT, 'content/en'))
	.filter((f) => /^\d\d-.*\.mdx$/.test(f))
	.sort();
const corpus = files.map((f) => chapterProse(readFileSync(join(ROOT, 'content/en', f), 'utf8'))).join(' ');
const vocab = CharVocab.fromText(corpus);
const ids = vocab.encode(corpus);
console.log(`corpus: ${files.length} chapters, ${ids.length} characters, V = ${vocab.size}`);

const rng = new Rng(SEED);
const model = new CharLSTM({ vocabSize: vocab.size, embeddingDim: EMBEDDING, hiddenSize: HIDDEN, rng });
const optimizer = new Adam(model.parameters(), { lr: LR });
const trainer = new TbpttTrainer({ model, optimizer, ids, batchSize: BATCH, seqLen: SEQ_LEN, maxNorm: 1 });

const started = Date.now();
let recent = 0;
for (let step = 1; step <= STEPS; step++) {
	const r = trainer.step();
	if (!r.ok) throw new Error(r.message);
	recent += r.bits;
	if (step % 100 === 0) {
		console.log(`step ${step}/${STEPS}  epoch ${r.epoch}  ${(recent / 100).toFixed(3)} bits/char  ${((Date.now() - started) / 1000).toFixed(1)} s`);
		recent = 0;
	}
}

/** Six significant digits: enough for the widget, small on disk. */
const round = (x: number) => Number(x.toPrecision(6));
const stateDict: Record<string, { shape: number[]; data: number[] }> = {};
for (const [name, p] of model.namedParameters()) stateDict[name] = { shape: [...p.shape], data: Array.from(p.data, round) };
model.loadStateDict(stateDict); // measure what is saved, not the unrounded weights
const bits = trainer.evaluateBits();
console.log(`final: ${bits.toFixed(3)} bits/char on the corpus (uniform: ${Math.log2(vocab.size).toFixed(3)})`);

const checkpoint = {
	format: 'cell-state-char-lstm/1',
	architecture: { embeddingDim: EMBEDDING, hiddenSize: HIDDEN, numLayers: 1 },
	vocab: vocab.chars,
	seed: SEED,
	corpus: `The English chapters of Cell State (${files.join(', ')}) as plain ASCII prose: ${ids.length} characters.`,
	training: { optimizer: 'Adam', lr: LR, batchSize: BATCH, seqLen: SEQ_LEN, steps: STEPS, maxNorm: 1 },
	finalBitsPerChar: Number(bits.toFixed(4)),
	sample: corpus.slice(0, SAMPLE_LENGTH),
	stateDict,
};
writeFileSync(OUT, JSON.stringify(checkpoint) + '\n');
console.log(`wrote ${OUT} (${(JSON.stringify(checkpoint).length / 1024).toFixed(1)} KB)`);
