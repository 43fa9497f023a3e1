/**
 * What the gradient lab shows, computed without the DOM (the build's static table, the Web Worker and the
 * tests all call this module): a vanilla RNN and an LSTM read the same random sequence x_1 … x_T, the loss
 * is L = ½‖h_T‖² on the last hidden state, and the engine's backward pass gives, for every step t,
 *
 *   ‖∂L/∂x_t‖, ‖∂L/∂h_t‖, (LSTM only) ‖∂L/∂C_t‖, and ‖(∂L/∂W_hh)_t‖, step t's term of the recurrent
 *   weight gradient ∂L/∂W_hh = Σ_t ∂L/∂a_t · h_{t−1}ᵀ (eq-bptt-sum; a_t is the step's pre-activation).
 *
 * Gradient clipping is PyTorch's clip_grad_norm_ on the parameters' gradients after the backward pass: it
 * multiplies ∇θL (so ∂L/∂W_hh and each of its step terms) by one factor and leaves ∂L/∂x_t, ∂L/∂h_t and
 * ∂L/∂C_t as they were. The result says exactly that: the state gradients unclipped, the W_hh terms before
 * and after, and ‖∇θL‖ before and after.
 *
 * Both models are unrolled one step at a time on the tape in float64, with `.retainGrad()` on each h_t and
 * C_t, so the numbers are PyTorch's `retain_grad()` gradients, not a formula. Chapter 1.2 and the BPTT
 * section of chapter 4 (eq-rnn-jacobian-product) explain why the RNN's curve falls (or rises)
 * geometrically: ∂h_T/∂h_t is a product of T − t Jacobians diag(1 − h_k²)·W_hh.
 *
 * Initialisation (seeded): W_ih and the biases U(±1/√H) as in PyTorch; every H×H block of W_hh is a random
 * orthogonal matrix times the scale s, so ‖W_hh‖ = s exactly: with s < 1 the RNN's gradient must vanish,
 * with s > 1 it can explode.
 */
import { Rng } from '../../engine/rng.ts';
import { Tensor, tensor, zeros } from '../../engine/tensor.ts';
import { linear } from '../../engine/ops/matmul.ts';
import { add, mul } from '../../engine/ops/elementwise.ts';
import { sigmoid, tanh } from '../../engine/ops/activation.ts';
import { slice } from '../../engine/ops/reshape.ts';
import { sum } from '../../engine/ops/reduce.ts';
import { RNN } from '../../engine/nn/rnn.ts';
import { LSTMCell } from '../../engine/nn/lstm-cell.ts';
import { clipGradNorm, gradNorm } from '../../engine/optim/clip.ts';
import { orthogonal } from '../../engine/keras/initializers.ts';

/** Size of each input x_t (fixed: the lab is about the recurrence, not the input). */
export const INPUT_SIZE = 4;
export const T_MIN = 2;
export const T_MAX = 200;

export const QUANTITIES = ['x', 'h', 'c', 'w'] as const;
/** ∂L/∂x_t, ∂L/∂h_t, ∂L/∂C_t (the RNN has no C_t), or step t's term of ∂L/∂W_hh. */
export type Quantity = (typeof QUANTITIES)[number];

/**
 * The first step at which a quantity can be non-zero: h_0 = 0, so step 1 adds nothing to ∂L/∂W_hh and the
 * W_hh terms are compared from t = 2.
 */
export function firstStep(q: Quantity): number {
  return q === 'w' ? 2 : 1;
}
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
  /**
   * ‖∂L/∂x_t‖, ‖∂L/∂h_t‖, ‖∂L/∂C_t‖ and ‖(∂L/∂W_hh)_t‖ for t = 1 … T (index t − 1), from the backward pass,
   * before any clipping (clipping never changes the first three).
   */
  norms: Record<Quantity, Float64Array | null>;
  /** ‖(∂L/∂W_hh)_t‖ after clip_grad_norm_ (the terms of the clipped ∂L/∂W_hh); equal to norms.w without clipping. */
  clippedW: Float64Array;
  /** Total L2 norm of the parameter gradient ∇θL before clipping. */
  paramNorm: number;
  /** ‖∇θL‖ after clip_grad_norm_, read back from the clipped gradients (paramNorm without clipping). */
  clippedNorm: number;
  /** The factor clip_grad_norm_ multiplied every parameter gradient by: min(1, maxNorm / (‖∇θL‖ + 1e-6)); 1 without clipping. */
  clipFactor: number;
  /** L = ½‖h_T‖². */
  loss: number;
}

