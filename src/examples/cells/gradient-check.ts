// Gradient check: backpropagation's ∂L/∂W_hh against a central finite difference.
import { Rng, LSTMCell, tensor, sum, noGrad } from 'cell-state';

const cell = new LSTMCell({ inputSize: 3, hiddenSize: 2, rng: new Rng(2), dtype: 'float64' });
const x = tensor([[0.5, -1, 2]], { dtype: 'float64' });
const hPrev = tensor([[0.1, -0.2]], { dtype: 'float64' });
const cPrev = tensor([[0.3, 0.4]], { dtype: 'float64' });
// L = Σ h_t, one step from (h_{t-1}, C_{t-1})
const loss = () => sum(cell.forward(x, [hPrev, cPrev])[0]);

loss().backward();
const analytic = cell.weight_hh.grad!.data;

const W = cell.weight_hh.data, ε = 1e-6;
let worst = 0;
for (let k = 0; k < W.length; k++) {
  const w = W[k];
  W[k] = w + ε; const up = noGrad(() => loss().item());
  W[k] = w - ε; const down = noGrad(() => loss().item());
  W[k] = w;
  const numeric = (up - down) / (2 * ε);   // (L(w+ε) − L(w−ε)) / 2ε
  worst = Math.max(worst, Math.abs(numeric - analytic[k]) / Math.max(1e-12, Math.abs(numeric) + Math.abs(analytic[k])));
}
console.log(`${W.length} entries of W_hh checked`);
console.log('∂L/∂W_hh[0] analytic', analytic[0].toFixed(8));
// the largest relative error: about 1e-9 or less when backward is right
worst
