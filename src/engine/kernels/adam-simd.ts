/**
 * The Adam / AdamW update of one float32 parameter tensor on the WebAssembly module (wasm/adam.c): θ, ∂θ, m and v
 * are copied in, updated in one call, and θ, m, v copied back. The kernel does the float64 operations of the
 * loop in optim/adam.ts in the same order, so the results are the same bits; that loop stays the reference and
 * runs for float64 and wherever the module is not in use.
 */
import { heapF32, scratch, simdKernel } from './wasm-heap.ts';

/** Scalars of one update, as optim/adam.ts computes them for step t. */
export interface AdamScalars {
  beta1: number;
  beta2: number;
  /** η / (1 − β₁ᵗ) */
  stepSize: number;
  /** √(1 − β₂ᵗ) */
  bc2Sqrt: number;
  eps: number;
  /** λ */
  weightDecay: number;
  /** 1 − η·λ for AdamW, else 1 */
  decay: number;
  decoupled: boolean;
}

/**
 * θ, m, v [n] updated in place from ∂θ [n] (all float32, the same length). Returns false, doing nothing, when the
 * module is not in use.
 */
export function adamStepSimd(theta: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, s: AdamScalars): boolean {
  const k = simdKernel();
  if (!k) return false;
  const n = theta.length;
  const a4 = (x: number) => (x + 3) & ~3;
  const pt = scratch(4 * 4 * a4(n)) >> 2;
  const pg = pt + a4(n);
  const pm = pg + a4(n);
  const pv = pm + a4(n);
  const mem = heapF32();
  mem.set(theta, pt);
  mem.set(grad, pg);
  mem.set(m, pm);
  mem.set(v, pv);
  k.adam_f32(n, pt * 4, pg * 4, pm * 4, pv * 4, s.beta1, 1 - s.beta1, s.beta2, 1 - s.beta2, s.stepSize, s.bc2Sqrt, s.eps,
    s.weightDecay, s.decay, s.decoupled ? 1 : 0);
  theta.set(mem.subarray(pt, pt + n));
  m.set(mem.subarray(pm, pm + n));
  v.set(mem.subarray(pv, pv + n));
  return true;
}