export type GradientResult = Record<ModelKind, ModelGradients>;

/**
 * The curve the chart draws for quantity q: with clipping on, the W_hh terms after clip_grad_norm_; every
 * other quantity as the backward pass left it, since clipping does not touch it. Null when q does not exist.
 */
export function curveOf(m: ModelGradients, q: Quantity, clip: boolean): Float64Array | null {
  return q === 'w' && clip ? m.clippedW : m.norms[q];
}

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

/** The vanilla RNN, seeded: U(±1/√H) for W_ih and the biases, s·orthogonal for W_hh. */
export function makeRnn(s: GradientSettings): RNN {
  const rng = new Rng(s.seed * 2 + 1);
  const rnn = new RNN({ inputSize: INPUT_SIZE, hiddenSize: s.hidden, rng, dtype: 'float64' });
  setRecurrent(param(rnn, 'weight_hh_l0'), s.hidden, 1, s.scale, rng);
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
 * A small change added to h_t or C_t right after step t computes it (1-based t); tests use it to take
 * finite differences of L with respect to a hidden or cell state.
 */
export interface Nudge {
  t: number;
  h?: Float64Array;
  c?: Float64Array;
}

export interface Unrolled {
  /** L = ½‖h_T‖² (a scalar on the tape). */
  loss: Tensor;
  params: Tensor[];
  /** x_t, h_t, C_t per step, gradients retained (C_t: LSTM only). */
  tracked: Record<'x' | 'h' | 'c', Tensor[] | null>;
  /**
   * W_hh ([H, H] or [4H, H]) and, per step, the pre-activation a_t ([1, H] or [1, 4H], gradient retained) and
   * h_{t−1} ([1, H]): step t's term of ∂L/∂W_hh is ∂L/∂a_tᵀ · h_{t−1} (recurrentTerm).
   */
  recurrent: { weight: Tensor; pre: Tensor[]; prev: Tensor[] };
}

/** Runs one model forward over the sequence on the tape (nothing is back-propagated yet). */
export function unroll(kind: ModelKind, s: GradientSettings, xs: Float64Array[], nudge?: Nudge): Unrolled {
  return kind === 'rnn' ? unrollRnn(s, xs, nudge) : unrollLstm(s, xs, nudge);
}

/** h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh) (eq-rnn-recurrence), unrolled so each h_t keeps its gradient. */
function unrollRnn(s: GradientSettings, xs: Float64Array[], nudge?: Nudge): Unrolled {
  const rnn = makeRnn(s);
  const [wIh, wHh, bIh, bHh] = ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0'].map((n) => param(rnn, n));
  const x = xs.map((v) => tensor(v, { shape: [1, INPUT_SIZE], dtype: 'float64', requiresGrad: true }));
  let h = zeros([1, s.hidden], { dtype: 'float64' });
  const hs: Tensor[] = [];
  const pre: Tensor[] = [];
  const prev: Tensor[] = [];
  for (let t = 0; t < s.T; t++) {
    prev.push(h);
    const a = add(linear(x[t], wIh, bIh), linear(h, wHh, bHh)).retainGrad(); // a_t, [1, H]
    pre.push(a);
    h = tanh(a);
    if (nudge?.t === t + 1 && nudge.h) h = add(h, tensor(nudge.h, { shape: [1, s.hidden], dtype: 'float64' }));
    hs.push(h.retainGrad());
  }
  return { loss: halfSquaredNorm(h), params: rnn.parameters(), tracked: { x, h: hs, c: null }, recurrent: { weight: wHh, pre, prev } };
}

/**
 * The LSTM's six equations written out with tape ops on the cell's own parameters (the same numbers as
 * LSTMCell.forward, which a unit test checks), so that h_t = o_t * tanh(C_t) is an op on C_t and C_t's
 * retained gradient is the total derivative ∂L/∂C_t, as in PyTorch.
 */
function unrollLstm(s: GradientSettings, xs: Float64Array[], nudge?: Nudge): Unrolled {
  const cell = makeLstm(s);
  const H = s.hidden;
  const x = xs.map((v) => tensor(v, { shape: [1, INPUT_SIZE], dtype: 'float64', requiresGrad: true }));
  let h = zeros([1, H], { dtype: 'float64' });
  let c = zeros([1, H], { dtype: 'float64' });
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  const pre: Tensor[] = [];
  const prev: Tensor[] = [];
  for (let t = 0; t < s.T; t++) {
    prev.push(h);
    // [1, 4H] pre-activations, rows i, f, g, o (PyTorch order)
    const z = add(linear(x[t], cell.weight_ih, cell.bias_ih), linear(h, cell.weight_hh, cell.bias_hh)).retainGrad();
    pre.push(z);
    const i = sigmoid(slice(z, 1, 0, H)); // eq-input-gate
    const f = sigmoid(slice(z, 1, H, 2 * H)); // eq-forget-gate
    const g = tanh(slice(z, 1, 2 * H, 3 * H)); // eq-candidate (C̃_t)
    const o = sigmoid(slice(z, 1, 3 * H, 4 * H)); // eq-output-gate
    c = add(mul(f, c), mul(i, g)); // eq-cell-state
    if (nudge?.t === t + 1 && nudge.c) c = add(c, tensor(nudge.c, { shape: [1, H], dtype: 'float64' }));
    h = mul(o, tanh(c)); // eq-hidden-state
    if (nudge?.t === t + 1 && nudge.h) h = add(h, tensor(nudge.h, { shape: [1, H], dtype: 'float64' }));
    cs.push(c.retainGrad());
    hs.push(h.retainGrad());
  }
  return { loss: halfSquaredNorm(h), params: cell.parameters(), tracked: { x, h: hs, c: cs }, recurrent: { weight: cell.weight_hh, pre, prev } };
}

/** L = ½‖h_T‖². */
function halfSquaredNorm(h: Tensor): Tensor {
  return mul(sum(mul(h, h)), 0.5);
}

/**
 * Step t's term of ∂L/∂W_hh (1-based t, after loss.backward()): ∂L/∂a_tᵀ · h_{t−1}, [rows of W_hh, H]. The
 * terms of all steps sum to W_hh.grad before clipping (eq-bptt-sum).
 */
export function recurrentTerm({ recurrent }: Unrolled, t: number): Float64Array {
  const da = recurrent.pre[t - 1].grad?.data;
  const h = recurrent.prev[t - 1].data;
  const [rows, H] = recurrent.weight.shape;
  const term = new Float64Array(rows * H);
  if (da) for (let r = 0; r < rows; r++) for (let k = 0; k < H; k++) term[r * H + k] = da[r] * h[k];
  return term;
}

/** Backward from L, optional clip_grad_norm_, and the per-step norms (see ModelGradients). */
function backward(s: GradientSettings, unrolled: Unrolled): ModelGradients {
  const { loss, params, tracked, recurrent } = unrolled;
  loss.backward();
  const norms = {} as Record<Quantity, Float64Array | null>;
  for (const q of ['x', 'h', 'c'] as const) {
    const list = tracked[q];
    norms[q] = list ? Float64Array.from(list, (t) => l2(t.grad)) : null;
  }
  // ‖u·vᵀ‖_F = ‖u‖·‖v‖: the norm of a step's term without forming the matrix (recurrentTerm does, for tests).
  norms.w = Float64Array.from(recurrent.pre, (a, k) => l2(a.grad) * l2(recurrent.prev[k]));
  if (!s.clip) {
    const paramNorm = gradNorm(params.map((p) => p.grad!.data));
    return { norms, clippedW: norms.w, paramNorm, clippedNorm: paramNorm, clipFactor: 1, loss: loss.item() };
  }
  const paramNorm = clipGradNorm(params, s.maxNorm);
  // What clip_grad_norm_ did, read back from the clipped gradients: one factor for every parameter, so
  // ∂L/∂W_hh, and with it each of its step terms, was multiplied by it.
  const clippedNorm = gradNorm(params.map((p) => p.grad!.data));
  const clipFactor = paramNorm > 0 ? clippedNorm / paramNorm : 1;
  return { norms, clippedW: norms.w.map((v) => v * clipFactor), paramNorm, clippedNorm, clipFactor, loss: loss.item() };
}

function l2(g: Tensor | null): number {
  if (!g) return 0; // no path from this tensor to L (or h_0 = 0)
  let acc = 0;
  for (const v of g.data) acc += v * v;
  return Math.sqrt(acc);
}

function param(m: RNN, name: string): Tensor {
  return (m as unknown as Record<string, Tensor>)[name];
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

/**
 * ‖∂L/∂q_first‖ / ‖∂L/∂q_T‖: how much of the gradient at the last step is left at the first (`first` is 1-based,
 * firstStep(q)); null if q does not exist.
 */
export function firstToLastRatio(norms: Float64Array | null, first = 1): number | null {
  if (!norms || norms.length < first) return null;
  return norms[first - 1] / norms[norms.length - 1];
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
