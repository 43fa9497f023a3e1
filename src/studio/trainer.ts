/**
 * Training the studio's model on one text (chapter 5.3), one batch per `step()`, so a worker can run a few
 * steps, post progress, and yield.
 *
 * The text is split once: the last 10 % is held out (splitHoldout) and only ever evaluated. The training part
 * is read as B contiguous streams (truncated BPTT): each step trains on the next T characters of every stream,
 * starting from the (h, C) the previous step ended with, with the tape cut there. Each stream also starts
 * again from h_0 = C_0 = 0 with probability RESET_PROBABILITY per step, so the model learns to read from a
 * zero state too, which is how generation and the cell inspector start. Every pass over the text begins at a
 * new seeded offset in [0, T), so segment boundaries move from pass to pass.
 *
 * Every validation reading also drives the learning rate (plateau.ts): when the loss has not improved for
 * PLATEAU.patience steps, η is halved and the weights go back to those of the best reading, so a run that
 * has begun to memorise its text returns to where it generalised best and goes on more slowly from there.
 */
import { Adam, AdamW, RMSprop, SGD, Rng, Tensor, crossEntropy, natsToBits, noGrad, streamBatches, trainStep } from '../engine/index.ts';
import type { CharBatch, Optimizer, OptimizerState } from '../engine/index.ts';
import { splitHoldout } from './corpus.ts';
import { checkHyper, type StudioHyper } from './hyper.ts';
import { StudioModel } from './model.ts';
import { StudioVocab } from './vocab.ts';
import { unigramBits } from './baseline.ts';
import { LearningRatePlateau, type PlateauOptions, type PlateauVerdict } from './plateau.ts';

/** Chance per step that a stream's carried (h, C) is replaced by zeros. */
export const RESET_PROBABILITY = 0.1;
/** The validation loss is the mean over at most this many held-out characters (the first ones). */
export const VALIDATION_MAX_CHARS = 8192;
/** The validation sample is read as this many parallel streams, each from a zero state. */
export const VALIDATION_STREAMS = 16;
/**
 * The learning-rate rule (plateau.ts), from measurements (README, "Choosing the defaults"): halve η after 250
 * steps without a gain of 0.005 bits per character, down to η/64 of the hyperparameter.
 */
export const PLATEAU = { patience: 250, factor: 0.5, minLrFraction: 1 / 64, minDelta: 0.005 } as const;
/** Smallest training part the trainer accepts (characters). */
export const MIN_TRAIN_CHARS = 16;

export interface StepReport {
  /** Steps done, this one included when it was ok (a refused step is not counted). */
  step: number;
  /** Mean loss of this batch, bits per character (before the update). */
  trainBits: number;
  /** Characters (predictions) in this batch: B·T. */
  chars: number;
  /** False when the step was refused (non-finite loss or gradient) and nothing changed. */
  ok: boolean;
  message?: string;
}

export interface LossPoint {
  step: number;
  trainBits?: number;
  validationBits?: number;
}

export interface ValidationDescription {
  /** Predictions averaged into the validation loss. */
  chars: number;
  /** Characters held out (the last 10 % of the text). */
  heldOutChars: number;
  /** Parallel streams the sample is read in, each from h_0 = C_0 = 0. */
  streams: number;
  /** True when the loss covers only the first `chars` + `streams` held-out characters, not all of them. */
  sampled: boolean;
}

export interface StudioTrainerOptions {
  /** The whole text (already checked with checkCorpusText); the trainer holds out its last 10 %. */
  text: string;
  hyper: StudioHyper;
  /** The vocabulary (e.g. of a loaded model); default: StudioVocab.fromText of the training part. */
  vocab?: StudioVocab;
  /** A model to continue training (e.g. loaded from a file); default: a fresh one from hyper.seed. */
  model?: StudioModel;
  /** The loss history of the run being continued. */
  lossHistory?: LossPoint[];
  /** The optimizer's moments of the run being continued (from `trainer.optimizer.stateDict()`). */
  optimizerState?: OptimizerState;
  /** The learning-rate rule; default PLATEAU; null keeps η constant (for comparisons). */
  plateau?: PlateauOptions | null;
  /** Go back to the best reading's weights when η is reduced (default true). */
  restoreBest?: boolean;
}

