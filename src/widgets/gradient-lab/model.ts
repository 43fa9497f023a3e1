/**
 * What the gradient lab shows, computed without the DOM (the build's static table, the Web Worker and the
 * tests all call this module): a vanilla RNN and an LSTM read the same random sequence x_1 … x_T, the loss
 * is L = ½‖h_T‖² on the last hidden state, and the engine's backward pass gives, for every step t,
 *
 *   ‖∂L/∂x_t‖, ‖∂L/∂h_t‖ and (LSTM only) ‖∂L/∂C_t‖.
 *
 * Both models are the engine's cells (RNNCell, LSTMCell) stepped one step at a time on the tape in float64,
 * with `.retainGrad()` on each h_t and C_t, so the numbers are PyTorch's `retain_grad()` gradients, not a
 * formula. Chapter 1.2 and the BPTT
 * section of chapter 4 (eq-rnn-jacobian-product) explain why the RNN's curve falls (or rises)
 * geometrically: ∂h_T/∂h_t is a product of T − t Jacobians diag(1 − h_k²)·W_hh.
 *
 * Initialisation (seeded): W_ih and the biases U(±1/√H) as in PyTorch; every H×H block of W_hh is a random
 * orthogonal matrix times the scale s, so ‖W_hh‖ = s exactly: with s < 1 the RNN's gradient must vanish,
 * with s > 1 it can explode.
 */
import { LSTMCell, RNNCell, Rng, Tensor, add, clipGradNorm, gradNorm, mul, orthogonal, sum, tensor, zeros } from '../../engine/index.ts';

/** Size of each input x_t (fixed: the lab is about the recurrence, not the input). */
export const INPUT_SIZE = 4;
export const T_MIN = 2;
export const T_MAX = 200;

export const QUANTITIES = ['x', 'h', 'c'] as const;
/** ∂L/∂x_t, ∂L/∂h_t or ∂L/∂C_t (the RNN has no C_t). */
export type Quantity = (typeof QUANTITIES)[number];
export const MODELS = ['rnn', 'lstm'] as const;
export type ModelKind = (typeof MODELS)[number];

export interface GradientSettings {
  /** Sequence length T. */
  T: number;
  /** s in W_hh = s · (orthogonal blocks). */
  scale: number;
  /** b_f, written into the forget-gate rows of the LSTM's bias_ih (bias_hh's rows are zero). */
  forgetBias: number;
  /** Hidden size H of both models. */
  hidden: number;
  seed: number;
  /** Apply clip_grad_norm_(parameters, maxNorm) after backward. */
  clip: boolean;
  maxNorm: number;
}

export const DEFAULT_SETTINGS: Readonly<GradientSettings> = { T: 100, scale: 1, forgetBias: 3, hidden: 16, seed: 1, clip: false, maxNorm: 1 };

export interface ModelGradients {
  /** ‖∂L/∂x_t‖, ‖∂L/∂h_t‖, ‖∂L/∂C_t‖ for t = 1 … T (index t − 1), times the clipping factor when clipping is on. */
  norms: Record<Quantity, Float64Array | null>;
  /** Total L2 norm of the parameter gradient ∇θL before clipping. */
  paramNorm: number;
  /** The factor clip_grad_norm_ multiplied every gradient by: min(1, maxNorm / (‖∇θL‖ + 1e-6)); 1 without clipping. */
  clipFactor: number;
  /** L = ½‖h_T‖². */
  loss: number;
}

export type GradientResult = Record<ModelKind, ModelGradients>;

/** The random input sequence x_1 … x_T, N(0, 1) entries, [T][I]: the same for both models. */
export function inputSequence(T: number, seed: number): Float64Array[] {
  const rng = new Rng(seed).fork();
  return Array.from({ length: T }, () => Float64Array.from({ length: INPUT_SIZE }, () => rng.normal()));
}

/** Both models' gradient norms for one setting (see the module comment). */
export function gradientNorms(settings: GradientSettings): GradientResult {
  const s = checkSettings(settings);
  const xs = inputSequence(s.T, s.seed);
  return { rnn: backward(s, unroll('rnn', s, xs)), lstm: backward(s, unroll('lstm', s, xs)) };
}

