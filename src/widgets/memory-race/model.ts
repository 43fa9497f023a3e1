/**
 * The two racers of the memory race and their training, DOM-free (the worker runs it; the unit tests run it
 * in Node). Each racer is a recurrent layer of the engine (LSTM or vanilla RNN, eq-rnn-recurrence) followed
 * by a Linear head on the last step's hidden state, trained with Adam on cross-entropy, one fresh batch of
 * the delayed-recall task (task.ts) per step.
 *
 * Equal budget: the LSTM has 4H(I + H) + 8H + (H·K + K) parameters (eq-param-count), the RNN
 * H(I + H) + 2H + (H·K + K); the RNN's H is chosen to make the two totals as close as possible.
 *
 * Chrono initialisation (the engine's chronoInit, Tallec & Ollivier 2018) with T = N + 2 spreads the LSTM
 * units' memories over the task's time range; PyTorch's default U(±1/√H) gives every unit about two steps.
 */
import {
  Adam,
  LSTM,
  Linear,
  RNN,
  Rng,
  Tensor,
  accuracy,
  chronoInit,
  crossEntropy,
  linearParameterCount,
  lstmParameterCount,
  reshape,
  rnnParameterCount,
  slice,
  trainStep,
  type TrainStepStatus,
} from '../../engine/index.ts';
import { K, VOCAB, recallBatch, type RecallBatch } from './task.ts';
import type { RaceSettings } from './settings.ts';

export type RacerKind = 'lstm' | 'rnn';
export { DEFAULT_RACE, N_MIN, N_MAX, type LstmInit, type RaceSettings } from './settings.ts';
export const LSTM_HIDDEN = 16;
export const BATCH_SIZE = 32;
/** Adam's learning rate for both racers. */
export const LEARNING_RATE = 0.01;
/** Training stops by itself after this many steps. */
export const MAX_STEPS = 1500;

/** Parameters of an LSTM layer plus head: 4H(I + H) + 4H + 4H + (H·K + K). */
export function lstmParams(H: number, I = VOCAB, classes = K): number {
  return lstmParameterCount({ inputSize: I, hiddenSize: H }) + linearParameterCount({ inFeatures: H, outFeatures: classes });
}

/** Parameters of a vanilla RNN layer plus head: H(I + H) + 2H + (H·K + K). */
export function rnnParams(H: number, I = VOCAB, classes = K): number {
  return rnnParameterCount({ inputSize: I, hiddenSize: H }) + linearParameterCount({ inFeatures: H, outFeatures: classes });
}

/** The RNN hidden size whose parameter count is closest to an LSTM's with `lstmHidden` units. */
export function matchedRnnHidden(lstmHidden = LSTM_HIDDEN): number {
  const target = lstmParams(lstmHidden);
  let best = 1;
  for (let H = 1; H <= 8 * lstmHidden; H++) if (Math.abs(rnnParams(H) - target) < Math.abs(rnnParams(best) - target)) best = H;
  return best;
}

export interface StepReport {
  /** Steps that updated the model so far. */
  step: number;
  status: TrainStepStatus;
  loss: number;
  /** Accuracy on this step's batch, measured by the forward pass before the update (the batch is new data). */
  accuracy: number;
  message?: string;
}

/** One racer: a recurrent layer, a Linear head, Adam, and its own seeded stream of fresh batches. */
export class Racer {
  readonly kind: RacerKind;
  readonly N: number;
  readonly hidden: number;
  readonly rnn: LSTM | RNN;
  readonly head: Linear;
  readonly optimizer: Adam;
  step = 0;
  readonly #params: Tensor[];
  readonly #names: string[];
  readonly #data: Rng;

