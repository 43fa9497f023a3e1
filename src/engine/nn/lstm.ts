/** Multi-layer LSTM over sequences, PyTorch's nn.LSTM (each layer one fused op with a hand-written BPTT). */
import { Tensor, zeros, type DType } from '../tensor.ts';
import { Module } from './module.ts';
import { lstmLayer, WorkspacePool, type LstmLayerWeights } from '../ops/lstm-layer.ts';
import { concat, reshape, slice } from '../ops/reshape.ts';
import { checkTensor, checkShape, checkDtype } from '../ops/check.ts';
import { parameter, requireDtype, requireRng, requireSize, uniform_ } from './init.ts';
import { LstmStepper } from './lstm-stepper.ts';
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

export interface LSTMOptions {
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  batchFirst?: boolean;
  rng: Rng;
  dtype?: DType;
}

/**
 * Parameters per layer l (PyTorch names and layouts, gate order i, f, g, o):
 *   weight_ih_l{l} [4H, I_l] (I_0 = inputSize, I_l = H above), weight_hh_l{l} [4H, H], bias_ih_l{l} [4H], bias_hh_l{l} [4H],
 * all initialised U(−1/√H, 1/√H) like PyTorch, in that order from `rng`.
 */
export class LSTM extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  readonly batchFirst: boolean;
  readonly dtype: DType;
  private readonly _pools: WorkspacePool[] = [];

  constructor(opts: LSTMOptions) {
    super();
    checkOptions('LSTM', opts, { inputSize: 'any', hiddenSize: 'any', numLayers: 'any', batchFirst: 'boolean', rng: 'any', dtype: 'any' });
    this.inputSize = requireSize('LSTM', 'inputSize', opts?.inputSize);
    this.hiddenSize = requireSize('LSTM', 'hiddenSize', opts.hiddenSize);
    this.numLayers = requireSize('LSTM', 'numLayers', opts.numLayers ?? 1);
    this.batchFirst = opts.batchFirst ?? false;
    this.dtype = requireDtype('LSTM', opts.dtype);
    const rng = requireRng('LSTM', opts.rng);
    const H = this.hiddenSize;
    const bound = 1 / Math.sqrt(H);
    for (let l = 0; l < this.numLayers; l++) {
      const I = l === 0 ? this.inputSize : H;
      for (const [name, shape] of [[`weight_ih_l${l}`, [4 * H, I]], [`weight_hh_l${l}`, [4 * H, H]], [`bias_ih_l${l}`, [4 * H]], [`bias_hh_l${l}`, [4 * H]]] as const) {
        setField(this, name, uniform_(parameter(shape.slice(), this.dtype), -bound, bound, rng));
      }
      this._pools.push(new WorkspacePool());
    }
  }

  /** The four parameters of layer l. */
  layerWeights(l: number): LstmLayerWeights {
    const f = this as unknown as Record<string, Tensor>;
    return { weightIh: f[`weight_ih_l${l}`], weightHh: f[`weight_hh_l${l}`], biasIh: f[`bias_ih_l${l}`], biasHh: f[`bias_hh_l${l}`] };
  }

  /**
   * x: [T, B, I] (or [B, T, I] when batchFirst); state [h0, c0], each [numLayers, B, H], zeros when omitted.
   * Returns [output [T, B, H] (or [B, T, H]) = top layer's h_t for every t, [hN, cN] each [numLayers, B, H]].
   */
  forward(x: Tensor, state?: [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]] {
    const fn = 'LSTM.forward';
    const { inputSize: I, hiddenSize: H, numLayers: L } = this;
    checkTensor(fn, 'x', x);
    checkShape(fn, 'x', x, this.batchFirst ? ['B', 'T', I] : ['T', 'B', I]);
    checkDtype(fn, 'x', x, this.dtype);
    const B = this.batchFirst ? x.shape[0] : x.shape[1];
    let h0: Tensor;
    let c0: Tensor;
    if (state) {
      if (!Array.isArray(state) || state.length !== 2) throw new Error(`${fn}: state expected [h0, c0], got ${typeof state}`);
      h0 = checkTensor(fn, 'h0', state[0]);
      c0 = checkTensor(fn, 'c0', state[1]);
      checkShape(fn, 'h0', h0, [L, B, H]);
      checkShape(fn, 'c0', c0, [L, B, H]);
      checkDtype(fn, 'h0', h0, this.dtype);
      checkDtype(fn, 'c0', c0, this.dtype);
    } else {
      h0 = zeros([L, B, H], { dtype: this.dtype });
      c0 = zeros([L, B, H], { dtype: this.dtype });
    }
    let input = x;
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let l = 0; l < L; l++) {
      const hl = L === 1 ? reshape(h0, [B, H]) : reshape(slice(h0, 0, l, l + 1), [B, H]);
      const cl = L === 1 ? reshape(c0, [B, H]) : reshape(slice(c0, 0, l, l + 1), [B, H]);
      const [out, hN, cN] = lstmLayer(input, hl, cl, this.layerWeights(l), {
        batchFirst: this.batchFirst,
        pool: this._pools[l],
        name: fn,
      });
      hs.push(reshape(hN, [1, B, H]));
      cs.push(reshape(cN, [1, B, H]));
      input = out;
    }
    const hN = L === 1 ? hs[0] : concat(hs, 0);
    const cN = L === 1 ? cs[0] : concat(cs, 0);
    return [input, [hN, cN]];
  }

  /** A tape-free stepper for generation with its own preallocated state (see LstmStepper). */
  stepper(batchSize = 1): LstmStepper {
    return new LstmStepper(this, batchSize);
  }
}

/** Defines an enumerable field with a computed name (so Module discovers it as a parameter). */
export function setField(obj: object, name: string, value: unknown): void {
  Object.defineProperty(obj, name, { value, writable: true, enumerable: true, configurable: true });
}
