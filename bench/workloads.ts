/**
 * The benchmark workloads and the work each one does, counted in floating-point operations.
 *
 * Only matrix products are counted, a multiply-add as 2 FLOPs; the element-wise gate math, softmax and the
 * optimizer update are left out (they are O(B·H) per step against O(B·H·(I+H)) for the products). The same
 * count is used for every engine, so GFLOP/s is "nominal work per second": an engine that finds a shortcut
 * (say, gathering columns for a one-hot input instead of multiplying) is credited with the full count.
 *
 * One LSTM layer, one time step, one sequence (gate pre-activations for i, f, g, o in one product):
 *   forward   2 · 4H · (I + H)          [x_t, h_{t−1}] · [W_ih; W_hh]ᵀ
 * Dense head, one time step, one sequence:
 *   forward   2 · H · V
 * Training step (forward, backward through time, update) over B sequences of T characters:
 *   3 · T · B · (Σ_layers 2 · 4H · (I_l + H) + 2 · H · V)
 *   (the backward pass costs two products per forward product: one for the input gradient, one for the
 *   weight gradient; I_1 = V for the one-hot input, I_l = H above it)
 * Generation, per character (B = 1, forward only):
 *   Σ_layers 2 · 4H · (I_l + H) + 2 · H · V
 * With an embedding (W4) the first layer's input is the embedding, I_1 = E, and the lookup is counted as the
 * one-hot product it stands for: 2 · V · E per character forward and again for its weight gradient.
 *
 * "Executed" FLOPs are the products an engine really runs. Nobody computes the gradient of the first layer's
 * input (it needs none), so that product (2 · 4H · I_1 per character) is never executed. Our engine also reads a
 * one-hot input as a column of W_ih and adds ∂W_ih by columns, so for one-hot input it runs neither the first
 * input projection nor its weight gradient; the peers multiply by the one-hot rows. The embedding is a lookup in
 * every engine.
 */
import type { Rng } from '../src/engine/index.ts';

export interface TrainWorkload {
  kind: 'train';
  id: 'W1' | 'W2' | 'W4';
  title: string;
  vocab: number;
  hidden: number;
  layers: number;
  batch: number;
  steps: number;
  /** Embedding size when the input is an embedding of the character id (W4); one-hot input otherwise. */
  embed?: number;
}

export interface GenerateWorkload {
  kind: 'generate';
  id: 'W3';
  title: string;
  vocab: number;
  hidden: number;
  layers: number;
  chars: number;
}

export type Workload = TrainWorkload | GenerateWorkload;

export const WORKLOADS: Workload[] = [
  {
    kind: 'train', id: 'W1', title: 'train step: one-hot V=65, LSTM H=128 ×1, B=32, T=64, dense, CE, Adam',
    vocab: 65, hidden: 128, layers: 1, batch: 32, steps: 64,
  },
  {
    kind: 'train', id: 'W2', title: 'train step: one-hot V=65, LSTM H=256 ×2, B=32, T=64, dense, CE, Adam',
    vocab: 65, hidden: 256, layers: 2, batch: 32, steps: 64,
  },
  {
    kind: 'train', id: 'W4', title: 'train step: embedding V=4000 E=64, LSTM H=256 ×1, B=32, T=64, dense, CE, Adam',
    vocab: 4000, hidden: 256, layers: 1, batch: 32, steps: 64, embed: 64,
  },
  {
    kind: 'generate', id: 'W3', title: 'generate 500 chars one at a time: V=65, LSTM H=128 ×1, sample from softmax',
    vocab: 65, hidden: 128, layers: 1, chars: 500,
  },
];

/** FLOPs of one forward time step for one sequence: the LSTM stack and the dense head (I_1 = V or E). */
export function forwardFlopsPerChar(vocab: number, hidden: number, layers: number, embed?: number): number {
  let f = 0;
  for (let l = 0; l < layers; l++) {
    const inputSize = l === 0 ? (embed ?? vocab) : hidden;
    f += 2 * 4 * hidden * (inputSize + hidden);
  }
  return f + 2 * hidden * vocab;
}

const embedOf = (w: Workload) => (w.kind === 'train' ? w.embed : undefined);

/** Nominal FLOPs of one unit of the workload: a training step (W1, W2, W4) or one generated character (W3). */
export function flopsPerUnit(w: Workload): number {
  const e = embedOf(w);
  const perChar = forwardFlopsPerChar(w.vocab, w.hidden, w.layers, e);
  if (w.kind !== 'train') return perChar;
  return w.steps * w.batch * (3 * perChar + (e ? 2 * 2 * w.vocab * e : 0));
}

/** FLOPs of the products an engine executes per unit (see the header); `columnReads` for our engine. */
export function executedFlopsPerUnit(w: Workload, columnReads: boolean): number {
  const e = embedOf(w);
  const I1 = e ?? w.vocab;
  const firstInput = 2 * 4 * w.hidden * I1; // W_ih·x_t of layer 1, one character
  const perChar = forwardFlopsPerChar(w.vocab, w.hidden, w.layers, e);
  const skipped = columnReads && !e ? firstInput : 0;
  if (w.kind !== 'train') return perChar - skipped;
  return w.steps * w.batch * (3 * perChar - firstInput - 2 * skipped);
}

/** Characters processed per unit: B·T per training step, 1 per generated character. */
export function charsPerUnit(w: Workload): number {
  return w.kind === 'train' ? w.batch * w.steps : 1;
}

/** Input ids and next-character targets, [B, T] each, from a seeded random text (the same for every engine). */
export function randomBatch(w: TrainWorkload, rng: Rng): { ids: Int32Array; targets: Int32Array } {
  const ids = new Int32Array(w.batch * w.steps);
  const targets = new Int32Array(w.batch * w.steps);
  for (let i = 0; i < ids.length; i++) {
    ids[i] = Math.floor(rng.next() * w.vocab);
    targets[i] = Math.floor(rng.next() * w.vocab);
  }
  return { ids, targets };
}

export interface Runner {
  /** One unit of work: a training step, or one whole generation of w.chars characters. */
  step(): Promise<number> | number;
  dispose(): void;
}
