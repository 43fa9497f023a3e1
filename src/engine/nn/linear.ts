/** Fully connected layer, PyTorch's nn.Linear. */
import type { Tensor, DType } from '../tensor.ts';
import { Module } from './module.ts';
import { linear } from '../ops/matmul.ts';
import { parameter, requireDtype, requireRng, requireSize, uniform_ } from './init.ts';
import type { Rng } from '../rng.ts';

export interface LinearOptions {
  inFeatures: number;
  outFeatures: number;
  bias?: boolean;
  rng: Rng;
  dtype?: DType;
}

/**
 * y = x·Wᵀ + b. weight [O, I], bias [O]. Init as PyTorch: kaiming_uniform(a=√5) on the weight, which is
 * U(−1/√I, 1/√I), and the bias U(−1/√I, 1/√I).
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  weight: Tensor;
  bias: Tensor | null;

  constructor(opts: LinearOptions) {
    super();
    const I = requireSize('Linear', 'inFeatures', opts?.inFeatures);
    const O = requireSize('Linear', 'outFeatures', opts.outFeatures);
    const rng = requireRng('Linear', opts.rng);
    const dtype = requireDtype('Linear', opts.dtype);
    this.inFeatures = I;
    this.outFeatures = O;
    const bound = 1 / Math.sqrt(I);
    this.weight = uniform_(parameter([O, I], dtype), -bound, bound, rng);
    this.bias = opts.bias === false ? null : uniform_(parameter([O], dtype), -bound, bound, rng);
  }

  /** x: [..., I] → [..., O]. */
  forward(x: Tensor): Tensor {
    return linear(x, this.weight, this.bias);
  }
}
