/** Fully connected layer, PyTorch's nn.Linear. */
import { allocFloat, type Tensor, type DType, type FloatArray } from '../tensor.ts';
import { gemm } from '../kernels/gemm.ts';
import { fmtShape } from '../shape.ts';
import { Module } from './module.ts';
import { linear } from '../ops/matmul.ts';
import { parameter, requireDtype, requireRng, requireSize, uniform_ } from './init.ts';
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

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
    checkOptions('Linear', opts, { inFeatures: 'any', outFeatures: 'any', bias: 'boolean', rng: 'any', dtype: 'any' });
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

  /**
   * Tape-free y = x·Wᵀ + b on flat arrays (generation loops): x [B·I] → out [B·O]. Pass `out` (and x of the
   * layer's array type) to allocate nothing.
   */
  forwardInto(x: ArrayLike<number>, out?: FloatArray): FloatArray {
    const I = this.inFeatures;
    const O = this.outFeatures;
    if (!x || x.length === 0 || x.length % I !== 0) {
      throw new Error(`Linear.forwardInto: x expected shape [B·${I}], got [${x?.length}]`);
    }
    const B = x.length / I;
    const dtype = this.weight.dtype;
    const y = out ?? allocFloat(dtype, B * O);
    if (y.length !== B * O) throw new Error(`Linear.forwardInto: out expected shape ${fmtShape([B * O])}, got [${y.length}]`);
    const W = this.weight.data;
    const xs = (dtype === 'float64' ? x instanceof Float64Array : x instanceof Float32Array) ? (x as FloatArray) : allocFloat(dtype, x.length);
    if (xs !== x) xs.set(x);
    if (this.bias) for (let r = 0; r < B; r++) y.set(this.bias.data, r * O);
    gemm(false, true, B, O, I, xs, 0, W, 0, y, 0, this.bias !== null);
    return y;
  }
}
