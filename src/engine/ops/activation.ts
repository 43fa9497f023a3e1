/**
 * σ and tanh for numbers and tensors. On tensors the derivative comes from the cached output:
 * σ' = y(1−y), tanh' = 1−y².
 */
import { Tensor } from '../tensor.ts';
import { sigmoid as sigmoidScalar, tanh as tanhScalar } from '../exact-math.ts';
import { unaryFromOutput } from './elementwise.ts';

/** σ(x) element-wise (any shape), or of a single number. */
export function sigmoid(x: number): number;
export function sigmoid(x: Tensor): Tensor;
export function sigmoid(x: number | Tensor): number | Tensor {
  if (typeof x === 'number') return sigmoidScalar(x);
  return unaryFromOutput('sigmoid', x, sigmoidScalar, (y) => y * (1 - y));
}

/** tanh(x) element-wise (any shape), or of a single number. */
export function tanh(x: number): number;
export function tanh(x: Tensor): Tensor;
export function tanh(x: number | Tensor): number | Tensor {
  if (typeof x === 'number') return tanhScalar(x);
  return unaryFromOutput('tanh', x, tanhScalar, (y) => 1 - y * y);
}
