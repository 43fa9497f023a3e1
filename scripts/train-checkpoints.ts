/**
 * Trains the studio's pretrained models with the engine, from a fixed seed for a fixed number of steps, so the
 * same commit always writes the same files:
 *
 *   npm run train:checkpoints                 # all three
 *   npm run train:checkpoints -- en-book      # one of them (en-book, zh-poetry, stepper)
 *
 *   public/checkpoints/en-book.json      the book's English text, studio defaults (model-file.ts format)
 *   public/checkpoints/zh-poetry.json    Tang poetry, studio defaults (model-file.ts format)
 *   src/studio/build/stepper-char-model.json
 *                                        a small ASCII model in the sequence stepper's format
 *                                        (src/widgets/sequence-stepper/char-model.ts), to replace its char-model.json
 *   scripts/train-checkpoints.log.json   every run's loss curve: train and validation bits/char by step and time
 *
 * All three train with StudioTrainer: truncated BPTT whose carried (h, C) is reset to zero for a random tenth
 * of the streams at every step, so the models read well from a zero state (where generation, the stepper and
 * the cell inspector start) as well as deep into a text. Studio checkpoints are saved in float16 (half the
 * size); their reported validation loss is measured on the saved weights.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { Rng } from '../src/engine/index.ts';
import { defaultHyper, type StudioHyper } from '../src/studio/hyper.ts';
import { StudioTrainer } from '../src/studio/trainer.ts';
import { StudioModel } from '../src/studio/model.ts';
import { StudioVocab } from '../src/studio/vocab.ts';
import { parseModelFile, serializeModel } from '../src/studio/model-file.ts';
import { generateString } from '../src/studio/generate.ts';
import { splitHoldout } from '../src/studio/corpus.ts';
import { corpusText } from '../src/studio/build/corpus-text.ts';
import { chapterProse } from '../src/widgets/sequence-stepper/corpus.ts';

const ROOT = join(import.meta.dirname, '..');
const LOG = join(ROOT, 'scripts/train-checkpoints.log.json');
const SEED = 2026;
const VALIDATE_EVERY = 100;

interface Job {
  id: 'en-book' | 'zh-poetry' | 'stepper';
  out: string;
  text: () => string;
  hyper: StudioHyper;
  steps: number;
  embedding?: number;
  sampleStart: string;
}

const JOBS: Job[] = [
  { id: 'en-book', out: 'public/checkpoints/en-book.json', text: () => corpusText('en-book'), hyper: { ...defaultHyper(), seed: SEED }, steps: 1000, sampleStart: 'The cell state ' },
  { id: 'zh-poetry', out: 'public/checkpoints/zh-poetry.json', text: () => corpusText('zh-poetry'), hyper: { ...defaultHyper(), seed: SEED }, steps: 300, sampleStart: '春' },
  {
    // The stepper shows every gate of every unit: 32 units, one layer, 16-wide embedding, ASCII (its corpus.ts).
    id: 'stepper',
    out: 'src/studio/build/stepper-char-model.json',
    text: () => stepperCorpus().text,
    hyper: { ...defaultHyper(), hidden: 32, layers: 1, batch: 32, seqLen: 48, lr: 0.01, seed: SEED },
    embedding: 16,
    steps: 3000,
    sampleStart: 'The ',
  },
];

/** The stepper's corpus: the English chapters as one line of plain ASCII prose, as its own trainer made it. */
function stepperCorpus(): { files: string[]; text: string } {
  const files = readdirSync(join(ROOT, 'content/en')).filter((f) => /^\d\d-.*\.mdx$/.test(f)).sort();
  return { files, text: files.map((f) => chapterProse(readFileSync(join(ROOT, 'content/en', f), 'utf8'))).join(' ') };
}

const only = process.argv.slice(2);
const steps = process.env.STEPS ? Number(process.env.STEPS) : undefined; // a quick trial run
/** The log, re-read before each write so that runs of single checkpoints (even at the same time) keep each other's entries. */
const readLog = (): Record<string, unknown> => (existsSync(LOG) ? JSON.parse(readFileSync(LOG, 'utf8')) : {});

