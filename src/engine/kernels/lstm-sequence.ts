/**
 * Raw-buffer kernels for one LSTM layer over a whole sequence (forward and backpropagation through time),
 * plus a tape-free single step for generation. PyTorch layout and gate order i, f, g, o:
 *   W_ih [4H, I], W_hh [4H, H], b_ih [4H], b_hh [4H]; the chapter's W_f·[h_{t-1}, x_t] + b_f is
 *   W_if·x_t + W_hf·h_{t-1} + b_if + b_hf (rows H..2H-1 of each; eq-weight-split).
 * Buffers are time-major: step t of a [T, B, X] buffer is the contiguous block at t·B·X.
 */
import { gemm, type FloatArray } from './gemm.ts';
import { sigmoid as exactSigmoid, tanh as exactTanh } from '../exact-math.ts';
import { LstmSimdBuffers, lstmBackwardSimd, lstmForwardSimd, lstmStepSimd } from './lstm-simd.ts';
import { simdKernel } from './wasm-heap.ts';

// Module-local bindings: some loaders (tsx in Node) compile imported names into property getters, which would
// sit between the hot loops and these calls; a local const keeps them direct and inlinable.
const sigmoid = exactSigmoid;
const tanh = exactTanh;

/**
 * Preallocated buffers for one layer and one (T, B) shape; reused across calls so steps allocate nothing.
 * Float32 workspaces keep their buffers in the WebAssembly module's memory when it is available (lstm-simd.ts,
 * `simd` set) and run both passes there; float64 ones, and float32 ones without WebAssembly SIMD, use the
 * JavaScript kernels below. The buffer getters return views that stay valid until module memory grows (the
 * next allocation): read them after such calls, do not keep them.
 */
export class LstmSequenceWorkspace {
  readonly T: number;
  readonly B: number;
  readonly I: number;
  readonly H: number;
  readonly float64: boolean;
  /** The buffers in WebAssembly memory, or null on the JavaScript path. */
  readonly simd: LstmSimdBuffers | null;
  private readonly js: { x: FloatArray; gates: FloatArray; c: FloatArray; h: FloatArray; tanhC: FloatArray; bias: FloatArray; oneHot: Int32Array } | null;
  /**
   * When every input row x_t[b] is one-hot (a character fed as a one-hot vector), W_ih·x_t is column
   * `oneHot[t·B + b]` of W_ih: the forward reads that column instead of multiplying by zeros, and ∂W_ih adds
   * each ∂z row into one column. Set `allowOneHot = false` to force the dense products (tests compare both).
   */
  allowOneHot = true;
  /** Whether the last forward took the one-hot path. */
  usedOneHot = false;
  private back: { dGates: FloatArray; dh: FloatArray; dc: FloatArray } | null = null;
  private dWihT: Float64Array | null = null;
  private wIhT: FloatArray | null = null;
  private dbSum: Float64Array | null = null;

  /** Whether a new workspace of this precision would run on WebAssembly SIMD (float32 and the module loaded). */
  static usesSimd(float64: boolean): boolean {
    return !float64 && simdKernel() !== null;
  }

  constructor(float64: boolean, T: number, B: number, I: number, H: number) {
    this.float64 = float64;
    this.T = T;
    this.B = B;
    this.I = I;
    this.H = H;
    if (LstmSequenceWorkspace.usesSimd(float64)) {
      this.simd = new LstmSimdBuffers(T, B, I, H);
      this.js = null;
    } else {
      const A = float64 ? Float64Array : Float32Array;
      this.simd = null;
      this.js = {
        x: new A(T * B * I),
        gates: new A(T * B * 4 * H),
        c: new A((T + 1) * B * H),
        h: new A((T + 1) * B * H),
        tanhC: new A(T * B * H),
        bias: new A(4 * H),
        oneHot: new Int32Array(T * B),
      };
    }
  }