  constructor(kind: RacerKind, settings: RaceSettings) {
    this.kind = kind;
    this.N = settings.N;
    const T = settings.N + 2;
    // Separate, seeded streams: weights differ per racer; both racers see the same sequence of batches.
    const weights = new Rng(settings.seed * 4 + (kind === 'lstm' ? 1 : 2));
    this.#data = new Rng(settings.seed * 4 + 3);
    this.hidden = kind === 'lstm' ? LSTM_HIDDEN : matchedRnnHidden(LSTM_HIDDEN);
    const opts = { inputSize: VOCAB, hiddenSize: this.hidden, batchFirst: true, rng: weights };
    this.rnn = kind === 'lstm' ? new LSTM(opts) : new RNN(opts);
    if (this.rnn instanceof LSTM && settings.init === 'chrono') chronoInit(this.rnn, T, weights);
    this.head = new Linear({ inFeatures: this.hidden, outFeatures: K, rng: weights });
    const named = [...this.rnn.namedParameters().map(([n, p]) => [`${kind}.${n}`, p] as const), ...this.head.namedParameters().map(([n, p]) => [`head.${n}`, p] as const)];
    this.#params = named.map(([, p]) => p);
    this.#names = named.map(([n]) => n);
    this.optimizer = new Adam(this.#params, { lr: LEARNING_RATE });
  }

  /** Total number of trainable parameters (layer + head). */
  get numParameters(): number {
    return this.#params.reduce((n, p) => n + p.size, 0);
  }

  /** The parameters, in order (copies, for tests that check nothing changed). */
  snapshot(): Float32Array[] {
    return this.#params.map((p) => Float32Array.from(p.data));
  }

  /** Logits [B, K] for a batch: the head applied to h at the query step. */
  logits(batch: RecallBatch): Tensor {
    const { batchSize: B, steps: T } = batch;
    const x = new Tensor(batch.x, [B, T, VOCAB]);
    const [out] = this.rnn.forward(x);
    const last = reshape(slice(out, 1, T - 1, T), [B, this.hidden]); // h at the query step, [B, H]
    return this.head.forward(last);
  }

  /**
   * One guarded training step on `batch` (a fresh one from this racer's stream when omitted). A NaN or
   * infinite loss or gradient leaves the parameters and Adam's state untouched and is reported, not thrown.
   */
  train(batch: RecallBatch = recallBatch(BATCH_SIZE, this.N, this.#data)): StepReport {
    let logits: Tensor | null = null;
    const r = trainStep({
      optimizer: this.optimizer,
      names: this.#names,
      forward: () => {
        logits = this.logits(batch);
        return crossEntropy(logits, batch.y);
      },
    });
    if (r.ok) this.step += 1;
    return { step: this.step, status: r.status, loss: r.loss, accuracy: logits ? accuracy(logits, batch.y) : NaN, message: r.message };
  }

  /** Loss and accuracy on `batchSize` sequences from `rng` (no gradient, no update). */
  evaluate(batchSize: number, rng: Rng): { loss: number; accuracy: number } {
    const batch = recallBatch(batchSize, this.N, rng);
    const logits = this.logits(batch);
    return { loss: crossEntropy(logits, batch.y).item(), accuracy: accuracy(logits, batch.y) };
  }
}

/** The plotted accuracy is the mean over this many recent batches (one batch of 32 is a noisy estimate). */
export const SMOOTHING = 20;

/** Mean of the last `window` values (for the smoothed accuracy curve). */
export function trailingMean(values: readonly number[], window: number): number {
  const from = Math.max(0, values.length - window);
  let s = 0;
  for (let k = from; k < values.length; k++) s += values[k];
  return values.length > from ? s / (values.length - from) : NaN;
}

/** The smoothed accuracy at which a racer counts as having learned the task (the race's finishing line). */
export const TARGET_ACCURACY = 0.9;

/**
 * The step of the first point whose accuracy reached `threshold`, or null if none did. The points are a
 * racer's curve as plotted (accuracy = mean of the last batches), in training order.
 */
export function firstStepReaching(points: readonly { step: number; accuracy: number }[], threshold = TARGET_ACCURACY): number | null {
  for (const p of points) if (p.accuracy >= threshold) return p.step;
  return null;
}

/** The step at which each racer first reached the threshold, from their whole curves as plotted. */
export function reachedSteps(
  curves: Readonly<Record<RacerKind, readonly { step: number; accuracy: number }[]>>,
  threshold = TARGET_ACCURACY,
): Record<RacerKind, number | null> {
  return { lstm: firstStepReaching(curves.lstm, threshold), rnn: firstStepReaching(curves.rnn, threshold) };
}

/** The racers in finishing order: those that reached the threshold by their step (ties keep LSTM first), then the rest. */
export function finishingOrder(reached: Readonly<Record<RacerKind, number | null>>): RacerKind[] {
  const kinds: RacerKind[] = ['lstm', 'rnn'];
  const rank = (k: RacerKind) => reached[k] ?? Number.MAX_SAFE_INTEGER;
  return kinds.sort((a, b) => rank(a) - rank(b));
}