/** The vanilla RNN cell, seeded: U(±1/√H) for W_ih and the biases, s·orthogonal for W_hh. */
export function makeRnn(s: GradientSettings): RNNCell {
  const rng = new Rng(s.seed * 2 + 1);
  const rnn = new RNNCell({ inputSize: INPUT_SIZE, hiddenSize: s.hidden, rng, dtype: 'float64' });
  setRecurrent(rnn.weight_hh, s.hidden, 1, s.scale, rng);
  return rnn;
}

/** The LSTM cell, seeded: U(±1/√H), s·orthogonal blocks in W_hh (rows i, f, g, o), b_f in the forget rows. */
export function makeLstm(s: GradientSettings): LSTMCell {
  const rng = new Rng(s.seed * 2 + 2);
  const cell = new LSTMCell({ inputSize: INPUT_SIZE, hiddenSize: s.hidden, rng, dtype: 'float64' });
  setRecurrent(cell.weight_hh, s.hidden, 4, s.scale, rng);
  const H = s.hidden;
  for (let j = H; j < 2 * H; j++) {
    cell.bias_ih.data[j] = s.forgetBias;
    cell.bias_hh.data[j] = 0;
  }
  return cell;
}

/**
 * A small change added to h_t right after step t computes it (1-based t); tests use it to take finite
 * differences of L with respect to a hidden state.
 */
export interface Nudge {
  t: number;
  h: Float64Array;
}

interface Unrolled {
  /** L = ½‖h_T‖² (a scalar on the tape). */
  loss: Tensor;
  params: Tensor[];
  tracked: Record<Quantity, Tensor[] | null>;
}

/** Runs one model forward over the sequence on the tape (nothing is back-propagated yet). */
export function unroll(kind: ModelKind, s: GradientSettings, xs: Float64Array[], nudge?: Nudge): Unrolled {
  return kind === 'rnn' ? unrollRnn(s, xs, nudge) : unrollLstm(s, xs, nudge);
}

/** h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh) (eq-rnn-recurrence), one RNNCell step at a time. */
function unrollRnn(s: GradientSettings, xs: Float64Array[], nudge?: Nudge): Unrolled {
  const rnn = makeRnn(s);
  const x = xs.map((v) => tensor(v, { shape: [1, INPUT_SIZE], dtype: 'float64', requiresGrad: true }));
  let h = zeros([1, s.hidden], { dtype: 'float64' });
  const hs: Tensor[] = [];
  for (let t = 0; t < s.T; t++) {
    h = nudged(rnn.forward(x[t], h), t, nudge);
    hs.push(h.retainGrad());
  }
  return { loss: halfSquaredNorm(h), params: rnn.parameters(), tracked: { x, h: hs, c: null } };
}

/**
 * The LSTM cell stepped by hand, [h_t, C_t] = cell(x_t, [h_{t−1}, C_{t−1}]) (chapter 4's six equations). The
 * cell computes h_t = o_t * tanh(C_t) as an op on C_t, so C_t's retained gradient is the total derivative
 * ∂L/∂C_t, as in PyTorch.
 */
function unrollLstm(s: GradientSettings, xs: Float64Array[], nudge?: Nudge): Unrolled {
  const cell = makeLstm(s);
  const x = xs.map((v) => tensor(v, { shape: [1, INPUT_SIZE], dtype: 'float64', requiresGrad: true }));
  let h = zeros([1, s.hidden], { dtype: 'float64' });
  let c = zeros([1, s.hidden], { dtype: 'float64' });
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  for (let t = 0; t < s.T; t++) {
    [h, c] = cell.forward(x[t], [h, c]);
    h = nudged(h, t, nudge);
    cs.push(c.retainGrad());
    hs.push(h.retainGrad());
  }
  return { loss: halfSquaredNorm(h), params: cell.parameters(), tracked: { x, h: hs, c: cs } };
}

/** h_t plus the nudge when it is for step t (0-based here, 1-based in Nudge). */
function nudged(h: Tensor, t: number, nudge?: Nudge): Tensor {
  return nudge?.t === t + 1 ? add(h, tensor(nudge.h, { shape: h.shape, dtype: 'float64' })) : h;
}

/** L = ½‖h_T‖². */
function halfSquaredNorm(h: Tensor): Tensor {
  return mul(sum(mul(h, h)), 0.5);
}

