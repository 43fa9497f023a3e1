/**
 * Scalar activations and their derivatives, used by lstmStep, the teaching widgets and the tests.
 * The derivatives take the pre-activation z (what the chapter writes as σ'(z) and tanh'(z)).
 */

/** Logistic sigmoid σ(z) = 1/(1+e^{-z}); never evaluates e^{+large}, so it is exact for |z| up to ±∞. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  // For z < 0, e^{-z} may overflow; e^{z}/(1+e^{z}) is the same value and stays finite.
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Hyperbolic tangent (Math.tanh saturates cleanly to ±1). */
export function tanh(z: number): number {
  return Math.tanh(z);
}

/** σ'(z) = σ(z)(1 − σ(z)). */
export function dsigmoid(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s);
}

/** tanh'(z) = 1 − tanh²(z). */
export function dtanh(z: number): number {
  const t = Math.tanh(z);
  return 1 - t * t;
}