export class StudioTrainer {
  readonly hyper: StudioHyper;
  readonly vocab: StudioVocab;
  readonly model: StudioModel;
  readonly optimizer: Optimizer;
  readonly lossHistory: LossPoint[];
  readonly validationDescription: ValidationDescription;
  /** The batch shape actually used: hyper.batch × hyper.seqLen, shrunk to fit a short text. */
  readonly batchShape: { batch: number; seqLen: number };
  private readonly trainIds: Int32Array;
  private readonly validationIds: Int32Array;
  private readonly names: string[];
  private readonly rng: Rng;
  private batches: CharBatch[] = [];
  private next = 0;
  private state: [Tensor, Tensor] | null = null;
  private steps: number;
  private seen = 0;
  private readonly plateau: LearningRatePlateau | null;
  private readonly restoreBest: boolean;
  /** The parameters' values at the best validation reading (restoreBest), in namedParameters order. */
  private bestWeights: Tensor['data'][] | null = null;

  constructor(options: StudioTrainerOptions) {
    const { text } = options;
    this.hyper = checkHyper(options.hyper, 'StudioTrainer: hyper');
    if (typeof text !== 'string') throw new Error(`StudioTrainer: text expected a string, got ${typeof text}`);
    const { train, validation } = splitHoldout(text);
    this.vocab = options.vocab ?? StudioVocab.fromText(train);
    this.trainIds = this.vocab.encode(train);
    this.validationIds = this.vocab.encode(validation);
    if (this.trainIds.length < MIN_TRAIN_CHARS || this.validationIds.length < 2) {
      throw new Error(`StudioTrainer: text expected at least ${Math.ceil(MIN_TRAIN_CHARS / 0.9)} characters, got ${this.trainIds.length + this.validationIds.length}`);
    }
    const { hyper } = this;
    this.model = options.model ?? StudioModel.fromHyper(hyper, this.vocab.size);
    const m = this.model;
    if (m.vocabSize !== this.vocab.size || m.hiddenSize !== hyper.hidden || m.numLayers !== hyper.layers) {
      throw new Error(
        `StudioTrainer: model (V ${m.vocabSize}, hidden ${m.hiddenSize}, layers ${m.numLayers}) does not match ` +
          `vocab size ${this.vocab.size} and hyper (hidden ${hyper.hidden}, layers ${hyper.layers})`,
      );
    }
    this.optimizer = makeOptimizer(hyper, m);
    if (options.optimizerState) this.optimizer.loadStateDict(options.optimizerState); // throws, naming the mismatch
    this.names = m.namedParameters().map(([n]) => n);
    // A continued run starts the rule afresh: its first reading is the best so far.
    this.plateau =
      options.plateau === null
        ? null
        : new LearningRatePlateau(options.plateau ?? { patience: PLATEAU.patience, factor: PLATEAU.factor, minLr: hyper.lr * PLATEAU.minLrFraction, minDelta: PLATEAU.minDelta });
    this.restoreBest = options.restoreBest ?? true;
    this.lossHistory = options.lossHistory ? options.lossHistory.map((p) => ({ ...p })) : [];
    this.steps = this.lossHistory.reduce((s, p) => Math.max(s, p.step), 0);
    // The batch order depends on the seed and on where the run is, so a continued run does not replay it.
    this.rng = new Rng(hyper.seed * 7919 + 1 + this.steps);
    const seqLen = Math.min(hyper.seqLen, this.trainIds.length - 2);
    const batch = Math.max(1, Math.min(hyper.batch, Math.floor((this.trainIds.length - 2) / seqLen)));
    this.batchShape = { batch, seqLen };
    const n = Math.min(this.validationIds.length, VALIDATION_MAX_CHARS + VALIDATION_STREAMS);
    const streams = Math.min(VALIDATION_STREAMS, n - 1);
    const perStream = Math.floor((n - 1) / streams);
    this.validationDescription = {
      chars: streams * perStream,
      heldOutChars: this.validationIds.length,
      streams,
      sampled: streams * perStream < this.validationIds.length - 1,
    };
  }

