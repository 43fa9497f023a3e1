/**
 * Keras's default initialisers for the layers of the Keras-shaped model (chapter 5.1), drawn from a seeded Rng.
 * All return row-major Float64Array values; callers copy them into tensors of their dtype.
 *
 *   glorotUniform  U(−l, l), l = √(6 / (fanIn + fanOut))        LSTM kernel [I, 4H], Dense kernel [H, C]
 *   orthogonal     Q of the QR decomposition of a normal matrix  LSTM recurrent_kernel [H, 4H]
 *   lstmBias       zeros, except the forget-gate block set to 1 (unit_forget_bias = True)
 *
 * Keras draws from TensorFlow's generators, so the numbers differ from Keras's for the same seed; the
 * distributions and the properties (bounds, orthogonality, forget bias) are the same.
 */
import type { Rng } from '../rng.ts';

/** Glorot (Xavier) uniform for a `[fanIn, fanOut]` kernel: `[fanIn · fanOut]` values in (−l, l). */
export function glorotUniform(fanIn: number, fanOut: number, rng: Rng): Float64Array {
  checkDims('glorotUniform', fanIn, fanOut);
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const out = new Float64Array(fanIn * fanOut);
  for (let k = 0; k < out.length; k++) out[k] = rng.uniform(-limit, limit);
  return out;
}

/**
 * Keras's Orthogonal initialiser for a `[rows, cols]` matrix: draw A ~ N(0, 1) of shape
 * [max(rows, cols), min(rows, cols)], factor A = QR, multiply each column of Q by sign(R_jj) (so the result
 * is uniformly distributed over orthogonal matrices), and transpose when rows < cols.
 * The result W has orthonormal rows (W Wᵀ = I) when rows ≤ cols, orthonormal columns otherwise.
 * For the recurrent kernel [H, 4H] each gate's block U_i, U_f, U_c, U_o is part of one orthogonal system.
 */
export function orthogonal(rows: number, cols: number, rng: Rng, gain = 1): Float64Array {
  checkDims('orthogonal', rows, cols);
  const m = Math.max(rows, cols);
  const n = Math.min(rows, cols);
  const a = new Float64Array(m * n);
  for (let k = 0; k < a.length; k++) a[k] = rng.normal();
  const q = householderQ(a, m, n); // [m, n], signs already matched to diag(R) > 0
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < m; r++) {
    for (let c = 0; c < n; c++) {
      if (rows >= cols) out[r * cols + c] = gain * q[r * n + c];
      else out[c * cols + r] = gain * q[r * n + c]; // transpose: [n, m] = [rows, cols]
    }
  }
  return out;
}

/** LSTM bias `[4H]` in gate order i, f, c, o: zeros with the forget block f set to 1 (Jozefowicz et al. 2015). */
export function lstmBias(units: number, unitForgetBias = true): Float64Array {
  checkDims('lstmBias', units, 1);
  const b = new Float64Array(4 * units);
  if (unitForgetBias) b.fill(1, units, 2 * units);
  return b;
}

/**
 * Thin QR by Householder reflections of a row-major [m, n] matrix (m ≥ n). Returns Q [m, n] with orthonormal
 * columns, each column multiplied by sign(R_jj), i.e. the unique factor whose R has a positive diagonal.
 */
export function householderQ(a: Float64Array, m: number, n: number): Float64Array {
  const r = Float64Array.from(a);
  const vs: Float64Array[] = [];
  const signs = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    // Householder vector v for column j below the diagonal: H = I − 2vvᵀ/(vᵀv) maps it onto −sign·‖x‖ e_j.
    let norm = 0;
    for (let i = j; i < m; i++) norm += r[i * n + j] ** 2;
    norm = Math.sqrt(norm);
    const v = new Float64Array(m);
    const x0 = r[j * n + j];
    const alpha = x0 >= 0 ? -norm : norm;
    for (let i = j; i < m; i++) v[i] = r[i * n + j];
    v[j] -= alpha;
    let vv = 0;
    for (let i = j; i < m; i++) vv += v[i] * v[i];
    if (vv > 0) {
      for (let c = j; c < n; c++) {
        let dot = 0;
        for (let i = j; i < m; i++) dot += v[i] * r[i * n + c];
        const f = (2 * dot) / vv;
        for (let i = j; i < m; i++) r[i * n + c] -= f * v[i];
      }
    }
    vs.push(vv > 0 ? v.map((x) => x / Math.sqrt(vv)) : v);
    signs[j] = r[j * n + j] < 0 ? -1 : 1;
  }
  // Q = H_0 H_1 … H_{n−1} applied to the first n columns of the identity, back to front.
  const q = new Float64Array(m * n);
  for (let c = 0; c < n; c++) q[c * n + c] = 1;
  for (let j = n - 1; j >= 0; j--) {
    const v = vs[j];
    for (let c = 0; c < n; c++) {
      let dot = 0;
      for (let i = j; i < m; i++) dot += v[i] * q[i * n + c];
      for (let i = j; i < m; i++) q[i * n + c] -= 2 * dot * v[i];
    }
  }
  for (let i = 0; i < m; i++) for (let c = 0; c < n; c++) q[i * n + c] *= signs[c];
  return q;
}

function checkDims(fn: string, a: number, b: number): void {
  if (!Number.isInteger(a) || a < 1 || !Number.isInteger(b) || b < 1) {
    throw new Error(`${fn}: sizes expected positive integers, got ${a} × ${b}`);
  }
}
