/**
 * Chrono initialisation (Tallec & Ollivier, "Can recurrent neural networks warp time?", ICLR 2018; chapter 8).
 * A unit whose forget gate starts at f ≈ σ(b_f) keeps information for about 1 / (1 − f) steps, so drawing
 *
 *   b_f = log(u),  u ~ U(1, T − 1),   b_i = −b_f
 *
 * per unit spreads the units' memory time scales up to about T steps. PyTorch's default U(±1/√H) starts every
 * unit with f ≈ 0.5, a memory of about two steps.
 */
import type { Tensor } from '../tensor.ts';
import type { Rng } from '../rng.ts';
import { log as exactLog } from '../exact-math.ts';
import { LSTM } from './lstm.ts';
import { LSTMCell } from './lstm-cell.ts';

/** H draws of b_f = log(u), u ~ U(1, T − 1), one rng.uniform per unit in order. T must be a finite number > 2. */
export function chronoForgetBiases(fn: string, H: number, T: number, rng: Rng): Float64Array {
  if (typeof T !== 'number' || !(T > 2) || !Number.isFinite(T)) throw new Error(`${fn}: T expected a finite number > 2, got ${String(T)}`);
  return Float64Array.from({ length: H }, () => exactLog(rng.uniform(1, T - 1)));
}

/**
 * Sets the gate biases of an nn.LSTM (every layer, in order) or an nn.LSTMCell for dependencies up to T steps:
 * per unit j, b_f[j] = log u into bias_ih's forget rows (H … 2H−1) and b_i[j] = −b_f[j] into its input rows
 * (0 … H−1); the same rows of bias_hh become 0, so the sums b_ih + b_hh are exactly b_f and b_i.
 */
export function chronoInit(lstm: LSTM | LSTMCell, T: number, rng: Rng): void {
  const fn = 'chronoInit';
  if (!(lstm instanceof LSTM) && !(lstm instanceof LSTMCell)) throw new Error(`${fn}: lstm expected an LSTM or LSTMCell, got ${typeof lstm}`);
  const H = lstm.hiddenSize;
  const layers: [Tensor, Tensor][] =
    lstm instanceof LSTM
      ? Array.from({ length: lstm.numLayers }, (_, l) => [lstm.layerWeights(l).biasIh, lstm.layerWeights(l).biasHh])
      : [[lstm.bias_ih, lstm.bias_hh]];
  for (const [biasIh, biasHh] of layers) {
    const bf = chronoForgetBiases(fn, H, T, rng);
    for (let j = 0; j < H; j++) {
      biasIh.data[H + j] = bf[j]; // forget rows f
      biasHh.data[H + j] = 0;
      biasIh.data[j] = -bf[j]; // input rows i
      biasHh.data[j] = 0;
    }
  }
}