  /** Steps done so far (continued runs count their earlier steps). */
  get stepCount(): number {
    return this.steps;
  }

  /** Characters trained on by this trainer (B·T per successful step). */
  get charsSeen(): number {
    return this.seen;
  }

  /**
   * Trains on the next batch. A refused step (non-finite loss or gradient) changes no weight and no count, and
   * restarts the streams from a zero state; the caller should stop and say why (`message`).
   */
  step(): StepReport {
    const { batch: B, seqLen: T } = this.batchShape;
    if (this.next >= this.batches.length) this.startPass();
    const { inputs, targets } = this.batches[this.next++];
    if (this.state) this.resetSomeStreams(this.state, B);
    const carry: { final: [Tensor, Tensor] | null } = { final: null };
    const r = trainStep({
      optimizer: this.optimizer,
      maxNorm: this.hyper.clip > 0 ? this.hyper.clip : undefined,
      names: this.names,
      forward: () => {
        const out = this.model.forward(inputs, B, T, this.state);
        carry.final = out.state;
        return crossEntropy(out.logits, targets); // mean over B·T predictions, nats
      },
    });
    // (h_T, C_T) go on as plain values: detach() cuts the tape (the "truncation" of truncated BPTT).
    this.state = r.ok && carry.final ? [carry.final[0].detach(), carry.final[1].detach()] : null;
    const trainBits = natsToBits(r.loss);
    if (r.ok) {
      this.steps++;
      this.seen += B * T;
      this.lossHistory.push({ step: this.steps, trainBits });
    }
    return { step: this.steps, trainBits, chars: B * T, ok: r.ok, ...(r.message ? { message: r.message } : {}) };
  }

  /**
   * Mean loss over the validation sample (validationDescription) in bits per character, and records it in
   * lossHistory at the current step. Read as VALIDATION_STREAMS parallel streams, each from a zero state,
   * without a tape; pytorch-script.ts computes exactly the same number.
   */
  validationBits(): number {
    const run = this.validationRun();
    let r = run.next();
    while (!r.done) r = run.next();
    return r.value;
  }

  /**
   * validationBits in slices, for a worker that must stay responsive: each `next()` reads one chunk of 128
   * characters of every stream and yields the fraction done; the last returns the bits (and records them).
   * Do not train between the slices: the result would mix two models.
   */
  *validationRun(): Generator<number, number, undefined> {
    const { streams, chars } = this.validationDescription;
    const bits = yield* evaluateChunks(this.model, this.validationIds, streams, chars / streams);
    const last = this.lossHistory[this.lossHistory.length - 1];
    if (last && last.step === this.steps) last.validationBits = bits;
    else this.lossHistory.push({ step: this.steps, validationBits: bits });
    this.lastVerdict = this.applyPlateau(bits);
    return bits;
  }

  /** What the latest validation reading did to the learning rate (null: no reading yet, or no rule). */
  lastVerdict: PlateauVerdict | null = null;

  /** Feeds a validation reading to the plateau rule: keeps the best weights, or halves η and returns to them. */
  private applyPlateau(bits: number): PlateauVerdict | null {
    if (!this.plateau) return null;
    const { verdict, lr } = this.plateau.observe(this.steps, bits, this.optimizer.lr);
    const params = this.model.parameters();
    if (verdict === 'improved' && this.restoreBest) {
      this.bestWeights = params.map((p) => p.data.slice());
    } else if (verdict === 'reduced') {
      this.optimizer.lr = lr;
      if (this.bestWeights) params.forEach((p, i) => p.data.set(this.bestWeights![i]));
    }
    return verdict;
  }

