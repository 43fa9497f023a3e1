/** Elman RNN with tanh, PyTorch's nn.RNN; each layer is one fused op (ops/rnn-layer.ts) with a hand-written BPTT. */
import type { Tensor, DType } from '../tensor.ts';
import { Module } from './module.ts';
import { rnnLayer } from '../ops/rnn-layer.ts';
import { concat, reshape, slice, transpose } from '../ops/reshape.ts';
import { parameter, requireDtype, requireRng, requireSize, uniform_ } from './init.ts';
import { setField } from './lstm.ts';
import { prepareRecurrentInput } from './recurrent-input.ts';
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

export interface RNNOptions {
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  batchFirst?: boolean;
  nonlinearity?: 'tanh';
  rng: Rng;
  dtype?: DType;
}

/**
 * eq-rnn-recurrence: h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh).
 * Per layer l: weight_ih_l{l} [H, I_l], weight_hh_l{l} [H, H], bias_ih_l{l} [H], bias_hh_l{l} [H], init U(±1/√H).
 */
export class RNN extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly batchFirst: boolean;
  readonly dtype: DType;

  constructor(opts: RNNOptions) {
    super();
    checkOptions('RNN', opts, { inputSize: 'any', hiddenSize: 'any', numLayers: 'any', batchFirst: 'boolean', nonlinearity: 'any', rng: 'any', dtype: 'any' });
    this.inputSize = requireSize('RNN', 'inputSize', opts?.inputSize);
    this.hiddenSize = requireSize('RNN', 'hiddenSize', opts.hiddenSize);
    this.numLayers = requireSize('RNN', 'numLayers', opts.numLayers ?? 1);
    this.batchFirst = opts.batchFirst ?? false;
    this.dtype = requireDtype('RNN', opts.dtype);
    if ((opts.nonlinearity ?? 'tanh') !== 'tanh') throw new Error(`RNN: nonlinearity expected 'tanh', got ${String(opts.nonlinearity)}`);
    const rng = requireRng('RNN', opts.rng);
    initRecurrent(this, 1, rng);
  }

  /** x: [T, B, I] (or [B, T, I]); h0 [numLayers, B, H] or zeros → [output [T, B, H] (or [B, T, H]), hN [numLayers, B, H]]. */
  forward(x: Tensor, h0?: Tensor | null): [Tensor, Tensor] {
    const { xs, h0: h0All, B } = prepareRecurrentInput('RNN.forward', x, h0, this);
    const H = this.hiddenSize;
    const f = this as unknown as Record<string, Tensor>;
    let input = xs;
    const finals: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      const h0l = reshape(slice(h0All, 0, l, l + 1), [B, H]);
      const w = { weightIh: f[`weight_ih_l${l}`], weightHh: f[`weight_hh_l${l}`], biasIh: f[`bias_ih_l${l}`], biasHh: f[`bias_hh_l${l}`] };
      const [out, hN] = rnnLayer(input, h0l, w, 'RNN.forward'); // one fused op per layer, BPTT by hand
      finals.push(reshape(hN, [1, B, H]));
      input = out;
    }
    const out = this.batchFirst ? transpose(input, 0, 1) : input;
    return [out, this.numLayers === 1 ? finals[0] : concat(finals, 0)];
  }
}

/** Creates weight_ih_l{l}, weight_hh_l{l}, bias_ih_l{l}, bias_hh_l{l} with `gates`·H rows, U(±1/√H), PyTorch order. */
export function initRecurrent(
  m: Module & { inputSize: number; hiddenSize: number; numLayers: number; dtype: DType },
  gates: number,
  rng: Rng,
): void {
  const H = m.hiddenSize;
  const bound = 1 / Math.sqrt(H);
  for (let l = 0; l < m.numLayers; l++) {
    const I = l === 0 ? m.inputSize : H;
    setField(m, `weight_ih_l${l}`, uniform_(parameter([gates * H, I], m.dtype), -bound, bound, rng));
    setField(m, `weight_hh_l${l}`, uniform_(parameter([gates * H, H], m.dtype), -bound, bound, rng));
    setField(m, `bias_ih_l${l}`, uniform_(parameter([gates * H], m.dtype), -bound, bound, rng));
    setField(m, `bias_hh_l${l}`, uniform_(parameter([gates * H], m.dtype), -bound, bound, rng));
  }
}
