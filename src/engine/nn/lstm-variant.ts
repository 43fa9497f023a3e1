/**
 * LSTM variants for ablation studies (chapter 8.5, Greff et al. 2017, "LSTM: A Search Space Odyssey"):
 * one recurrent layer whose cell can drop, freeze, couple or extend the gates of the vanilla LSTM.
 * Composed from tape ops (linear, slice, sigmoid, tanh, add, mul), so its gradients are exact by
 * construction; the "vanilla" variant computes the same numbers as the fused `LSTM` layer.
 *
 * Vanilla cell (chapter 4; z_k = W_k·[h_{t-1}, x_t] + b_k, computed as W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh):
 *   i_t = σ(z_i)                       eq-input-gate
 *   f_t = σ(z_f)                       eq-forget-gate
 *   C̃_t = tanh(z_g)                    eq-candidate      (PyTorch's g_t)
 *   C_t = f_t * C_{t-1} + i_t * C̃_t    eq-cell-state
 *   o_t = σ(z_o)                       eq-output-gate
 *   h_t = o_t * tanh(C_t)              eq-hidden-state
 *
 * Variants (what changes; a fixed gate has no weight rows, so parameter counts differ):
 *   'no-forget-gate'   f_t ≡ 1:            C_t = C_{t-1} + i_t * C̃_t (the cell never forgets; 1997 LSTM)
 *   'no-input-gate'    i_t ≡ 1:            C_t = f_t * C_{t-1} + C̃_t
 *   'no-output-gate'   o_t ≡ 1:            h_t = tanh(C_t)
 *   'coupled'          f_t = 1 − i_t (CIFG): C_t = (1 − i_t) * C_{t-1} + i_t * C̃_t, no f rows
 *   'peepholes'        gates also see the cell through diagonal weights p ∈ ℝ^H (eq-peephole,
 *                      Gers & Schmidhuber 2000): i_t = σ(z_i + p_i * C_{t-1}), f_t = σ(z_f + p_f * C_{t-1}),
 *                      o_t = σ(z_o + p_o * C_t)
 *   'no-output-activation'                 h_t = o_t * C_t
 *
 * Parameters (PyTorch names and layout, single layer): weight_ih_l0 [G·H, I], weight_hh_l0 [G·H, H],
 * bias_ih_l0 [G·H], bias_hh_l0 [G·H], with the G computed gate blocks in PyTorch's order i, f, g, o minus the
 * fixed ones; 'peepholes' adds weight_pi_l0, weight_pf_l0, weight_po_l0 [H]. So the vanilla variant loads the
 * state dict of `new LSTM({ numLayers: 1 })` unchanged.
 */
import { ones, zeros, type Tensor, type DType } from '../tensor.ts';
import { Module } from './module.ts';
import { linear } from '../ops/matmul.ts';
import { add, mul } from '../ops/elementwise.ts';
import { sigmoid, tanh } from '../ops/activation.ts';
import { concat, reshape, slice, transpose } from '../ops/reshape.ts';
import { checkTensor, checkShape, checkDtype } from '../ops/check.ts';
import { parameter, requireDtype, requireRng, requireSize, uniform_ } from './init.ts';
import { setField } from './lstm.ts';
import { chronoForgetBiases } from './chrono.ts';
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

export const LSTM_VARIANTS = [
  'vanilla',
  'no-forget-gate',
  'no-input-gate',
  'no-output-gate',
  'coupled',
  'peepholes',
  'no-output-activation',
] as const;
export type LstmVariantName = (typeof LSTM_VARIANTS)[number];

type Block = 'i' | 'f' | 'g' | 'o';

/** Gate blocks with weight rows, in PyTorch order, for each variant. */
const BLOCKS: Record<LstmVariantName, readonly Block[]> = {
  vanilla: ['i', 'f', 'g', 'o'],
  'no-forget-gate': ['i', 'g', 'o'],
  'no-input-gate': ['f', 'g', 'o'],
  'no-output-gate': ['i', 'f', 'g'],
  coupled: ['i', 'g', 'o'],
  peepholes: ['i', 'f', 'g', 'o'],
  'no-output-activation': ['i', 'f', 'g', 'o'],
};

