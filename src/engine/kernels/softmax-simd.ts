/**
 * Softmax cross-entropy for float32 logits and class ids on the WebAssembly SIMD kernels
 * (wasm/softmax-xent.c), one block of rows at a time: the forward pass keeps two numbers per row, the backward
 * pass recomputes each block's probabilities while it writes the gradient, so at most one block of
 * probabilities exists at any time (a [N, C] matrix of them would be 33 MB at N = 2048, C = 4000). e^x comes
 * from wasm/simd-math.h (float32, the same bits in every browser); the float64 loop in ops/cross-entropy.ts,
 * with exp from exact-math.ts, is the reference.
 */
import { heapF32, heapI32, scratch, simdKernel } from './wasm-heap.ts';

/** Rows per block: about 64k logits (256 kB), so that a block stays in cache between its passes. */
const rowsPerBlock = (C: number) => Math.max(1, Math.floor(65536 / Math.max(C, 1)));

/**
 * For each row n of z [N, C]: stats[2n] = max_n and stats[2n+1] = s_n = Σ_c e^{z[n,c] − max_n}, so that
 * log softmax(z_n)_c = z[n,c] − max_n − log s_n. Returns false, doing nothing, when the module is not in use.
 */
export function softmaxStatsSimd(z: Float32Array, N: number, C: number, stats: Float32Array): boolean {
  const k = simdKernel();
  if (!k) return false;
  const R = Math.min(N, rowsPerBlock(C));
  const pz = scratch(4 * (R * C + 2 * R + 4)) >> 2;
  const ps = (pz + R * C + 3) & ~3;
  const mem = heapF32();
  for (let n0 = 0; n0 < N; n0 += R) {
    const rows = Math.min(R, N - n0);
    mem.set(z.subarray(n0 * C, (n0 + rows) * C), pz);
    k.softmax_rows(rows, C, pz * 4, 0, ps * 4);
    stats.set(mem.subarray(ps, ps + 2 * rows), 2 * n0);
  }
  return true;
}

/**
 * gz [N, C] += scale·(softmax(z_n) − onehot(ids[n])) for every row, from the stats of softmaxStatsSimd.
 * Returns false, doing nothing, when the module is not in use.
 */
export function softmaxXentGradSimd(
  z: Float32Array, N: number, C: number, stats: Float32Array, ids: Int32Array, scale: number, gz: Float32Array,
): boolean {
  const k = simdKernel();
  if (!k) return false;
  const R = Math.min(N, rowsPerBlock(C));
  const a4 = (n: number) => (n + 3) & ~3;
  const pz = scratch(4 * (2 * a4(R * C) + a4(2 * R) + a4(R))) >> 2;
  const pg = pz + a4(R * C);
  const ps = pg + a4(R * C);
  const pi = ps + a4(2 * R);
  const mem = heapF32();
  const ints = heapI32();
  for (let n0 = 0; n0 < N; n0 += R) {
    const rows = Math.min(R, N - n0);
    const block = gz.subarray(n0 * C, (n0 + rows) * C);
    mem.set(z.subarray(n0 * C, (n0 + rows) * C), pz);
    mem.set(block, pg);
    mem.set(stats.subarray(2 * n0, 2 * (n0 + rows)), ps);
    ints.set(ids.subarray(n0, n0 + rows), pi);
    k.softmax_xent_grad(rows, C, pz * 4, ps * 4, pi * 4, scale, pg * 4);
    block.set(mem.subarray(pg, pg + rows * C));
  }
  return true;
}
