/**
 * One LSTM step on weights written in the chapter's notation, with every intermediate recorded: what the
 * worked examples of chapters 3 and 4 print and what the cell explorer recomputes live. Only the engine's
 * lstmStep, so a widget can use it without the rest of the chapters' numbers (practice-numbers.ts builds whole
 * models when it loads).
 */
import { lstmStep, type LstmStepParams } from '../engine/lstm-step.ts';
import type { CellWeights } from './example-weights.ts';

/** Gates in PyTorch's order: i, f, g (the candidate C̃), o. */
export const GATE_ORDER = ['i', 'f', 'g', 'o'] as const;

/**
 * Packs chapter-style weights (one W per gate over the concatenation [h_{t-1}, x_t]) into PyTorch's layout:
 * weightIh [4H, I] and weightHh [4H, H] with row blocks i, f, g, o, biasIh = b and biasHh = 0.
 * Splitting each W by columns gives W = [W_h | W_x]: the first H columns multiply h_{t-1}, the last I columns x_t.
 */
export function toStepParams(w: CellWeights, inputSize: number, hiddenSize: number): LstmStepParams {
  const H = hiddenSize;
  const I = inputSize;
  const weightIh = new Float64Array(4 * H * I);
  const weightHh = new Float64Array(4 * H * H);
  const biasIh = new Float64Array(4 * H);
  const biasHh = new Float64Array(4 * H);
  GATE_ORDER.forEach((gate, k) => {
    const { W, b } = w[gate];
    if (W.length !== H || b.length !== H) throw new Error(`toStepParams: gate ${gate} needs ${H} rows and ${H} biases`);
    for (let r = 0; r < H; r++) {
      const row = W[r]!;
      if (row.length !== H + I) throw new Error(`toStepParams: gate ${gate} row ${r} has ${row.length} columns, expected H+I = ${H + I}`);
      for (let c = 0; c < H; c++) weightHh[(k * H + r) * H + c] = row[c]!;
      for (let c = 0; c < I; c++) weightIh[(k * H + r) * I + c] = row[H + c]!;
      biasIh[k * H + r] = b[r]!;
    }
  });
  return { inputSize: I, hiddenSize: H, weightIh, weightHh, biasIh, biasHh };
}

/** Inputs and results of one LSTM step, all as plain arrays. */
export interface StepExample {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly weights: CellWeights;
  readonly x: readonly number[];
  readonly hPrev: readonly number[];
  readonly cPrev: readonly number[];
  /** The concatenation [h_{t-1}, x_t] ∈ ℝ^{H+I}. */
  readonly z: readonly number[];
  /** Pre-activations W·[h_{t-1}, x_t] + b of each gate. */
  readonly pre: { readonly i: number[]; readonly f: number[]; readonly g: number[]; readonly o: number[] };
  readonly i: number[];
  readonly f: number[];
  readonly g: number[];
  readonly o: number[];
  readonly c: number[];
  /** tanh(C_t), the squashed cell state the output gate reads from. */
  readonly tanhC: number[];
  readonly h: number[];
  /** f_t ⊙ C_{t-1}: what survives of the old memory. */
  readonly kept: number[];
  /** i_t ⊙ C̃_t: what is written. */
  readonly written: number[];
}

/** Runs one step of `lstmStep` on chapter-style weights and records every intermediate. */
export function runStep(
  weights: CellWeights,
  x: readonly number[],
  hPrev: readonly number[],
  cPrev: readonly number[],
): StepExample {
  const I = x.length;
  const H = hPrev.length;
  const out = lstmStep(toStepParams(weights, I, H), x, hPrev, cPrev);
  const arr = (a: ArrayLike<number>): number[] => Array.from(a);
  const c = arr(out.c);
  return {
    inputSize: I,
    hiddenSize: H,
    weights,
    x: [...x],
    hPrev: [...hPrev],
    cPrev: [...cPrev],
    z: [...hPrev, ...x],
    pre: { i: arr(out.preI), f: arr(out.preF), g: arr(out.preG), o: arr(out.preO) },
    i: arr(out.i),
    f: arr(out.f),
    g: arr(out.g),
    o: arr(out.o),
    c,
    tanhC: c.map(Math.tanh),
    h: arr(out.h),
    kept: arr(out.f).map((f, k) => f * cPrev[k]!),
    written: arr(out.i).map((i, k) => i * out.g[k]!),
  };
}