/** Backward from L, optional clip_grad_norm_, and the per-step norms times the clipping factor. */
function backward(s: GradientSettings, { loss, params, tracked }: Unrolled): ModelGradients {
  loss.backward();
  let paramNorm: number;
  let clipFactor = 1;
  if (s.clip) {
    paramNorm = clipGradNorm(params, s.maxNorm);
    // The factor clip_grad_norm_ applied, read back from the clipped gradients: one number for all of them.
    const after = gradNorm(params.map((p) => p.grad!.data));
    clipFactor = paramNorm > 0 ? after / paramNorm : 1;
  } else {
    paramNorm = gradNorm(params.map((p) => p.grad!.data));
  }
  const norms = {} as Record<Quantity, Float64Array | null>;
  for (const q of QUANTITIES) {
    const list = tracked[q];
    norms[q] = list ? Float64Array.from(list, (t) => clipFactor * l2(t.grad)) : null;
  }
  return { norms, paramNorm, clipFactor, loss: loss.item() };
}

function l2(g: Tensor | null): number {
  if (!g) return 0; // no path from this tensor to L
  let acc = 0;
  for (const v of g.data) acc += v * v;
  return Math.sqrt(acc);
}

/** Overwrites W_hh [gates·H, H] with `gates` stacked H×H orthogonal blocks times `scale`. */
function setRecurrent(weight: Tensor, H: number, gates: number, scale: number, rng: Rng): void {
  for (let g = 0; g < gates; g++) weight.data.set(orthogonal(H, H, rng, scale), g * H * H);
}

/** Validates settings (the URL and the worker both feed this) and returns them. */
export function checkSettings(s: GradientSettings): GradientSettings {
  const int = (name: string, v: number, lo: number, hi: number) => {
    if (!Number.isInteger(v) || v < lo || v > hi) throw new RangeError(`gradientNorms: ${name} expected an integer in [${lo}, ${hi}], got ${v}`);
  };
  int('T', s.T, T_MIN, T_MAX);
  int('hidden', s.hidden, 1, 128);
  int('seed', s.seed, 0, 2 ** 31 - 1);
  for (const [name, v] of [['scale', s.scale], ['forgetBias', s.forgetBias], ['maxNorm', s.maxNorm]] as const) {
    if (!Number.isFinite(v)) throw new RangeError(`gradientNorms: ${name} expected a finite number, got ${v}`);
  }
  if (s.maxNorm < 0) throw new RangeError(`gradientNorms: maxNorm expected a number ≥ 0, got ${s.maxNorm}`);
  return s;
}

/** Steps t (1-based) listed in the text alternative: the first, the last and a few evenly between. */
export function sampleSteps(T: number, count = 6): number[] {
  const steps = new Set<number>();
  for (let k = 0; k < count; k++) steps.add(1 + Math.round(((T - 1) * k) / (count - 1)));
  return [...steps].sort((a, b) => a - b);
}

/** ‖∂L/∂q_1‖ / ‖∂L/∂q_T‖: how much of the gradient at the last step is left at the first; null if q does not exist. */
export function firstToLastRatio(norms: Float64Array | null): number | null {
  if (!norms || norms.length === 0) return null;
  return norms[0] / norms[norms.length - 1];
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
const superscript = (n: number) => String(n).replace(/./g, (c) => SUPERSCRIPT[c]);

/** 3 significant digits, scientific with Unicode exponents: "3.21 × 10⁻¹⁸"; numbers in [1, 10) stay plain ("4.20"); ±∞ and NaN as symbols. */
export function formatSci(x: number, digits = 3): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  if (x === 0) return '0';
  const [mantissa, exp] = x.toExponential(digits - 1).split('e');
  const e = Number(exp);
  const m = mantissa.replace('-', '\u2212');
  if (e === 0) return m;
  return `${m} × 10${superscript(e)}`;
}

/**
 * A setting as the reader typed or slid it ("3", "0.5", "−3.5"): plain decimal, at most 6 significant digits
 * (so float noise never shows), with the typographic minus U+2212 like formatSci.
 */
export function formatSetting(x: number): string {
  if (!Number.isFinite(x)) return formatSci(x);
  return String(Number(x.toPrecision(6))).replace('-', '\u2212');
}