  /** x_t for all t, [T, B, I] (the caller fills it). */
  get x(): FloatArray {
    return this.simd ? this.simd.f32('x', this.T * this.B * this.I) : this.js!.x;
  }
  /** Gate activations per step, [T, B, 4H], each row laid out [i_t | f_t | g_t | o_t] (cached for backward). */
  get gates(): FloatArray {
    return this.simd ? this.simd.f32('gates', this.T * this.B * 4 * this.H) : this.js!.gates;
  }
  /** C_{t} for t = -1..T-1, [(T+1), B, H]; block 0 is C_0 given by the caller (PyTorch's c0). */
  get c(): FloatArray {
    return this.simd ? this.simd.f32('c', (this.T + 1) * this.B * this.H) : this.js!.c;
  }
  /** h_{t} for t = -1..T-1, [(T+1), B, H]; block 0 is h0. Blocks 1..T are the layer's output. */
  get h(): FloatArray {
    return this.simd ? this.simd.f32('h', (this.T + 1) * this.B * this.H) : this.js!.h;
  }
  /** tanh(C_t), [T, B, H] (cached for backward). */
  get tanhC(): FloatArray {
    return this.simd ? this.simd.f32('tanhC', this.T * this.B * this.H) : this.js!.tanhC;
  }
  /** b_ih + b_hh, [4H]. */
  get bias(): FloatArray {
    return this.simd ? this.simd.f32('bias', 4 * this.H) : this.js!.bias;
  }
  /** The column of the 1 in each input row, [T·B], when usedOneHot. */
  get oneHot(): Int32Array {
    return this.simd ? this.simd.i32('oneHot', this.T * this.B) : this.js!.oneHot;
  }

  /** Frees the WebAssembly buffers now (otherwise they are freed when the workspace is collected). */
  dispose(): void {
    this.simd?.free();
  }

  matches(float64: boolean, T: number, B: number, I: number, H: number): boolean {
    return (
      this.float64 === float64 && this.T === T && this.B === B && this.I === I && this.H === H &&
      (this.simd !== null) === LstmSequenceWorkspace.usesSimd(float64)
    );
  }

  /** Backward scratch, allocated on first use: ∂pre-activations [T, B, 4H], running ∂h and ∂C [B, H]. */
  backwardBuffers(): { dGates: FloatArray; dh: FloatArray; dc: FloatArray } {
    if (!this.back) {
      const A = this.float64 ? Float64Array : Float32Array;
      const { T, B, H } = this;
      this.back = { dGates: new A(T * B * 4 * H), dh: new A(B * H), dc: new A(B * H) };
    }
    return this.back;
  }

  /** Float64 scratch [4H] for Σ ∂z (the bias gradient). */
  biasGradScratch(): Float64Array {
    this.dbSum ??= new Float64Array(4 * this.H);
    return this.dbSum;
  }

  /** W_ihᵀ [I, 4H] for the one-hot forward: column j of W_ih becomes a contiguous row to copy. */
  transposedInputWeights(): FloatArray {
    this.wIhT ??= this.float64 ? new Float64Array(this.I * 4 * this.H) : new Float32Array(this.I * 4 * this.H);
    return this.wIhT;
  }

  /** Float64 scratch [I, 4H] for the one-hot ∂W_ih (columns of ∂W_ih stored as contiguous rows). */
  oneHotScratch(): Float64Array {
    this.dWihT ??= new Float64Array(this.I * 4 * this.H);
    return this.dWihT;
  }
}

/** True when each of the `rows` rows of x ([rows, I]) holds a single 1 and zeros; records the column of each 1. */
function findOneHot(x: FloatArray, rows: number, I: number, cols: Int32Array): boolean {
  for (let r = 0; r < rows; r++) {
    let col = -1;
    const off = r * I;
    for (let k = 0; k < I; k++) {
      const v = x[off + k];
      if (v === 0) continue;
      if (v !== 1 || col >= 0) return false;
      col = k;
    }
    if (col < 0) return false;
    cols[r] = col;
  }
  return true;
}

/** True when no entry is NaN or ±Infinity (0·NaN = NaN in a dense product, so skipping zeros needs finite values). */
function allFinite(a: FloatArray, off: number, n: number): boolean {
  for (let k = off; k < off + n; k++) if (!Number.isFinite(a[k])) return false;
  return true;
}

