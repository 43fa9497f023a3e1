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
 */
export interface TrainWorkload {
  kind: 'train';
  id: 'W1' | 'W2';
  title: string;
  vocab: number;
  hidden: number;
  layers: number;
  batch: number;
  steps: number;
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
    kind: 'generate', id: 'W3', title: 'generate 500 chars one at a time: V=65, LSTM H=128 ×1, sample from softmax',
    vocab: 65, hidden: 128, layers: 1, chars: 500,
  },
];

/** FLOPs of one forward time step for one sequence: the LSTM stack and the dense head. */
export function forwardFlopsPerChar(vocab: number, hidden: number, layers: number): number {
  let f = 0;
  for (let l = 0; l < layers; l++) {
    const inputSize = l === 0 ? vocab : hidden;
    f += 2 * 4 * hidden * (inputSize + hidden);
  }
  return f + 2 * hidden * vocab;
}

/** FLOPs of one unit of the workload: a training step (W1, W2) or one generated character (W3). */
export function flopsPerUnit(w: Workload): number {
  const perChar = forwardFlopsPerChar(w.vocab, w.hidden, w.layers);
  return w.kind === 'train' ? 3 * w.steps * w.batch * perChar : perChar;
}

/** Characters processed per unit: B·T per training step, 1 per generated character. */
export function charsPerUnit(w: Workload): number {
  return w.kind === 'train' ? w.batch * w.steps : 1;
}
