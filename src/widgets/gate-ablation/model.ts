/**
 * Gate ablation (chapter 8.5), DOM-free: a recall task learned by LSTM variants of equal hidden size, side
 * by side, from the same seed and the same batches. Two tasks, both with K = 4 answers (chance 1/4): the
 * last-mark task (last-mark-task.ts: several marked symbols, answer the last; needs forgetting) and the
 * memory race's delayed recall (memory-race/task.ts: one symbol, N distractors; needs only holding). Runs in
 * the widget's worker, in unit tests and at build time (parameter counts in the static table).
 *
 *   x [B, T, V + 1] one-hot + mark flag → recurrent core (an LstmVariant or a GRU) → h at the query step [B, H] → Linear → logits [B, K]
 *
 * Per step: cross-entropy on one batch, Adam, gradient-norm clipping; every `evalEvery` steps the accuracy
 * and loss on a fixed held-out set of sequences.
 */
import {
  Adam,
  GRU,
  Linear,
  LstmVariant,
  Module,
  Rng,
  Tensor,
  accuracy,
  crossEntropy,
  noGrad,
  reshape,
  slice,
  trainStep,
} from '../../engine/index.ts';
import { K, recallBatch } from '../memory-race/task.ts';
import { INPUT_SIZE, lastMarkBatch, withMarkChannel, type MarkedBatch } from './last-mark-task.ts';
import { DEFAULTS, VARIANTS, type InitKind, type TaskKind, type Variant } from './settings.ts';

export { VARIANTS, INITS, TASKS, type Variant, type InitKind, type TaskKind } from './settings.ts';

export interface AblationConfig {
  variant: Variant;
  task: TaskKind;
  /** Marks per sequence in the last-mark task (ignored by 'recall'). */
  marks: number;
  /**
   * N: sequence length T = N + 2. Delayed recall: N distractors between the symbol and the query;
   * last mark: the marks fall among steps 0 … N, the query at N + 1.
   */
  delay: number;
  seed: number;
  hiddenSize: number;
  batchSize: number;
  learningRate: number;
  /**
   * Gate-bias initialisation of the LSTM variants: PyTorch's U(±1/√H) ('default'), forget-gate bias 1
   * (Jozefowicz et al. 2015, 'forget-bias') or chrono with T = N + 2 (Tallec & Ollivier 2018, 'chrono').
   * The GRU always keeps PyTorch's default.
   */
  init: InitKind;
  /** Evaluate on the held-out set every this many steps. */
  evalEvery: number;
  /** Held-out sequences. */
  evalSize: number;
  /** Step budget of a run. */
  maxSteps: number;
}

export { DEFAULTS, DELAY_MIN, DELAY_MAX, SEED_MAX } from './settings.ts';
/** Accuracy that counts as "learned" in the results table. */
export const TARGET_ACCURACY = 0.9;

export function configFor(variant: Variant, over: Partial<Omit<AblationConfig, 'variant'>> = {}): AblationConfig {
  return { ...DEFAULTS, ...over, variant };
}

/** Recurrent core + linear read-out of the last hidden state. */
export class RecallModel extends Module {
  core: LstmVariant | GRU;
  fc: Linear;
  readonly _variant: Variant;

  constructor(variant: Variant, hiddenSize: number, init: InitKind, delay: number, rng: Rng) {
    super();
    const common = { inputSize: INPUT_SIZE, hiddenSize, batchFirst: true, rng };
    this._variant = variant;
    this.core =
      variant === 'gru'
        ? new GRU(common)
        : new LstmVariant({ ...common, variant, init: init === 'chrono' ? { chronoT: delay + 2 } : init === 'forget-bias' ? { forgetBias: 1 } : undefined });
    this.fc = new Linear({ inFeatures: hiddenSize, outFeatures: K, rng });
  }

  /** A task batch (inputs [B, T, INPUT_SIZE]) → logits [B, K] from h at the query step. */
  forward(batch: MarkedBatch): Tensor {
    const { batchSize: B, steps: T } = batch;
    const x = new Tensor(batch.x, [B, T, INPUT_SIZE]);
    const [out] = this.core instanceof GRU ? this.core.forward(x) : this.core.forward(x); // [B, T, H]
    return this.fc.forward(reshape(slice(out, 1, T - 1, T), [B, out.shape[2]]));
  }
}

/** Number of trainable parameters of a variant's whole model (core + read-out) at hidden size H. */
export function parameterCount(variant: Variant, hiddenSize: number): number {
  const key = `${variant}/${hiddenSize}`;
  let n = counts.get(key);
  if (n === undefined) counts.set(key, (n = new RecallModel(variant, hiddenSize, 'default', 1, new Rng(0)).numParameters()));
  return n;
}
const counts = new Map<string, number>();

