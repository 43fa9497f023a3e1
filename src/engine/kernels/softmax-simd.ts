/**
 * Row softmax of a float32 matrix on the WebAssembly SIMD kernel (wasm/softmax-xent.c), the forward half
 * of cross-entropy. e^x comes from wasm/simd-math.h (float32, the same bits in every browser); the float64
 * loop in ops/cross-entropy.ts, with exp from exact-math.ts, is the reference.
 */
import { heapF32, scratch, simdKernel } from './wasm-heap.ts';

/**
 * p[n] = e^{z[n] − max_n} / s_n for each row of z [N, C] into p [N, C]; stats [2N] receives max_n and
 * s_n = Σ_c e^{z[n,c] − max_n}, from which log softmax(z_n)_c = z[n,c] − max_n − log s_n. Returns false,
 * doing nothing, when the module is not available.
 */
export function softmaxRowsSimd(z: Float32Array, N: number, C: number, p: Float32Array, stats: Float32Array): boolean {
  const kernel = simdKernel();
  if (!kernel) return false;
  const size = N * C;
  const pz = scratch(4 * (2 * size + 2 * N + 8)) >> 2;
  const pp = (pz + size + 3) & ~3;
  const ps = (pp + size + 3) & ~3;
  const mem = heapF32();
  mem.set(z.subarray(0, size), pz);
  kernel.softmax_rows(N, C, pz * 4, pp * 4, ps * 4);
  p.set(mem.subarray(pp, pp + size));
  stats.set(mem.subarray(ps, ps + 2 * N));
  return true;
}