for (const job of JOBS.filter((j) => only.length === 0 || only.includes(j.id))) {
  const text = job.text();
  const vocab = StudioVocab.fromText(splitHoldout(text).train);
  const model = new StudioModel({ vocabSize: vocab.size, hidden: job.hyper.hidden, layers: job.hyper.layers, embedding: job.embedding, rng: new Rng(job.hyper.seed) });
  // A fixed number of steps at a constant η (no plateau rule): a run of planned length needs no rule that
  // watches for a plateau, and the committed checkpoints stay what this script made them.
  const trainer = new StudioTrainer({ text, hyper: job.hyper, vocab, model, plateau: null });
  const total = steps ?? job.steps;
  console.log(`${job.id}: ${Array.from(text).length} characters, V = ${vocab.size}, ${model.parameterCount} parameters, ${total} steps of ${trainer.batchShape.batch}×${trainer.batchShape.seqLen}`);
  const started = performance.now();
  const cpu0 = cpuSeconds();
  // seconds: wall time; cpuSeconds: this process's CPU time, what an idle machine would take (the bench's clock).
  const curve: { step: number; seconds: number; cpuSeconds: number; trainBits: number; validationBits: number }[] = [];
  let recent: number[] = [];
  for (let step = 1; step <= total; step++) {
    const r = trainer.step();
    if (!r.ok) throw new Error(`${job.id}: ${r.message}`);
    recent.push(r.trainBits);
    if (step % VALIDATE_EVERY === 0 || step === total) {
      const v = trainer.validationBits();
      const trainBits = recent.reduce((a, b) => a + b, 0) / recent.length;
      recent = [];
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuSeconds() - cpu0;
      curve.push({ step, seconds: round(seconds, 1), cpuSeconds: round(cpu, 1), trainBits: round(trainBits, 4), validationBits: round(v, 4) });
      console.log(`  step ${step}  train ${trainBits.toFixed(3)}  validation ${v.toFixed(3)} bits/char  ${seconds.toFixed(0)} s (CPU ${cpu.toFixed(0)} s)`);
    }
  }
  const unigram = trainer.unigramBits();
  let saved: { validationBits: number; bytes: number; sample: string };
  if (job.id === 'stepper') saved = writeStepperModel(job, trainer, total);
  else {
    const info = { corpus: job.id, steps: total, trainedWith: 'Cell State engine (scripts/train-checkpoints.ts)' };
    // Measure the file as saved (float16 weights), then record the number in it.
    const probe = parseModelFile(serializeModel({ model, vocab, hyper: job.hyper, lossHistory: trainer.lossHistory, precision: 'float16' }));
    const check = new StudioTrainer({ text, hyper: job.hyper, vocab: probe.vocab, model: probe.model });
    const validationBits = check.validationBits();
    const file = serializeModel({
      model: probe.model,
      vocab,
      hyper: job.hyper,
      lossHistory: trainer.lossHistory,
      info: { ...info, validationBits: round(validationBits, 4), unigramBits: round(unigram, 4) },
      precision: 'float16',
    });
    writeFileSync(join(ROOT, job.out), file);
    const sample = generateString({ model: probe.model, vocab, startText: job.sampleStart, length: 300, temperature: 0.7, seed: 1 });
    saved = { validationBits, bytes: file.length, sample };
  }
  console.log(`  wrote ${job.out}: ${(saved.bytes / 1024).toFixed(0)} KiB, validation ${saved.validationBits.toFixed(3)} bits/char (unigram ${unigram.toFixed(3)})`);
  console.log(`  sample: ${JSON.stringify(saved.sample.slice(0, 200))}`);
  const entry = {
    out: job.out,
    hyper: job.hyper,
    embedding: model.embeddingDim,
    vocabSize: vocab.size,
    parameters: model.parameterCount,
    steps: total,
    batchShape: trainer.batchShape,
    validation: trainer.validationDescription,
    unigramBits: round(unigram, 4),
    savedValidationBits: round(saved.validationBits, 4),
    fileBytes: saved.bytes,
    seconds: round((performance.now() - started) / 1000, 1),
    loadAverage: round(loadavg()[0], 2),
    sample: saved.sample,
    curve,
  };
  if (steps === undefined) writeFileSync(LOG, JSON.stringify({ ...readLog(), [job.id]: entry }, null, 1) + '\n');
}

