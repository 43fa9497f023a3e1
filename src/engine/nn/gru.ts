/** Gated recurrent unit, PyTorch's nn.GRU (gate order r, z, n), composed from tape ops. */
import type { Tensor, DType } from '../tensor.ts';
import { Module } from './module.ts';
import { linear } from '../ops/matmul.ts';
import { add, mul, sub } from '../ops/elementwise.ts';
import { sigmoid, tanh } from '../ops/activation.ts';
import { concat, reshape, slice, transpose } from '../ops/reshape.ts';
import { requireDtype, requireRng, requireSize } from './init.ts';
import { initRecurrent } from './rnn.ts';
import { prepareRecurrentInput } from './recurrent-input.ts';
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

export interface GRUOptions {
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  batchFirst?: boolean;
  rng: Rng;
  dtype?: DType;
}

/**
 * PyTorch's equations (eq-gru; note r multiplies the whole recurrent term of n, bias included):
 *   r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)
 *   z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)
 *   n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))
 *   h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t-1}
 * Per layer: weight_ih_l{l} [3H, I_l], weight_hh_l{l} [3H, H], bias_ih_l{l} [3H], bias_hh_l{l} [3H], init U(±1/√H).
 */
export class GRU extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly batchFirst: boolean;
  readonly dtype: DType;

  constructor(opts: GRUOptions) {
    super();
    checkOptions('GRU', opts, { inputSize: 'any', hiddenSize: 'any', numLayers: 'any', batchFirst: 'boolean', rng: 'any', dtype: 'any' });
    this.inputSize = requireSize('GRU', 'inputSize', opts?.inputSize);
    this.hiddenSize = requireSize('GRU', 'hiddenSize', opts.hiddenSize);
    this.numLayers = requireSize('GRU', 'numLayers', opts.numLayers ?? 1);
    this.batchFirst = opts.batchFirst ?? false;
    this.dtype = requireDtype('GRU', opts.dtype);
    initRecurrent(this, 3, requireRng('GRU', opts.rng));
  }

  /** x: [T, B, I] (or [B, T, I]); h0 [numLayers, B, H] or zeros → [output, hN [numLayers, B, H]]. */
  forward(x: Tensor, h0?: Tensor | null): [Tensor, Tensor] {
    const { xs, h0: h0All, B, T } = prepareRecurrentInput('GRU.forward', x, h0, this);
    const H = this.hiddenSize;
    const f = this as unknown as Record<string, Tensor>;
    let input = xs;
    const finals: Tensor[] = [];
    for (let l = 0; l < this.numLayers; l++) {
      const gi = linear(input, f[`weight_ih_l${l}`], f[`bias_ih_l${l}`]); // [T, B, 3H], all steps at once
      let h = reshape(slice(h0All, 0, l, l + 1), [B, H]);
      const outs: Tensor[] = [];
      for (let t = 0; t < T; t++) {
        const git = reshape(slice(gi, 0, t, t + 1), [B, 3 * H]);
        const gh = linear(h, f[`weight_hh_l${l}`], f[`bias_hh_l${l}`]); // [B, 3H]
        const r = sigmoid(add(slice(git, 1, 0, H), slice(gh, 1, 0, H)));
        const z = sigmoid(add(slice(git, 1, H, 2 * H), slice(gh, 1, H, 2 * H)));
        const n = tanh(add(slice(git, 1, 2 * H, 3 * H), mul(r, slice(gh, 1, 2 * H, 3 * H))));
        h = add(n, mul(z, sub(h, n))); // (1 − z) ⊙ n + z ⊙ h_{t-1}
        outs.push(reshape(h, [1, B, H]));
      }
      finals.push(reshape(h, [1, B, H]));
      input = concat(outs, 0);
    }
    const out = this.batchFirst ? transpose(input, 0, 1) : input;
    return [out, this.numLayers === 1 ? finals[0] : concat(finals, 0)];
  }
}