/**
 * Forward pass over T steps. Reads ws.x, ws.h block 0 (h0) and ws.c block 0 (C0); writes gates, C_t, tanh C_t
 * and h_t for every step.
 */
export function lstmSequenceForward(
  ws: LstmSequenceWorkspace,
  wIh: FloatArray,
  wHh: FloatArray,
  bIh: FloatArray,
  bHh: FloatArray,
): void {
  const { T, B, I, H } = ws;
  const G = 4 * H;
  ws.usedOneHot = ws.allowOneHot && findOneHot(ws.x, T * B, I, ws.oneHot) && allFinite(wIh, 0, G * I);
  if (ws.simd) {
    lstmForwardSimd(ws.simd, ws.usedOneHot, wIh as Float32Array, wHh as Float32Array, bIh, bHh);
    return;
  }
  const { x, gates, c, h, tanhC, bias } = ws;
  for (let r = 0; r < G; r++) bias[r] = bIh[r] + bHh[r];
  if (ws.usedOneHot) {
    // W_ih·x_t for a one-hot x_t is a column of W_ih: exactly what the product would give, without the zeros.
    // Transposing W_ih once (4H·I values) turns each column read into a contiguous copy.
    const wT = ws.transposedInputWeights();
    for (let q = 0; q < G; q++) for (let j = 0; j < I; j++) wT[j * G + q] = wIh[q * I + j];
    const cols = ws.oneHot;
    for (let r = 0; r < T * B; r++) gates.set(wT.subarray(cols[r] * G, cols[r] * G + G), r * G);
  } else {
    // Input projection for all steps at once: gates[T·B, 4H] = X[T·B, I]·W_ihᵀ (the big, cache-friendly product).
    gemm(false, true, T * B, G, I, x, 0, wIh, 0, gates, 0, false);
  }
  for (let t = 0; t < T; t++) {
    const gOff = t * B * G;
    const prev = t * B * H; // h_{t-1}, C_{t-1}
    const cur = prev + B * H; // h_t, C_t
    // Recurrent part: gates[t] += h_{t-1}[B, H]·W_hhᵀ.
    gemm(false, true, B, G, H, h, prev, wHh, 0, gates, gOff, true);
    for (let b = 0; b < B; b++) {
      const row = gOff + b * G;
      for (let j = 0; j < H; j++) {
        const zi = gates[row + j] + bias[j];
        const zf = gates[row + H + j] + bias[H + j];
        const zg = gates[row + 2 * H + j] + bias[2 * H + j];
        const zo = gates[row + 3 * H + j] + bias[3 * H + j];
        const i = sigmoid(zi); // eq-input-gate:   i_t = σ(W_i·[h_{t-1}, x_t] + b_i)
        const f = sigmoid(zf); // eq-forget-gate:  f_t = σ(W_f·[h_{t-1}, x_t] + b_f)
        const g = tanh(zg); // eq-candidate:  C̃_t = tanh(W_C·[h_{t-1}, x_t] + b_C)
        const o = sigmoid(zo); // eq-output-gate:  o_t = σ(W_o·[h_{t-1}, x_t] + b_o)
        const k = b * H + j;
        const ct = f * c[prev + k] + i * g; // eq-cell-state: C_t = f_t * C_{t-1} + i_t * C̃_t
        const tc = tanh(ct);
        c[cur + k] = ct;
        tanhC[prev + k] = tc;
        h[cur + k] = o * tc; // eq-hidden-state: h_t = o_t * tanh(C_t)
        gates[row + j] = i;
        gates[row + H + j] = f;
        gates[row + 2 * H + j] = g;
        gates[row + 3 * H + j] = o;
      }
    }
  }
}

/** Gradient buffers for lstmSequenceBackward; null entries are skipped. All are ADDED into. */
export interface LstmSequenceGrads {
  /** ∂x, time-major [T, B, I] */
  dx: FloatArray | null;
  dh0: FloatArray | null;
  dc0: FloatArray | null;
  dWih: FloatArray | null;
  dWhh: FloatArray | null;
  dbIh: FloatArray | null;
  dbHh: FloatArray | null;
}

