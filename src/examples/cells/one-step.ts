// One LSTM step two ways: the engine's LSTMCell, and the chapter's equations by hand.
import { Rng, LSTMCell, tensor } from 'cell-state';

const I = 3, H = 2;
const cell = new LSTMCell({ inputSize: I, hiddenSize: H, rng: new Rng(1), dtype: 'float64' });
const x = [0.5, -1, 2];
const [hEngine] = cell.forward(tensor([x], { dtype: 'float64' }));

// PyTorch's layout: rows of weight_ih / weight_hh are the gates i, f, g, o, H rows each.
const Wx = cell.weight_ih.data, Wh = cell.weight_hh.data;
const b = cell.bias_ih.data.map((v, row) => v + cell.bias_hh.data[row]);
const σ = (z: number) => 1 / (1 + Math.exp(-z));

function lstmStepByHand(x: number[], hPrev: number[], cPrev: number[]) {
  // a = W·[h_{t-1}, x_t] + b for one row of the stacked gates
  const a = (row: number) => {
    let s = b[row];
    for (let j = 0; j < I; j++) s += Wx[row * I + j] * x[j];
    for (let j = 0; j < H; j++) s += Wh[row * H + j] * hPrev[j];
    return s;
  };
  const h: number[] = [], c: number[] = [];
  for (let k = 0; k < H; k++) {
    const i = σ(a(k)), f = σ(a(H + k)), g = Math.tanh(a(2 * H + k)), o = σ(a(3 * H + k));
    c[k] = f * cPrev[k] + i * g;   // C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
    h[k] = o * Math.tanh(c[k]);    // h_t = o_t ⊙ tanh(C_t)
  }
  return { h, c };
}

const byHand = lstmStepByHand(x, [0, 0], [0, 0]);
console.log('engine  h_t =', Array.from(hEngine.data));
console.log('by hand h_t =', byHand.h);
// the largest difference: rounding only
Math.max(...byHand.h.map((v, k) => Math.abs(v - hEngine.data[k])))
