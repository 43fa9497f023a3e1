/**
 * General matrix multiply on flat row-major arrays, the one kernel every dense op and the fused LSTM use.
 *
 *   C[m×n] = op(A)[m×k] · op(B)[k×n]          (accumulate = false)
 *   C[m×n] += op(A)[m×k] · op(B)[k×n]         (accumulate = true)
 *
 * op(A) = A when transA is false (A stored as m×k), Aᵀ when true (A stored as k×m); likewise for B
 * (k×n, or n×k when transB). Each operand starts at its offset and is contiguous, so a time step of a
 * time-major [T, B, X] buffer is addressed without copying.
 *
 * Float32 products of at least SIMD_MIN_WORK multiply-adds (except both operands transposed) run on a small
 * WebAssembly SIMD kernel (gemm-simd.ts, wasm/gemm-simd.c), about ten times faster than the JavaScript below;
 * everything else, and every product when WebAssembly SIMD is unavailable, runs in plain JavaScript.
 *
 * How it is fast in plain JavaScript (gemm-reference.ts holds the obvious triple loop it is tested against):
 * - a 4×4 register block: 16 sums live in locals while p runs, so each step loads 4 values of op(A) and 4 of
 *   op(B) for 16 multiply-adds, and C is touched once per block instead of once per product;
 * - all four transpose cases share one kernel written with strides, because every operand is read along
 *   p (the shared dimension) with a fixed step, whatever its storage order;
 * - the shared dimension is cut into slices of KC and the rows of C into slices of MC, so the rows of op(A)
 *   that a slice reads stay in cache while every column block of op(B) passes by;
 * - nothing is allocated and no product is skipped (0 · NaN stays NaN);
 * - one copy of the kernel per precision (gemm-f32.ts, gemm-f64.ts), so V8 sees a single array type in each.
 * On this path sums are kept in double precision locals and rounded once when stored, so Float32Array results are
 * at least as accurate as a float32 loop.
 */
import { gemmF32 } from './gemm-f32.ts';
import { gemmF64 } from './gemm-f64.ts';
import { gemmSimd, SIMD_MIN_WORK } from './gemm-simd.ts';

export type FloatArray = Float32Array | Float64Array;

export function gemm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  aOff: number,
  b: FloatArray,
  bOff: number,
  c: FloatArray,
  cOff: number,
  accumulate: boolean,
): void {
  checkArgs(m, n, k, a, aOff, b, bOff, c, cOff);
  if (m === 0 || n === 0) return;
  if (k === 0) {
    if (!accumulate) c.fill(0, cOff, cOff + m * n);
    return;
  }
  if (a instanceof Float32Array && b instanceof Float32Array && c instanceof Float32Array) {
    if (m * n * k >= SIMD_MIN_WORK && gemmSimd(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate)) return;
    gemmF32(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
  } else {
    // Float64, or a rare mix of precisions (which the float64 copy handles, only more slowly).
    gemmF64(transA, transB, m, n, k, a as Float64Array, aOff, b as Float64Array, bOff, c as Float64Array, cOff, accumulate);
  }
}

function checkArgs(
  m: number,
  n: number,
  k: number,
  a: FloatArray,
  aOff: number,
  b: FloatArray,
  bOff: number,
  c: FloatArray,
  cOff: number,
): void {
  if (!(m >= 0 && n >= 0 && k >= 0 && (m | 0) === m && (n | 0) === n && (k | 0) === k)) {
    throw new Error(`gemm: m, n, k must be non-negative integers, got m=${m}, n=${n}, k=${k}`);
  }
  if (!(aOff >= 0) || aOff + m * k > a.length) {
    throw new Error(`gemm: a needs ${m * k} elements from offset ${aOff}, but has length ${a.length}`);
  }
  if (!(bOff >= 0) || bOff + k * n > b.length) {
    throw new Error(`gemm: b needs ${k * n} elements from offset ${bOff}, but has length ${b.length}`);
  }
  if (!(cOff >= 0) || cOff + m * n > c.length) {
    throw new Error(`gemm: c needs ${m * n} elements from offset ${cOff}, but has length ${c.length}`);
  }
}