/**
 * Backpropagation through time for the forward pass that last filled `ws` (eq-bptt-cell, eq-bptt-gates).
 *
 * @param dOut ∂L/∂h_t from above for every step, time-major [T, B, H] (null: none)
 * @param dhN  ∂L/∂h_T of the final hidden state [B, H] (null: none)
 * @param dcN  ∂L/∂C_T of the final cell state [B, H] (null: none)
 */
export function lstmSequenceBackward(
  ws: LstmSequenceWorkspace,
  wIh: FloatArray,
  wHh: FloatArray,
  dOut: FloatArray | null,
  dhN: FloatArray | null,
  dcN: FloatArray | null,
  out: LstmSequenceGrads,
): void {
  if (ws.simd) {
    lstmBackwardSimd(ws.simd, ws.usedOneHot, wIh as Float32Array, wHh as Float32Array, dOut, dhN, dcN, out);
    return;
  }
  const { T, B, I, H, x, gates, c, h, tanhC } = ws;
  const G = 4 * H;
  const BH = B * H;
  const { dGates, dh, dc } = ws.backwardBuffers();
  // dh holds ∂L/∂h_t (from the output at t and from step t+1); dc holds dC_{t+1} ⊙ f_{t+1} (the cell's
  // direct path back through time, eq-bptt-cell).
  if (dhN) dh.set(dhN);
  else dh.fill(0);
  if (dcN) dc.set(dcN);
  else dc.fill(0);
  // Running sum of every ∂z: finite exactly when no ∂z is NaN or ±∞ (or, harmlessly, when it overflows).
  let check = 0;
  for (let t = T - 1; t >= 0; t--) {
    if (dOut) for (let k = 0; k < BH; k++) dh[k] += dOut[t * BH + k];
    const gOff = t * B * G;
    const prev = t * BH;
    for (let b = 0; b < B; b++) {
      const row = gOff + b * G;
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        const i = gates[row + j];
        const f = gates[row + H + j];
        const g = gates[row + 2 * H + j];
        const o = gates[row + 3 * H + j];
        const tc = tanhC[prev + k];
        // dC_t = dh_t ⊙ o_t ⊙ (1 − tanh² C_t) + dC_{t+1} ⊙ f_{t+1}
        const dC = dh[k] * o * (1 - tc * tc) + dc[k];
        const dO = dh[k] * tc; // do = dh ⊙ tanh C_t
        const dI = dC * g; // di = dC ⊙ g
        const dG = dC * i; // dg = dC ⊙ i
        const dF = dC * c[prev + k]; // df = dC ⊙ C_{t−1}
        // Through σ' = σ(1−σ) and tanh' = 1 − tanh² to the pre-activations (eq-bptt-gates).
        const zi = dI * i * (1 - i);
        const zf = dF * f * (1 - f);
        const zg = dG * (1 - g * g);
        const zo = dO * o * (1 - o);
        dGates[row + j] = zi;
        dGates[row + H + j] = zf;
        dGates[row + 2 * H + j] = zg;
        dGates[row + 3 * H + j] = zo;
        check += zi + zf + zg + zo;
        dc[k] = dC * f; // becomes dC_{t} ⊙ f_{t} for step t−1
      }
    }
    // ∂h_{t-1} = ∂z_t[B, 4H]·W_hh[4H, H]  (the recurrent path; the output gradient of t−1 is added next iteration)
    gemm(false, false, B, H, G, dGates, gOff, wHh, 0, dh, 0, false);
  }
  if (out.dh0) for (let k = 0; k < BH; k++) out.dh0[k] += dh[k];
  if (out.dc0) for (let k = 0; k < BH; k++) out.dc0[k] += dc[k];
  // Weight gradients for all steps in one product each: rows 0..T·B-1 of h are h_{t-1} for t = 0..T-1.
  if (out.dWhh) gemm(true, false, G, H, T * B, dGates, 0, h, 0, out.dWhh, 0, true); // ∂W_hh += Σ_t ∂z_tᵀ·h_{t-1}
  if (out.dWih) {
    if (ws.usedOneHot && Number.isFinite(check)) {
      // ∂W_ih[:, j] += ∂z_t[b] for each step whose input is one-hot at j (summed in float64, added once).
      const acc = ws.oneHotScratch();
      acc.fill(0);
      const cols = ws.oneHot;
      for (let r = 0; r < T * B; r++) {
        const src = r * G;
        const dst = cols[r] * G;
        for (let q = 0; q < G; q++) acc[dst + q] += dGates[src + q];
      }
      const d = out.dWih;
      for (let q = 0; q < G; q++) for (let j = 0; j < I; j++) d[q * I + j] += acc[j * G + q];
    } else {
      gemm(true, false, G, I, T * B, dGates, 0, x, 0, out.dWih, 0, true); // ∂W_ih += Σ_t ∂z_tᵀ·x_t
    }
  }
  if (out.dx) gemm(false, false, T * B, I, G, dGates, 0, wIh, 0, out.dx, 0, true); // ∂x_t += ∂z_t·W_ih
  if (out.dbIh || out.dbHh) {
    // Both biases enter every pre-activation with weight 1, so each gets Σ_{t,b} ∂z (summed once in float64).
    const db = ws.biasGradScratch();
    db.fill(0);
    for (let r = 0; r < T * B; r++) {
      const row = r * G;
      for (let q = 0; q < G; q++) db[q] += dGates[row + q];
    }
    if (out.dbIh) for (let q = 0; q < G; q++) out.dbIh[q] += db[q];
    if (out.dbHh) for (let q = 0; q < G; q++) out.dbHh[q] += db[q];
  }
}

