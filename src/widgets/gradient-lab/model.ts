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
import { LSTMCell, RNNCell, Rng, Tensor, add, clipGradNorm, gradNorm, lstmStep, mul, orthogonal, sum, tensor, zeros } from '../../engine/index.ts';
import { DEFAULT_SETTINGS, QUANTITIES, T_MAX, T_MIN, type GradientSettings, type Quantity } from './settings.ts';

export { DEFAULT_SETTINGS, QUANTITIES, T_MAX, T_MIN, type GradientSettings, type Quantity };

/** Size of each input x_t (fixed: the lab is about the recurrence, not the input). */
export const INPUT_SIZE = 4;

/**
 * The first step at which a quantity can be non-zero: h_0 = 0, so step 1 adds nothing to ∂L/∂W_hh and the
 * W_hh terms are compared from t = 2.
 */
export function firstStep(q: Quantity): number {
  return q === 'w' ? 2 : 1;
}
export const MODELS = ['rnn', 'lstm'] as const;
export type ModelKind = (typeof MODELS)[number];

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

export interface Unrolled {
  /** L = ½‖h_T‖² (a scalar on the tape). */
  loss: Tensor;
  params: Tensor[];
  /** x_t, h_t, C_t per step, gradients retained (C_t: LSTM only). */
  tracked: Record<'x' | 'h' | 'c', Tensor[] | null>;
  /**
   * W_hh ([H, H] or [4H, H]) and, per step, h_{t−1} and (after loss.backward()) ∂L/∂a_t, the gradient at the
   * step's pre-activation ([H] or [4H]): step t's term of ∂L/∂W_hh is ∂L/∂a_t · h_{t−1}ᵀ (recurrentTerm).
   */
  recurrent: { weight: Tensor; prev: Float64Array[]; preGrad: (() => Float64Array)[] };
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
  const prev: Float64Array[] = [];
  const preGrad: (() => Float64Array)[] = [];
  for (let t = 0; t < s.T; t++) {
    prev.push(Float64Array.from(h.data));
    const raw = rnn.forward(x[t], h); // tanh(a_t)
    h = nudged(raw, t, nudge).retainGrad();
    hs.push(h);
    // ∂L/∂a_t = ∂L/∂h_t ⊙ (1 − h_t²), tanh′ at this step (the nudge adds to h_t after the tanh).
    const out = h;
    preGrad.push(() => Float64Array.from(raw.data, (v, k) => (out.grad?.data[k] ?? 0) * (1 - v * v)));
  }
  return { loss: halfSquaredNorm(h), params: rnn.parameters(), tracked: { x, h: hs, c: null }, recurrent: { weight: rnn.weight_hh, prev, preGrad } };
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
  const prev: Float64Array[] = [];
  const preGrad: (() => Float64Array)[] = [];
  const H = s.hidden;
  const params = {
    inputSize: INPUT_SIZE,
    hiddenSize: H,
    weightIh: cell.weight_ih.data as Float64Array,
    weightHh: cell.weight_hh.data as Float64Array,
    biasIh: cell.bias_ih.data as Float64Array,
    biasHh: cell.bias_hh.data as Float64Array,
  };
  for (let t = 0; t < s.T; t++) {
    const hPrev = Float64Array.from(h.data);
    const cPrev = Float64Array.from(c.data);
    prev.push(hPrev);
    [h, c] = cell.forward(x[t], [h, c]);
    h = nudged(h, t, nudge);
    cs.push(c.retainGrad());
    hs.push(h.retainGrad());
    // The gates of this step (the readable lstmStep on the same weights), for ∂L/∂z_t from the retained
    // ∂L/∂C_t (total, through h_t too) and ∂L/∂h_t; a unit test sums the terms back to W_hh.grad.
    const gates = lstmStep(params, xs[t], hPrev, cPrev);
    const [ct, ht] = [c, h];
    preGrad.push(() => {
      const dz = new Float64Array(4 * H);
      for (let k = 0; k < H; k++) {
        const dC = ct.grad?.data[k] ?? 0;
        const dh = ht.grad?.data[k] ?? 0;
        const [i, f, g, o] = [gates.i[k], gates.f[k], gates.g[k], gates.o[k]];
        dz[k] = dC * g * i * (1 - i); // eq-input-gate
        dz[H + k] = dC * cPrev[k] * f * (1 - f); // eq-forget-gate
        dz[2 * H + k] = dC * i * (1 - g * g); // eq-candidate
        dz[3 * H + k] = dh * Math.tanh(gates.c[k]) * o * (1 - o); // eq-output-gate
      }
      return dz;
    });
  }
  return { loss: halfSquaredNorm(h), params: cell.parameters(), tracked: { x, h: hs, c: cs }, recurrent: { weight: cell.weight_hh, prev, preGrad } };
}

/** h_t plus the nudge when it is for step t (0-based here, 1-based in Nudge). */
function nudged(h: Tensor, t: number, nudge?: Nudge): Tensor {
  return nudge?.t === t + 1 ? add(h, tensor(nudge.h, { shape: h.shape, dtype: 'float64' })) : h;
}

/** L = ½‖h_T‖². */
function halfSquaredNorm(h: Tensor): Tensor {
  return mul(sum(mul(h, h)), 0.5);
}

/**
 * Step t's term of ∂L/∂W_hh (1-based t, after loss.backward()): ∂L/∂a_t · h_{t−1}ᵀ, [rows of W_hh, H]. The
 * terms of all steps sum to W_hh.grad before clipping (eq-bptt-sum).
 */
export function recurrentTerm({ recurrent }: Unrolled, t: number): Float64Array {
  const da = recurrent.preGrad[t - 1]();
  const h = recurrent.prev[t - 1];
  const [rows, H] = recurrent.weight.shape;
  const term = new Float64Array(rows * H);
  for (let r = 0; r < rows; r++) for (let k = 0; k < H; k++) term[r * H + k] = da[r] * h[k];
  return term;
}

/** Backward from L, optional clip_grad_norm_, and the per-step norms (see ModelGradients). */
function backward(s: GradientSettings, unrolled: Unrolled): ModelGradients {
  const { loss, params, tracked, recurrent } = unrolled;
  loss.backward();
  const norms = {} as Record<Quantity, Float64Array | null>;
  for (const q of ['x', 'h', 'c'] as const) {
    const list = tracked[q];
    norms[q] = list ? Float64Array.from(list, (t) => l2(t.grad?.data)) : null;
  }
  // ‖u·vᵀ‖_F = ‖u‖·‖v‖: the norm of a step's term without forming the matrix (recurrentTerm does, for tests).
  norms.w = Float64Array.from(recurrent.preGrad, (da, k) => l2(da()) * l2(recurrent.prev[k]));
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

function l2(v: ArrayLike<number> | undefined): number {
  if (!v) return 0; // no path from this tensor to L
  let acc = 0;
  for (let k = 0; k < v.length; k++) acc += v[k] * v[k];
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