export interface LstmVariantOptions {
  inputSize: number;
  hiddenSize: number;
  variant: LstmVariantName;
  /** Time-major [T, B, I] by default, like nn.LSTM. */
  batchFirst?: boolean;
  rng: Rng;
  dtype?: DType;
  /**
   * Bias initialisation after the U(±1/√H) draw:
   *   { forgetBias: b }  the forget block of bias_ih is set to b and of bias_hh to 0, so f_t ≈ σ(b) at the start
   *                      (Jozefowicz et al. 2015 recommend b = 1; Keras's unit_forget_bias). For 'coupled' the
   *                      input block gets −b instead, since f_t = 1 − i_t = σ(−z_i).
   *   { chronoT: T }     chrono initialisation (Tallec & Ollivier 2018): b_f = log(u), u ~ U(1, T − 1), b_i = −b_f,
   *                      so units start with memory time scales spread up to about T steps.
   * For 'coupled' both act through the input block (f_t = 1 − i_t = σ(−z_i)); 'no-forget-gate' ignores both.
   */
  init?: { forgetBias?: number; chronoT?: number };
}

/** Per-step values exposed for inspection: [B, H] tensors (fixed gates as constant tensors). */
export interface LstmVariantStep {
  i: Tensor;
  f: Tensor;
  g: Tensor;
  o: Tensor;
  c: Tensor;
  h: Tensor;
}

export class LstmVariant extends Module {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly variant: LstmVariantName;
  readonly batchFirst: boolean;
  readonly dtype: DType;
  /** Computed gate blocks in row order. */
  readonly _blocks: readonly Block[];

  constructor(opts: LstmVariantOptions) {
    super();
    checkOptions('LstmVariant', opts, { inputSize: 'any', hiddenSize: 'any', variant: 'any', batchFirst: 'boolean', rng: 'any', dtype: 'any', init: 'object' });
    if (opts?.init) checkOptions('LstmVariant', opts.init, { forgetBias: 'number', chronoT: 'number' }, 'options.init');
    const I = (this.inputSize = requireSize('LstmVariant', 'inputSize', opts?.inputSize));
    const H = (this.hiddenSize = requireSize('LstmVariant', 'hiddenSize', opts.hiddenSize));
    if (!LSTM_VARIANTS.includes(opts.variant)) {
      throw new Error(`LstmVariant: variant expected one of ${LSTM_VARIANTS.join(', ')}, got ${String(opts.variant)}`);
    }
    this.variant = opts.variant;
    this.batchFirst = opts.batchFirst ?? false;
    this.dtype = requireDtype('LstmVariant', opts.dtype);
    const rng = requireRng('LstmVariant', opts.rng);
    this._blocks = BLOCKS[this.variant];
    const G = this._blocks.length;
    const bound = 1 / Math.sqrt(H);
    // Same draw order as nn.LSTM (weight_ih, weight_hh, bias_ih, bias_hh), so equal seeds give equal vanilla weights.
    for (const [name, shape] of [['weight_ih_l0', [G * H, I]], ['weight_hh_l0', [G * H, H]], ['bias_ih_l0', [G * H]], ['bias_hh_l0', [G * H]]] as const) {
      setField(this, name, uniform_(parameter(shape.slice(), this.dtype), -bound, bound, rng));
    }
    if (this.variant === 'peepholes') {
      for (const name of ['weight_pi_l0', 'weight_pf_l0', 'weight_po_l0']) {
        setField(this, name, uniform_(parameter([H], this.dtype), -bound, bound, rng));
      }
    }
    if (opts.init) this.#initBias(opts.init, rng);
  }

