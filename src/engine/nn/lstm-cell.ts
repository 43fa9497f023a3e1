/**
 * A single LSTM cell, PyTorch's nn.LSTMCell: one fused op up to C_t and o_t (ops/lstm-cell.ts), then
 * h_t = o_t ⊙ tanh(C_t) as ordinary ops, so that stepping `[h, c] = cell.forward(x, [h, c])` and calling
 * `c.retainGrad()` gives PyTorch's full ∂L/∂C_t (including the path through h_t).
 */
import { Tensor, zeros, type DType } from '../tensor.ts';
import { Module } from './module.ts';
import { lstmCellState } from '../ops/lstm-cell.ts';
import { mul } from '../ops/elementwise.ts';
import { tanh } from '../ops/activation.ts';
import { checkTensor, checkShape, checkDtype } from '../ops/check.ts';
import { parameter, requireDtype, requireRng, requireSize, uniform_ } from './init.ts';
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

export interface LSTMCellOptions {
  inputSize: number;
  hiddenSize: number;
  rng: Rng;
  dtype?: DType;
}

/** weight_ih [4H, I], weight_hh [4H, H], bias_ih [4H], bias_hh [4H], gate order i, f, g, o; init U(±1/√H). */
export class LSTMCell extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly dtype: DType;
  weight_ih: Tensor;
  weight_hh: Tensor;
  bias_ih: Tensor;
  bias_hh: Tensor;

  constructor(opts: LSTMCellOptions) {
    super();
    checkOptions('LSTMCell', opts, { inputSize: 'any', hiddenSize: 'any', rng: 'any', dtype: 'any' });
    const I = (this.inputSize = requireSize('LSTMCell', 'inputSize', opts?.inputSize));
    const H = (this.hiddenSize = requireSize('LSTMCell', 'hiddenSize', opts.hiddenSize));
    this.dtype = requireDtype('LSTMCell', opts.dtype);
    const rng = requireRng('LSTMCell', opts.rng);
    const b = 1 / Math.sqrt(H);
    this.weight_ih = uniform_(parameter([4 * H, I], this.dtype), -b, b, rng);
    this.weight_hh = uniform_(parameter([4 * H, H], this.dtype), -b, b, rng);
    this.bias_ih = uniform_(parameter([4 * H], this.dtype), -b, b, rng);
    this.bias_hh = uniform_(parameter([4 * H], this.dtype), -b, b, rng);
  }

  /** x: [B, I], state [h, c] each [B, H] (zeros when omitted) → [h_t, C_t] each [B, H]. */
  forward(x: Tensor, state?: [Tensor, Tensor] | null): [Tensor, Tensor] {
    const fn = 'LSTMCell.forward';
    const { inputSize: I, hiddenSize: H } = this;
    checkTensor(fn, 'x', x);
    checkShape(fn, 'x', x, ['B', I]);
    checkDtype(fn, 'x', x, this.dtype);
    const B = x.shape[0];
    const h = state ? checkTensor(fn, 'h', state[0]) : zeros([B, H], { dtype: this.dtype });
    const c = state ? checkTensor(fn, 'c', state[1]) : zeros([B, H], { dtype: this.dtype });
    checkShape(fn, 'h', h, [B, H]);
    checkShape(fn, 'c', c, [B, H]);
    checkDtype(fn, 'h', h, this.dtype);
    checkDtype(fn, 'c', c, this.dtype);
    const w = { weightIh: this.weight_ih, weightHh: this.weight_hh, biasIh: this.bias_ih, biasHh: this.bias_hh };
    const [cN, o] = lstmCellState(x, h, c, w, fn);
    const hN = mul(o, tanh(cN)); // eq-hidden-state: h_t = o_t ⊙ tanh(C_t), its own op so C_t's gradient includes this path
    return [hN, cN];
  }
}