  /**
   * The unigram baseline (baseline.ts) on the same validation predictions: bits per character of a model
   * that knows only how frequent each character is in the training part.
   */
  unigramBits(): number {
    const { streams, chars } = this.validationDescription;
    const perStream = chars / streams;
    const targets = new Int32Array(chars);
    for (let s = 0; s < streams; s++) targets.set(this.validationIds.subarray(s * perStream + 1, s * perStream + perStream + 1), s * perStream);
    return unigramBits(this.trainIds, targets, this.vocab.size);
  }

  /** Starts a pass over the training part at a seeded offset, from a zero state. */
  private startPass(): void {
    const { batch, seqLen } = this.batchShape;
    const slack = this.trainIds.length - 1 - batch * seqLen; // characters we may skip and still fill a batch
    const offset = this.batches.length === 0 && this.steps === 0 ? 0 : this.rng.int(Math.min(seqLen, slack) + 1);
    this.batches = streamBatches(this.trainIds.subarray(offset), { batchSize: batch, seqLen });
    this.next = 0;
    this.state = null;
  }

  /** Zeroes the carried (h, C) of each stream with probability RESET_PROBABILITY; state is [layers, B, H]. */
  private resetSomeStreams(state: [Tensor, Tensor], B: number): void {
    const H = this.hyper.hidden;
    const L = this.hyper.layers;
    for (let b = 0; b < B; b++) {
      if (this.rng.next() >= RESET_PROBABILITY) continue;
      for (const s of state) for (let l = 0; l < L; l++) s.data.fill(0, (l * B + b) * H, (l * B + b + 1) * H);
    }
  }
}

/**
 * Mean cross-entropy in bits per character of `ids` read as `streams` contiguous streams of `perStream`
 * predictions each (stream s reads ids[s·perStream …] and predicts the next character), from a zero state.
 */
export function evaluateBits(model: StudioModel, ids: Int32Array, streams: number, perStream: number): number {
  const run = evaluateChunks(model, ids, streams, perStream);
  let r = run.next();
  while (!r.done) r = run.next();
  return r.value;
}

/** Characters of every stream per forward call; the state carries across chunks, so the result is the same. */
const CHUNK = 128;

/** evaluateBits one chunk at a time: yields the fraction done, returns the bits. */
function* evaluateChunks(model: StudioModel, ids: Int32Array, streams: number, perStream: number): Generator<number, number, undefined> {
  let state: [Tensor, Tensor] | null = null;
  let nats = 0;
  for (let t0 = 0; t0 < perStream; t0 += CHUNK) {
    const T = Math.min(CHUNK, perStream - t0);
    const inputs = new Int32Array(streams * T);
    const targets = new Int32Array(streams * T);
    for (let s = 0; s < streams; s++) {
      for (let t = 0; t < T; t++) {
        inputs[s * T + t] = ids[s * perStream + t0 + t];
        targets[s * T + t] = ids[s * perStream + t0 + t + 1];
      }
    }
    const prev: [Tensor, Tensor] | null = state;
    const out: { logits: Tensor; state: [Tensor, Tensor] } = noGrad(() => model.forward(inputs, streams, T, prev));
    state = out.state;
    nats += noGrad(() => crossEntropy(out.logits, targets).item()) * streams * T;
    if (t0 + CHUNK < perStream) yield (t0 + T) / perStream;
  }
  return natsToBits(nats / (streams * perStream));
}

/** The optimizer named in hyper, with PyTorch's defaults apart from the learning rate (SGD: momentum 0.9). */
export function makeOptimizer(hyper: StudioHyper, model: StudioModel): Optimizer {
  const params = model.parameters();
  switch (hyper.optimizer) {
    case 'adam':
      return new Adam(params, { lr: hyper.lr });
    case 'adamw':
      return new AdamW(params, { lr: hyper.lr });
    case 'rmsprop':
      return new RMSprop(params, { lr: hyper.lr });
    case 'sgd':
      return new SGD(params, { lr: hyper.lr, momentum: 0.9 });
  }
}