/**
 * One tape-free step for generation: advances h, c ([B, H] each, in place) given x ([B, I] at xOff) or, when
 * `xIndex` ≥ 0, a one-hot input with its 1 at column xIndex (then x is ignored and W_ih·x is a column read).
 * `gates` is [B, 4H] scratch. Allocates nothing. Float32 runs on the WebAssembly module when it is in use
 * (lstm-simd.ts: one call per step), otherwise below.
 */
export function lstmStepInfer(
  B: number,
  I: number,
  H: number,
  x: FloatArray | null,
  xOff: number,
  xIndex: number,
  wIh: FloatArray,
  wHh: FloatArray,
  bIh: FloatArray,
  bHh: FloatArray,
  h: FloatArray,
  c: FloatArray,
  gates: FloatArray,
): void {
  if (h instanceof Float32Array && wIh instanceof Float32Array && wHh instanceof Float32Array && bIh instanceof Float32Array && bHh instanceof Float32Array) {
    const xs = xIndex >= 0 ? null : (x as Float32Array);
    if (lstmStepSimd(B, I, H, xs, xOff, xIndex, wIh, wHh, bIh, bHh, h, c as Float32Array)) return;
  }
  const G = 4 * H;
  // gates[B, 4H] = h_{t-1}[B, H]·W_hhᵀ (+ x_t[B, I]·W_ihᵀ) on gemm's SIMD path; then + b_ih + b_hh, and for a
  // one-hot x_t, W_ih·x_t is column xIndex of W_ih. (h is read here before the loop below overwrites it.)
  gemm(false, true, B, G, H, h, 0, wHh, 0, gates, 0, false);
  if (xIndex < 0) gemm(false, true, B, G, I, x!, xOff, wIh, 0, gates, 0, true);
  for (let b = 0; b < B; b++) {
    const hb = b * H;
    const gb = b * G;
    if (xIndex >= 0) {
      for (let q = 0; q < G; q++) gates[gb + q] += wIh[q * I + xIndex] + bIh[q] + bHh[q];
    } else {
      for (let q = 0; q < G; q++) gates[gb + q] += bIh[q] + bHh[q];
    }
    for (let j = 0; j < H; j++) {
      const i = sigmoid(gates[gb + j]); // eq-input-gate
      const f = sigmoid(gates[gb + H + j]); // eq-forget-gate
      const g = tanh(gates[gb + 2 * H + j]); // eq-candidate
      const o = sigmoid(gates[gb + 3 * H + j]); // eq-output-gate
      const ct = f * c[hb + j] + i * g; // eq-cell-state
      c[hb + j] = ct;
      h[hb + j] = o * tanh(ct); // eq-hidden-state
    }
  }
}
