/*
 * The Adam (and AdamW) update for float32 parameters, one parameter tensor per call, in float64 arithmetic with
 * the same operations in the same order as the loop in optim/adam.ts, which stays the reference: every
 * intermediate is a double, each stored value (θ, m, v) is rounded to float32 once, so the results are the
 * bits JavaScript produces (IEEE-754 +, −, ×, ÷ and √ are exact-rounded, and -ffp-contract=off keeps them apart).
 *
 *   θ  [n]  parameters, updated in place          m [n]  first moment,  m ← β₁·m + (1 − β₁)·g
 *   g  [n]  gradient                              v [n]  second moment, v ← β₂·v + (1 − β₂)·g²
 *   θ ← θ − stepSize · m / (√v / √(1 − β₂ᵗ) + ε),   stepSize = η / (1 − β₁ᵗ)
 *
 * decoupled = 1 (AdamW): θ ← θ·decay first (decay = 1 − η·λ). Otherwise λ ≠ 0 adds λ·θ to the gradient.
 * oneMinusB1, oneMinusB2 are (1 − β₁), (1 − β₂) as JavaScript computes them.
 */
typedef float f32;
typedef double f64;

__attribute__((export_name("adam_f32")))
void adam_f32(int n, f32 *theta, const f32 *grad, f32 *m, f32 *v, f64 beta1, f64 oneMinusB1, f64 beta2,
              f64 oneMinusB2, f64 stepSize, f64 bc2Sqrt, f64 eps, f64 wd, f64 decay, int decoupled) {
  const int l2 = !decoupled && wd != 0;
  for (int j = 0; j < n; j++) {
    if (decoupled) theta[j] = (f32)((f64)theta[j] * decay);
    const f64 g = l2 ? (f64)grad[j] + wd * (f64)theta[j] : (f64)grad[j];
    m[j] = (f32)((f64)m[j] * beta1 + oneMinusB1 * g);
    v[j] = (f32)((f64)v[j] * beta2 + oneMinusB2 * g * g);
    theta[j] = (f32)((f64)theta[j] - stepSize * ((f64)m[j] / (__builtin_sqrt((f64)v[j]) / bc2Sqrt + eps)));
  }
}
