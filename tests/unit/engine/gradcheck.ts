/**
 * Finite-difference gradient check in float64.
 *
 * The function's output y (any shape) is reduced to L = Σ y ⊙ R with a fixed random R, so every output element
 * contributes with a different weight. Analytic ∂L/∂input from backward() is compared element by element with a
 * fourth-order central difference (f(x−2ε) − 8f(x−ε) + 8f(x+ε) − f(x+2ε)) / 12ε, whose truncation error is
 * O(ε⁴). Relative error = |analytic − numeric| / max(|analytic|, |numeric|, floor); the floor keeps
 * gradients that are exactly zero from dividing by zero.
 */
import { Tensor, add, mul, sum, noGrad, Rng } from '../../../src/engine/index.ts';

export interface GradcheckResult {
  maxRelError: number;
  worst: string;
  checked: number;
}

export interface GradcheckOptions {
  eps?: number;
  floor?: number;
  seed?: number;
  /** Check at most this many elements per input (spread evenly), to keep big layers fast. */
  maxPerInput?: number;
}

/** f may return one tensor or several (each gets its own random weights, all summed into one L). */
export function gradcheck(
  f: (...inputs: Tensor[]) => Tensor | Tensor[],
  inputs: Tensor[],
  opts: GradcheckOptions = {},
): GradcheckResult {
  const eps = opts.eps ?? 1e-4;
  const floor = opts.floor ?? 1e-4;
  for (const t of inputs) {
    if (t.dtype !== 'float64') throw new Error('gradcheck: inputs expected dtype float64, got ' + t.dtype);
  }
  const rng = new Rng(opts.seed ?? 1234);
  let weights: Tensor[] | null = null;
  const loss = (): Tensor => {
    const raw = f(...inputs);
    const outs = Array.isArray(raw) ? raw : [raw];
    weights ??= outs.map((o) => new Tensor(Float64Array.from({ length: o.size }, () => rng.uniform(-1, 1)), o.shape));
    return outs.map((o, k) => sum(mul(o, weights![k]))).reduce((a, b) => add(a, b));
  };
  for (const t of inputs) t.grad = null;
  loss().backward();
  const analytic = inputs.map((t) => (t.requiresGrad ? (t.grad ? Float64Array.from(t.grad.data) : new Float64Array(t.size)) : null));
  let maxRelError = 0;
  let worst = '';
  let checked = 0;
  noGrad(() => {
    inputs.forEach((t, a) => {
      const g = analytic[a];
      if (!g) return;
      const stride = opts.maxPerInput && t.size > opts.maxPerInput ? Math.ceil(t.size / opts.maxPerInput) : 1;
      for (let k = 0; k < t.size; k += stride) {
        const x0 = t.data[k];
        const at = (d: number): number => {
          t.data[k] = x0 + d;
          return loss().item();
        };
        const numeric = (at(-2 * eps) - 8 * at(-eps) + 8 * at(eps) - at(2 * eps)) / (12 * eps);
        t.data[k] = x0;
        const rel = Math.abs(g[k] - numeric) / Math.max(Math.abs(g[k]), Math.abs(numeric), floor);
        checked++;
        if (rel > maxRelError || Number.isNaN(rel)) {
          maxRelError = Number.isNaN(rel) ? Infinity : rel;
          worst = `input ${a} element ${k}: analytic ${g[k]}, numeric ${numeric}`;
        }
      }
    });
  });
  return { maxRelError, worst, checked };
}
