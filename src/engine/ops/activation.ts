/** Tensor versions of the chapter's σ and tanh (derivatives from the cached output: σ' = y(1−y), tanh' = 1−y²). */
import type { Tensor } from '../tensor.ts';
import { sigmoid as sigmoidScalar } from '../activations.ts';
import { unaryFromOutput } from './elementwise.ts';

/** σ(x) element-wise, any shape. */
export function sigmoid(x: Tensor): Tensor {
  return unaryFromOutput('sigmoid', x, sigmoidScalar, (y) => y * (1 - y));
}

/** tanh(x) element-wise, any shape. */
export function tanh(x: Tensor): Tensor {
  return unaryFromOutput('tanh', x, Math.tanh, (y) => 1 - y * y);
}
