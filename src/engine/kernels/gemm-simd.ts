/**
 * The WebAssembly SIMD path of gemm for float32 (kernel source: wasm/gemm-simd.c; module: wasm-heap.ts).
 *
 * Operands are copied into the module's scratch memory and the result copied back: O(mk + kn + mn) copying
 * against O(mnk) arithmetic, which is why gemm sends only products of at least SIMD_MIN_WORK multiply-adds
 * here. (The LSTM kernels keep their operands in module memory and call the products there, without copies.)
 * The kernel sums in float32 (four lanes, then the lanes), not in double like the JavaScript path, so the two
 * paths agree to float32 rounding, not bit for bit; which path runs depends only on the shapes, so a given
 * program gives the same bits on every run.
 */
import { heapF32, scratch, setSimdEnabled, simdKernel, simdStatus, type SimdStatus } from './wasm-heap.ts';

/** Products with fewer multiply-adds than this stay in JavaScript (copying would cost more than it saves). */
export const SIMD_MIN_WORK = 4096;

/** Whether the SIMD kernel is in use ('ready'), and if not, why. */
export function gemmSimdStatus(): SimdStatus {
  return simdStatus();
}

/** Turns the WebAssembly paths off (everything runs in JavaScript) or back on; see setSimdEnabled. */
export function setGemmSimdEnabled(enabled: boolean): void {
  setSimdEnabled(enabled);
}

/** Rounds a float index up to a multiple of 4 (16 bytes). */
const align4 = (x: number) => (x + 3) & ~3;

/**
 * gemm (same contract as gemm.ts) on the SIMD kernel. Returns false, doing nothing, when the kernel is not
 * available or the case is op(A)ᵀ·op(B)ᵀ (transA and transB both set), which the kernel does not cover.
 * Arguments are assumed checked by gemm.
 */
export function gemmSimd(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  c: Float32Array,
  cOff: number,
  accumulate: boolean,
): boolean {
  const kernel = simdKernel();
  if (!kernel || (transA && transB)) return false;
  // Operands go one after the other in scratch memory, each at a 16-byte boundary (indices in floats).
  const pa = scratch(4 * (align4(m * k) + align4(k * n) + m * n)) >> 2;
  const pb = align4(pa + m * k);
  const pc = align4(pb + k * n);
  const mem = heapF32();
  mem.set(a.subarray(aOff, aOff + m * k), pa);
  mem.set(b.subarray(bOff, bOff + k * n), pb);
  if (accumulate) mem.set(c.subarray(cOff, cOff + m * n), pc);
  if (transB) {
    // op(B) = Bᵀ with B stored n×k; A is m×k (transA is false here).
    kernel.gemm_bt(m, n, k, pa * 4, pb * 4, pc * 4, accumulate ? 1 : 0);
  } else {
    // B stored k×n; op(A)[i, p] at A[i·ars + p·acs].
    kernel.gemm_bn(m, n, k, pa * 4, transA ? 1 : k, transA ? m : 1, pb * 4, pc * 4, accumulate ? 1 : 0);
  }
  c.set(mem.subarray(pc, pc + m * n), cOff);
  return true;
}