/**
 * The stepper's format (cell-state-char-lstm/1): a CharVocab without the unknown symbol, weights as arrays of
 * 6-significant-digit numbers. The unknown symbol never occurs in this ASCII corpus, so its row is dropped
 * from the embedding and the output layer; what is reported is measured after that and after rounding.
 */
function writeStepperModel(job: Job, trainer: StudioTrainer, total: number): { validationBits: number; bytes: number; sample: string } {
  const { files, text } = stepperCorpus();
  const model = trainer.model;
  const V = model.vocabSize;
  const H = model.hiddenSize;
  const E = model.embeddingDim;
  const r6 = (x: number) => Number(x.toPrecision(6));
  const sd = model.stateDict();
  const rows = (data: ArrayLike<number>, width: number) => Array.from(data).slice(width).map(r6); // drops row 0
  const stateDict: Record<string, { shape: number[]; data: number[] }> = {
    'embed.weight': { shape: [V - 1, E], data: rows(sd['embed.weight'].data, E) },
    'lstm.weight_ih_l0': { shape: [4 * H, E], data: Array.from(sd['lstm.weight_ih_l0'].data, r6) },
    'lstm.weight_hh_l0': { shape: [4 * H, H], data: Array.from(sd['lstm.weight_hh_l0'].data, r6) },
    'lstm.bias_ih_l0': { shape: [4 * H], data: Array.from(sd['lstm.bias_ih_l0'].data, r6) },
    'lstm.bias_hh_l0': { shape: [4 * H], data: Array.from(sd['lstm.bias_hh_l0'].data, r6) },
    'fc.weight': { shape: [V - 1, H], data: rows(sd['fc.weight'].data, H) },
    'fc.bias': { shape: [V - 1], data: rows(sd['fc.bias'].data, 1) },
  };
  const chars = trainer.vocab.chars.slice(1);
  // Bits per character of the saved model on its held-out tenth, read from a zero state one character at a time.
  const saved = new StudioModel({ vocabSize: V - 1, hidden: H, layers: 1, embedding: E, rng: new Rng(0) });
  saved.loadStateDict(stateDict);
  const index = new Map(chars.map((c, k) => [c, k]));
  const heldOut = Array.from(splitHoldout(text).validation, (c) => index.get(c) ?? index.get(' ')!);
  const gen = saved.generator();
  let bits = 0;
  let z = gen.step(heldOut[0]);
  for (let t = 1; t < heldOut.length; t++) {
    const max = Math.max(...z);
    let sum = 0;
    for (const v of z) sum += Math.exp(v - max);
    bits += (Math.log(sum) - (z[heldOut[t]] - max)) / Math.LN2;
    z = gen.step(heldOut[t]);
  }
  const validationBits = bits / (heldOut.length - 1);
  const checkpoint = {
    format: 'cell-state-char-lstm/1',
    architecture: { embeddingDim: E, hiddenSize: H, numLayers: 1 },
    vocab: chars,
    seed: job.hyper.seed,
    corpus: `The English chapters of Cell State (${files.join(', ')}) as plain ASCII prose: ${Array.from(text).length} characters; the last tenth held out.`,
    training: {
      optimizer: 'Adam',
      lr: job.hyper.lr,
      batchSize: trainer.batchShape.batch,
      seqLen: trainer.batchShape.seqLen,
      steps: total,
      maxNorm: job.hyper.clip,
      stateResets: 'each stream restarts from h = C = 0 with probability 0.1 per step',
    },
    finalBitsPerChar: Number(validationBits.toFixed(4)),
    sample: splitHoldout(text).validation.slice(0, 2000),
    stateDict,
  };
  const json = JSON.stringify(checkpoint) + '\n';
  writeFileSync(join(ROOT, job.out), json);
  return { validationBits, bytes: json.length, sample: '' };
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function round(x: number, digits: number): number {
  return Number(x.toFixed(digits));
}
