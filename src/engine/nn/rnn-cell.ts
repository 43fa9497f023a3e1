/**
 * A single Elman RNN cell, PyTorch's nn.RNNCell with tanh (eq-rnn-recurrence):
 *
 *   h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t−1} + b_hh)
 *
 * Composed from tape ops, so stepping `h = cell.forward(x, h)` by hand and calling `h.retainGrad()` gives
 * ∂L/∂h_t at every step (the fused nn.RNN computes all steps inside one op).
 */
import { zeros, type Tensor, type DType } from '../tensor.ts';
import { Module } from './module.ts';
import { linear } from '../ops/matmul.ts';
import { add } from '../ops/elementwise.ts';
import { tanh } from '../ops/activation.ts';
import { checkTensor, checkShape, checkDtype } from '../ops/check.ts';
import { parameter, requireDtype, requireRng, requireSize, uniform_ } from './init.ts';
import { checkOptions } from '../options.ts';
import type { Rng } from '../rng.ts';

export interface RNNCellOptions {
  inputSize: number;
  hiddenSize: number;
  rng: Rng;
  dtype?: DType;
}

/** weight_ih [H, I], weight_hh [H, H], bias_ih [H], bias_hh [H], each U(±1/√H) in that order, like PyTorch. */
export class RNNCell extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly dtype: DType;
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor;
  bias_hh: Tensor;

  constructor(opts: RNNCellOptions) {
    super();
    checkOptions('RNNCell', opts, { inputSize: 'any', hiddenSize: 'any', rng: 'any', dtype: 'any' });
    const I = (this.inputSize = requireSize('RNNCell', 'inputSize', opts?.inputSize));
    const H = (this.hiddenSize = requireSize('RNNCell', 'hiddenSize', opts.hiddenSize));
    this.dtype = requireDtype('RNNCell', opts.dtype);
    const rng = requireRng('RNNCell', opts.rng);
    const b = 1 / Math.sqrt(H);
    this.weight_ih = uniform_(parameter([H, I], this.dtype), -b, b, rng);
    this.weight_hh = uniform_(parameter([H, H], this.dtype), -b, b, rng);
    this.bias_ih = uniform_(parameter([H], this.dtype), -b, b, rng);
    this.bias_hh = uniform_(parameter([H], this.dtype), -b, b, rng);
  }

  /** x: [B, I], h: [B, H] (zeros when omitted) → h_t [B, H]. */
  forward(x: Tensor, h?: Tensor | null): Tensor {
    const fn = 'RNNCell.forward';
    checkTensor(fn, 'x', x);
    checkShape(fn, 'x', x, ['B', this.inputSize]);
    checkDtype(fn, 'x', x, this.dtype);
    const B = x.shape[0];
    const hPrev = h ? checkTensor(fn, 'h', h) : zeros([B, this.hiddenSize], { dtype: this.dtype });
    checkShape(fn, 'h', hPrev, [B, this.hiddenSize]);
    checkDtype(fn, 'h', hPrev, this.dtype);
    return tanh(add(linear(x, this.weight_ih, this.bias_ih), linear(hPrev, this.weight_hh, this.bias_hh))); // eq-rnn-recurrence
  }
}
