/**
 * Scalar activations and their derivatives, used by lstmStep, the teaching widgets and the tests.
 * The derivatives take the pre-activation z (what the chapter writes as σ'(z) and tanh'(z)).
 * Values come from exact-math.ts, so they are the same bits in every JavaScript engine.
 */
import { sigmoid as exactSigmoid, tanh as exactTanh } from './exact-math.ts';

/** Logistic sigmoid σ(z) = 1/(1+e^{-z}); never evaluates e^{+large}, so it is exact for |z| up to ±∞. */
export function sigmoid(z: number): number {
  return exactSigmoid(z);
}

/** Hyperbolic tangent (saturates cleanly to ±1). */
export function tanh(z: number): number {
  return exactTanh(z);
}

/** σ'(z) = σ(z)(1 − σ(z)). */
export function dsigmoid(z: number): number {
  const s = exactSigmoid(z);
  return s * (1 - s);
}

/** tanh'(z) = 1 − tanh²(z). */
export function dtanh(z: number): number {
  const t = exactTanh(z);
  return 1 - t * t;
}