/** A batch of the configured task, B sequences of T = N + 2 steps, drawn from `rng`. */
export function taskBatch(config: Pick<AblationConfig, 'task' | 'delay' | 'marks'>, batchSize: number, rng: Rng): MarkedBatch {
  return config.task === 'last-mark' ? lastMarkBatch(batchSize, config.delay, config.marks, rng) : withMarkChannel(recallBatch(batchSize, config.delay, rng));
}

export interface EvalPoint {
  step: number;
  accuracy: number;
  loss: number;
}

/** One variant's training run: `step()` trains on the next batch; `evaluate()` scores the held-out set. */
export class AblationTrainer {
  readonly config: AblationConfig;
  readonly model: RecallModel;
  readonly history: EvalPoint[] = [];
  steps = 0;
  /** First evaluated step with accuracy ≥ TARGET_ACCURACY, or null. */
  stepsToTarget: number | null = null;
  /** Set when a step produced a non-finite loss or gradient (training stops for this variant). */
  failure: string | null = null;
  readonly #optimizer: Adam;
  readonly #data: Rng;
  readonly #heldOut: MarkedBatch;
  readonly #names: string[];

  constructor(config: AblationConfig) {
    this.config = config;
    // Every variant draws its weights from the same seed and sees the same batches in the same order.
    this.model = new RecallModel(config.variant, config.hiddenSize, config.init, config.delay, new Rng(config.seed));
    this.#optimizer = new Adam(this.model.parameters(), { lr: config.learningRate });
    this.#names = this.model.namedParameters().map(([n]) => n);
    this.#data = new Rng(config.seed * 2 + 1);
    this.#heldOut = taskBatch(config, config.evalSize, new Rng(config.seed * 2 + 2));
  }

  get done(): boolean {
    return this.steps >= this.config.maxSteps || this.failure !== null;
  }

  /** One training step; returns the batch loss (NaN once the run has failed). */
  step(): number {
    if (this.done) return NaN;
    const batch = taskBatch(this.config, this.config.batchSize, this.#data);
    const r = trainStep({
      optimizer: this.#optimizer,
      maxNorm: 1,
      names: this.#names,
      forward: () => crossEntropy(this.model.forward(batch), batch.y),
    });
    this.steps += 1;
    if (!r.ok) this.failure = r.message ?? r.status;
    if (this.steps % this.config.evalEvery === 0 || this.done) this.evaluate();
    return r.loss;
  }

  /** Accuracy and mean cross-entropy on the held-out set, recorded in `history`. */
  evaluate(): EvalPoint {
    const batch = this.#heldOut;
    const logits = noGrad(() => this.model.forward(batch));
    const loss = noGrad(() => crossEntropy(logits, batch.y)).item();
    const point = { step: this.steps, accuracy: accuracy(logits, batch.y), loss };
    if (this.history.at(-1)?.step !== point.step) this.history.push(point);
    if (this.stepsToTarget === null && point.accuracy >= TARGET_ACCURACY) this.stepsToTarget = point.step;
    return point;
  }
}

export interface ResultRow {
  variant: Variant;
  steps: number;
  accuracy: number;
  loss: number;
  stepsToTarget: number | null;
}

export type SummaryKind = 'none' | 'all-learned' | 'some-learned' | 'none-learned';

/**
 * What the current results say, as data for the sentence under the chart: which variants reached the
 * target, the best and the worst by accuracy. Rows must all have at least one evaluation.
 */
export function summarize(rows: readonly ResultRow[]): {
  kind: SummaryKind;
  learned: ResultRow[];
  notLearned: ResultRow[];
  best: ResultRow | null;
  worst: ResultRow | null;
  fastest: ResultRow | null;
} {
  if (rows.length === 0) return { kind: 'none', learned: [], notLearned: [], best: null, worst: null, fastest: null };
  const learned = rows.filter((r) => r.stepsToTarget !== null);
  const notLearned = rows.filter((r) => r.stepsToTarget === null);
  const byAcc = [...rows].sort((a, b) => b.accuracy - a.accuracy || VARIANTS.indexOf(a.variant) - VARIANTS.indexOf(b.variant));
  const fastest = [...learned].sort((a, b) => a.stepsToTarget! - b.stepsToTarget! || VARIANTS.indexOf(a.variant) - VARIANTS.indexOf(b.variant))[0] ?? null;
  const kind: SummaryKind = learned.length === rows.length ? 'all-learned' : learned.length > 0 ? 'some-learned' : 'none-learned';
  return { kind, learned, notLearned, best: byAcc[0], worst: byAcc[byAcc.length - 1], fastest };
}

/** Percentage with no decimals ("94 %" is written by the labels). */
export function percent(x: number): string {
  return String(Math.round(x * 100));
}
