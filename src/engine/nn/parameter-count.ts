/**
 * Parameter counts of the layers in closed form (eq-param-count), for tables and budgets that must not build a
 * model first. Each equals `new Layer(sameOptions).numParameters()` (tests/unit/engine/parameter-count.test.ts).
 *
 *   LSTM   Σ_l 4H(I_l + H) + 8H      (four gate blocks; two bias vectors of 4H, as PyTorch keeps b_ih and b_hh)
 *   GRU    Σ_l 3H(I_l + H) + 6H
 *   RNN    Σ_l  H(I_l + H) + 2H
 *   Linear O·I + O (O·I without bias)
 * with I_0 = inputSize and I_l = H for the layers above the first.
 */
import { checkOptions } from '../options.ts';
import { requireSize } from './init.ts';

export interface RecurrentSize {
  inputSize: number;
  hiddenSize: number;
  /** Stacked layers (default 1). */
  numLayers?: number;
}

/** Parameters of nn.LSTM (numLayers 1 is also nn.LSTMCell): Σ_l 4H(I_l + H) + 8H. */
export function lstmParameterCount(size: RecurrentSize): number {
  return recurrentCount('lstmParameterCount', size, 4);
}

/** Parameters of nn.GRU: Σ_l 3H(I_l + H) + 6H. */
export function gruParameterCount(size: RecurrentSize): number {
  return recurrentCount('gruParameterCount', size, 3);
}

/** Parameters of nn.RNN (numLayers 1 is also nn.RNNCell): Σ_l H(I_l + H) + 2H. */
export function rnnParameterCount(size: RecurrentSize): number {
  return recurrentCount('rnnParameterCount', size, 1);
}

/** Parameters of nn.Linear: O·I + O, or O·I with bias: false. */
export function linearParameterCount(size: { inFeatures: number; outFeatures: number; bias?: boolean }): number {
  const fn = 'linearParameterCount';
  checkOptions(fn, size, { inFeatures: 'any', outFeatures: 'any', bias: 'boolean' });
  const I = requireSize(fn, 'inFeatures', size?.inFeatures);
  const O = requireSize(fn, 'outFeatures', size.outFeatures);
  return O * I + (size.bias === false ? 0 : O);
}

function recurrentCount(fn: string, size: RecurrentSize, gates: number): number {
  checkOptions(fn, size, { inputSize: 'any', hiddenSize: 'any', numLayers: 'any' });
  const I = requireSize(fn, 'inputSize', size?.inputSize);
  const H = requireSize(fn, 'hiddenSize', size.hiddenSize);
  const L = requireSize(fn, 'numLayers', size.numLayers ?? 1);
  let n = 0;
  for (let l = 0; l < L; l++) n += gates * H * ((l === 0 ? I : H) + H) + 2 * gates * H;
  return n;
}
