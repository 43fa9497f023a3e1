import { sigmoid, tanh } from './activations.ts';

/**
 * Parameters of one LSTM layer in PyTorch's layout (the same arrays as nn.LSTM's weight_ih_l0, weight_hh_l0,
 * bias_ih_l0, bias_hh_l0). Rows are stacked in gate order i, f, g, o, each block H rows tall.
 */
export interface LstmStepParams {
  inputSize: number;
  hiddenSize: number;
  /** [4H, I] row-major: rows 0..H-1 are W_ii, then W_if, W_ig, W_io. */
  weightIh: Float64Array;
  /** [4H, H] row-major: W_hi, W_hf, W_hg, W_ho. */
  weightHh: Float64Array;
  /** [4H] */
  biasIh: Float64Array;
  /** [4H] */
  biasHh: Float64Array;
}

/** Everything one step computes, each of length H: gate values, their pre-activations, C_t and h_t. */
export interface LstmStepResult {
  i: Float64Array;
  f: Float64Array;
  g: Float64Array;
  o: Float64Array;
  c: Float64Array;
  h: Float64Array;
  preI: Float64Array;
  preF: Float64Array;
  preG: Float64Array;
  preO: Float64Array;
}

/**
 * One LSTM time step in float64 on plain arrays, written to be read next
 * to chapter 4.
 *
 * The chapter writes each gate with one matrix acting on the
 * concatenation [h_{t-1}, x_t]:
 *   f_t = σ(W_f·[h_{t-1}, x_t] + b_f)
 * PyTorch stores the same matrix split in two column blocks,
 * W_f = [W_hf | W_if], with W_hf ∈ ℝ^{H×H} in weight_hh and
 * W_if ∈ ℝ^{H×I} in weight_ih, so
 *   W_f·[h_{t-1}, x_t] = W_if·x_t + W_hf·h_{t-1}   (eq-weight-split).
 * PyTorch also carries two biases, b_ih and b_hh; only their sum
 * matters, so the chapter's b_f = b_if + b_hf.
 *
 * @param p  layer parameters, PyTorch layout, gate order i, f, g, o
 * @param x  x_t, length I
 * @param hPrev  h_{t-1}, length H
 * @param cPrev  C_{t-1}, length H
 */
export function lstmStep(
  p: LstmStepParams,
  x: ArrayLike<number>,
  hPrev: ArrayLike<number>,
  cPrev: ArrayLike<number>,
): LstmStepResult {
  const I = p.inputSize;
  const H = p.hiddenSize;
  if (!Number.isInteger(I) || I < 1) throw new Error(
    `lstmStep: inputSize expected a positive integer, got ${I}`,
  );
  if (!Number.isInteger(H) || H < 1) throw new Error(
    `lstmStep: hiddenSize expected a positive integer, got ${H}`,
  );
  checkLength('weightIh', p.weightIh, [4 * H, I]);
  checkLength('weightHh', p.weightHh, [4 * H, H]);
  checkLength('biasIh', p.biasIh, [4 * H]);
  checkLength('biasHh', p.biasHh, [4 * H]);
  checkLength('x', x, [I]);
  checkLength('hPrev', hPrev, [H]);
  checkLength('cPrev', cPrev, [H]);

  // For the 4H stacked gate rows:
  // pre[r] = (W_ih·x_t)[r] + b_ih[r] + (W_hh·h_{t-1})[r] + b_hh[r]
  const pre = new Float64Array(4 * H);
  for (let r = 0; r < 4 * H; r++) {
    let s = p.biasIh[r] + p.biasHh[r];
    const wi = r * I;
    for (let k = 0; k < I; k++) s += p.weightIh[wi + k] * x[k];
    const wh = r * H;
    for (let k = 0; k < H; k++) s += p.weightHh[wh + k] * hPrev[k];
    pre[r] = s;
  }

  const preI = pre.slice(0, H);
  const preF = pre.slice(H, 2 * H);
  const preG = pre.slice(2 * H, 3 * H);
  const preO = pre.slice(3 * H, 4 * H);
  const i = new Float64Array(H);
  const f = new Float64Array(H);
  const g = new Float64Array(H);
  const o = new Float64Array(H);
  const c = new Float64Array(H);
  const h = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    // eq-input-gate: i_t = σ(W_i·[h_{t-1}, x_t] + b_i)
    i[j] = sigmoid(preI[j]);
    // eq-forget-gate: f_t = σ(W_f·[h_{t-1}, x_t] + b_f)
    f[j] = sigmoid(preF[j]);
    // eq-candidate: C̃_t = tanh(W_C·[h_{t-1}, x_t] + b_C) (PyTorch's g_t)
    g[j] = tanh(preG[j]);
    // eq-output-gate: o_t = σ(W_o·[h_{t-1}, x_t] + b_o)
    o[j] = sigmoid(preO[j]);
    // eq-cell-state: C_t = f_t * C_{t-1} + i_t * C̃_t
    c[j] = f[j] * cPrev[j] + i[j] * g[j];
    // eq-hidden-state: h_t = o_t * tanh(C_t)
    h[j] = o[j] * tanh(c[j]);
  }
  return { i, f, g, o, c, h, preI, preF, preG, preO };
}

function checkLength(name: string, a: ArrayLike<number>, shape: number[]): void {
  const n = shape.reduce((x, y) => x * y, 1);
  const got = a == null || typeof a.length !== 'number' ? String(a) : `[${a.length}]`;
  // Flat arrays carry no shape, so a mismatch reports the flat length that arrived.
  if (got !== `[${n}]`) throw new Error(`lstmStep: ${name} expected shape [${shape.join(', ')}], got ${got}`);
}