  #initBias(init: { forgetBias?: number; chronoT?: number }, rng: Rng): void {
    const H = this.hiddenSize;
    const f = this as unknown as Record<string, Tensor>;
    const bih = f.bias_ih_l0.data;
    const bhh = f.bias_hh_l0.data;
    const at = (block: Block) => this._blocks.indexOf(block) * H;
    const fBlock = this._blocks.includes('f') ? at('f') : -1;
    const iBlock = this._blocks.includes('i') ? at('i') : -1;
    if (init.chronoT !== undefined) {
      const T = init.chronoT;
      if (!(T > 2) || !Number.isFinite(T)) throw new Error(`LstmVariant: init.chronoT expected a number > 2, got ${T}`);
      if (fBlock < 0 && this.variant !== 'coupled') return;
      const forget = chronoForgetBiases('LstmVariant', H, T, rng);
      for (let k = 0; k < H; k++) {
        const bf = forget[k];
        if (fBlock >= 0) {
          bih[fBlock + k] = bf;
          bhh[fBlock + k] = 0;
        }
        if (iBlock >= 0) {
          bih[iBlock + k] = -bf; // for 'coupled' this alone gives f_t = σ(−z_i) ≈ σ(b_f)
          bhh[iBlock + k] = 0;
        }
      }
    } else if (init.forgetBias !== undefined) {
      const b = init.forgetBias;
      if (!Number.isFinite(b)) throw new Error(`LstmVariant: init.forgetBias expected a finite number, got ${b}`);
      const block = fBlock >= 0 ? fBlock : this.variant === 'coupled' ? iBlock : -1;
      const sign = fBlock >= 0 ? 1 : -1;
      if (block < 0) return;
      for (let k = 0; k < H; k++) {
        bih[block + k] = sign * b;
        bhh[block + k] = 0;
      }
    }
  }

  /**
   * x: [T, B, I] (or [B, T, I] when batchFirst); state [h0, c0] each [B, H], zeros when omitted.
   * Returns [output [T, B, H] (or [B, T, H]) = h_t for every t, [h_T, C_T] each [B, H]].
   * When `trace` is given, the gates and state of every step are pushed onto it.
   */
  forward(x: Tensor, state?: [Tensor, Tensor] | null, trace?: LstmVariantStep[]): [Tensor, [Tensor, Tensor]] {
    const fn = 'LstmVariant.forward';
    const { inputSize: I, hiddenSize: H, dtype } = this;
    checkTensor(fn, 'x', x);
    checkShape(fn, 'x', x, this.batchFirst ? ['B', 'T', I] : ['T', 'B', I]);
    checkDtype(fn, 'x', x, dtype);
    const B = this.batchFirst ? x.shape[0] : x.shape[1];
    const T = this.batchFirst ? x.shape[1] : x.shape[0];
    let h = state ? checkTensor(fn, 'h0', state[0]) : zeros([B, H], { dtype });
    let c = state ? checkTensor(fn, 'c0', state[1]) : zeros([B, H], { dtype });
    checkShape(fn, 'h0', h, [B, H]);
    checkShape(fn, 'c0', c, [B, H]);
    checkDtype(fn, 'h0', h, dtype);
    checkDtype(fn, 'c0', c, dtype);

    const p = this as unknown as Record<string, Tensor>;
    const blocks = this._blocks;
    const G = blocks.length;
    const v = this.variant;
    const xs = this.batchFirst ? transpose(x, 0, 1) : x;
    const zx = linear(xs, p.weight_ih_l0, p.bias_ih_l0); // [T, B, G·H]: W_ih·x_t + b_ih for every t at once
    const outs: Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const z = add(reshape(slice(zx, 0, t, t + 1), [B, G * H]), linear(h, p.weight_hh_l0, p.bias_hh_l0)); // [B, G·H]
      const pre = (block: Block) => {
        const k = blocks.indexOf(block);
        return slice(z, 1, k * H, (k + 1) * H);
      };
      const cPrev = c;
      const g = tanh(pre('g')); // C̃_t
      let i: Tensor | null = null;
      let f: Tensor | null = null;
      if (v === 'peepholes') {
        i = sigmoid(add(pre('i'), mul(cPrev, p.weight_pi_l0))); // σ(z_i + p_i * C_{t-1})
        f = sigmoid(add(pre('f'), mul(cPrev, p.weight_pf_l0))); // σ(z_f + p_f * C_{t-1})
      } else {
        if (blocks.includes('i')) i = sigmoid(pre('i'));
        if (blocks.includes('f')) f = sigmoid(pre('f'));
      }
      if (v === 'coupled') f = add(mul(i!, -1), 1); // f_t = 1 − i_t

      // C_t = f_t * C_{t-1} + i_t * C̃_t, with a fixed gate (≡ 1) simply left out of its product.
      const keep = f ? mul(f, cPrev) : cPrev;
      const write = i ? mul(i, g) : g;
      c = add(keep, write);

      let o: Tensor | null = null;
      if (v === 'peepholes') o = sigmoid(add(pre('o'), mul(c, p.weight_po_l0))); // σ(z_o + p_o * C_t)
      else if (blocks.includes('o')) o = sigmoid(pre('o'));
      const squashed = v === 'no-output-activation' ? c : tanh(c);
      h = o ? mul(o, squashed) : squashed; // h_t = o_t * tanh(C_t)

      if (trace) {
        const constant = () => ones([B, H], { dtype });
        trace.push({ i: i ?? constant(), f: f ?? constant(), g, o: o ?? constant(), c, h });
      }
      outs.push(reshape(h, [1, B, H]));
    }
    const out = T === 1 ? outs[0] : concat(outs, 0);
    return [this.batchFirst ? transpose(out, 0, 1) : out, [h, c]];
  }
}
