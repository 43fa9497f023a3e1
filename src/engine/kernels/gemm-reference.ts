import type { FloatArray } from './gemm.ts';

/**
 * The plain triple-loop matrix multiply that the fast `gemm` is tested against.
 *
 *   C[m×n] = op(A)[m×k] · op(B)[k×n]          (accumulate = false)
 *   C[m×n] += op(A)[m×k] · op(B)[k×n]         (accumulate = true)
 *
 * Same arguments and layout as `gemm` (see gemm.ts). Every product is formed, including 0 · NaN, so
 * NaN and Infinity propagate exactly as the definition says.
 */
export function gemmReference(
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
  if (!accumulate) c.fill(0, cOff, cOff + m * n);
  for (let i = 0; i < m; i++) {
    const cRow = cOff + i * n;
    for (let p = 0; p < k; p++) {
      const av = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
      if (transB) {
        for (let j = 0; j < n; j++) c[cRow + j] += av * b[bOff + j * k + p];
      } else {
        const bRow = bOff + p * n;
        for (let j = 0; j < n; j++) c[cRow + j] += av * b[bRow + j];
      }
    }
  }
}
