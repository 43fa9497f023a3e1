/**
 * Gradient clipping by global norm (chapter 5.3), PyTorch's `torch.nn.utils.clip_grad_norm_`:
 *
 *   ‖g‖ = √(Σ_params Σ_j g_j²)                   (one L2 norm over every gradient together)
 *   g ← g · min(1, maxNorm / (‖g‖ + 1e-6))
 *
 * The direction of the full gradient is kept; only its length is capped. Returns ‖g‖ measured before clipping,
 * which is what a training log should plot. A NaN or infinite norm is returned as is and makes every gradient
 * NaN (PyTorch's default, error_if_nonfinite = false); the training step in train/ catches that case earlier.
 */
import type { FloatArray, Tensor } from '../tensor.ts';

/**
 * Scales the gradients of `params` in place so that their total norm is at most `maxNorm`.
 * @param params parameter tensors; those with `.grad === null` are ignored
 * @param maxNorm the largest allowed total norm (finite, ≥ 0)
 * @param normType 2 (default) or Infinity (largest absolute entry)
 * @returns the total norm before clipping (0 when no parameter has a gradient)
 */
export function clipGradNorm(params: Iterable<Tensor>, maxNorm: number, normType: 2 | number = 2): number {
  if (!(maxNorm >= 0) || !Number.isFinite(maxNorm)) {
    throw new Error(`clipGradNorm: maxNorm expected a finite number ≥ 0, got ${maxNorm}`);
  }
  if (normType !== 2 && normType !== Infinity) {
    throw new Error(`clipGradNorm: normType expected 2 or Infinity, got ${normType}`);
  }
  const grads = [...params].filter((p) => p.grad).map((p) => p.grad!.data);
  if (grads.length === 0) return 0;
  const total = gradNorm(grads, normType);
  const coef = Math.min(maxNorm / (total + 1e-6), 1); // NaN stays NaN, as torch.clamp does
  const scale = Number.isNaN(total) ? NaN : coef;
  // x · 1 is x, so a norm within the cap leaves every gradient as it is without a pass over them.
  if (scale !== 1) for (const g of grads) scaleInPlace(g, scale);
  return total;
}

/** Total norm of a list of gradient arrays (2-norm of all entries together, or the max-abs norm). */
export function gradNorm(grads: Iterable<ArrayLike<number>>, normType: 2 | number = 2): number {
  let acc = 0;
  // One small loop per array (the same order of operations as one loop over all entries): tight loops over a
  // typed array stay fast, where a loop body shared by every kind of array does not.
  for (const g of grads) acc = normType === Infinity ? maxAbs(g, acc) : addSquares(g, acc);
  return normType === Infinity ? acc : Math.sqrt(acc);
}

/** acc + Σ_j g_j², adding the squares one after another. */
function addSquares(g: ArrayLike<number>, acc: number): number {
  for (let j = 0; j < g.length; j++) {
    const x = g[j];
    acc += x * x;
  }
  return acc;
}

/** max(acc, max_j |g_j|); NaN anywhere gives NaN (Math.max propagates it). */
function maxAbs(g: ArrayLike<number>, acc: number): number {
  for (let j = 0; j < g.length; j++) acc = Math.max(acc, Math.abs(g[j]));
  return acc;
}

function scaleInPlace(g: FloatArray, scale: number): void {
  for (let j = 0; j < g.length; j++) g[j] *= scale;
}
