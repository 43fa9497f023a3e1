/**
 * One LSTM step up to the cell state, as a single tape op: (x_t, h_{t−1}, C_{t−1}) → (C_t, o_t). nn.LSTMCell
 * then computes h_t = o_t ⊙ tanh(C_t) with ordinary ops, so that h_t is a consumer of C_t on the tape and the
 * gradient that reaches C_t (what `c.retainGrad()` keeps) is the full ∂L/∂C_t, through h_t as well as through
 * C_{t+1}, as in PyTorch. The fused sequence op (lstm-layer.ts) computes h_t inside and cannot expose that.
 *
 * PyTorch layout, gate order i, f, g, o: W_ih [4H, I], W_hh [4H, H], b_ih [4H], b_hh [4H]. The products and
 * the bias sum are formed in the same order as the sequence kernel's, so a step gives the same bits as nn.LSTM
 * with T = 1.
 */
import { Tensor, allocFloat } from '../tensor.ts';
import { record } from '../autograd.ts';
import { gemm } from '../kernels/gemm.ts';
import { sigmoid, tanh } from '../exact-math.ts';
import { checkTensor, checkShape, checkDtype } from './check.ts';
import type { LstmLayerWeights } from './lstm-layer.ts';

/**
 * x: [B, I], h: [B, H] (h_{t−1}), c: [B, H] (C_{t−1}) → [C_t [B, H], o_t [B, H]].
 * Backward: from ∂L/∂C_t and ∂L/∂o_t to x, h_{t−1}, C_{t−1} and the four weights (eq-bptt-gates).
 */
export function lstmCellState(x: Tensor, h: Tensor, c: Tensor, w: LstmLayerWeights, fn = 'lstmCellState'): [Tensor, Tensor] {
  checkTensor(fn, 'x', x);
  const H = w.weightHh.shape[1];
  checkShape(fn, 'weightHh', w.weightHh, [4 * H, H]);
  const I = w.weightIh.shape[1];
  checkShape(fn, 'weightIh', w.weightIh, [4 * H, I]);
  checkShape(fn, 'biasIh', w.biasIh, [4 * H]);
  checkShape(fn, 'biasHh', w.biasHh, [4 * H]);
  checkShape(fn, 'x', x, ['B', I]);
  const B = x.shape[0];
  checkShape(fn, 'h', h, [B, H]);
  checkShape(fn, 'c', c, [B, H]);
  for (const [k, t] of [['h', h], ['c', c], ['weightIh', w.weightIh], ['weightHh', w.weightHh], ['biasIh', w.biasIh], ['biasHh', w.biasHh]] as const) {
    checkDtype(fn, k, t, x.dtype);
  }
  const G = 4 * H;
  const dtype = x.dtype;
  // z [B, 4H] = x·W_ihᵀ + h_{t−1}·W_hhᵀ + (b_ih + b_hh); afterwards it holds the activations [i | f | g | o].
  const gates = allocFloat(dtype, B * G);
  gemm(false, true, B, G, I, x.data, 0, w.weightIh.data, 0, gates, 0, false);
  gemm(false, true, B, G, H, h.data, 0, w.weightHh.data, 0, gates, 0, true);
  const bias = allocFloat(dtype, G);
  for (let q = 0; q < G; q++) bias[q] = w.biasIh.data[q] + w.biasHh.data[q];
  const cNext = new Tensor(allocFloat(dtype, B * H), [B, H]);
  const o = new Tensor(allocFloat(dtype, B * H), [B, H]);
  const cPrev = c.data;
  for (let b = 0; b < B; b++) {
    const row = b * G;
    for (let j = 0; j < H; j++) {
      const it = sigmoid(gates[row + j] + bias[j]); // eq-input-gate:  i_t = σ(z_i)
      const ft = sigmoid(gates[row + H + j] + bias[H + j]); // eq-forget-gate: f_t = σ(z_f)
      const gt = tanh(gates[row + 2 * H + j] + bias[2 * H + j]); // eq-candidate: C̃_t = tanh(z_g)
      const ot = sigmoid(gates[row + 3 * H + j] + bias[3 * H + j]); // eq-output-gate: o_t = σ(z_o)
      const k = b * H + j;
      cNext.data[k] = ft * cPrev[k] + it * gt; // eq-cell-state: C_t = f_t * C_{t−1} + i_t * C̃_t
      o.data[k] = ot;
      gates[row + j] = it;
      gates[row + H + j] = ft;
      gates[row + 2 * H + j] = gt;
      gates[row + 3 * H + j] = ot;
    }
  }

  // Cached for the backward pass: the activations (gates), C_{t−1}, x_t and h_{t−1} (the tensors themselves).
  record(fn, [x, h, c, w.weightIh, w.weightHh, w.biasIh, w.biasHh], [cNext, o], ([gC, gO], [gx, gh, gc, gWih, gWhh, gbIh, gbHh]) => {
    const dz = allocFloat(dtype, B * G);
    for (let b = 0; b < B; b++) {
      const row = b * G;
      for (let j = 0; j < H; j++) {
        const k = b * H + j;
        const it = gates[row + j];
        const ft = gates[row + H + j];
        const gt = gates[row + 2 * H + j];
        const ot = gates[row + 3 * H + j];
        const dC = gC ? gC[k] : 0; // ∂L/∂C_t: already includes the path through h_t (its own op)
        const dO = gO ? gO[k] : 0; // ∂L/∂o_t
        dz[row + j] = dC * gt * it * (1 - it); // ∂z_i = dC ⊙ C̃_t ⊙ σ'
        dz[row + H + j] = dC * cPrev[k] * ft * (1 - ft); // ∂z_f = dC ⊙ C_{t−1} ⊙ σ'
        dz[row + 2 * H + j] = dC * it * (1 - gt * gt); // ∂z_g = dC ⊙ i_t ⊙ tanh'
        dz[row + 3 * H + j] = dO * ot * (1 - ot); // ∂z_o = do ⊙ σ'
        if (gc) gc[k] += dC * ft; // ∂C_{t−1} = dC ⊙ f_t (eq-bptt-cell)
      }
    }
    if (gx) gemm(false, false, B, I, G, dz, 0, w.weightIh.data, 0, gx, 0, true); // ∂x += ∂z·W_ih
    if (gh) gemm(false, false, B, H, G, dz, 0, w.weightHh.data, 0, gh, 0, true); // ∂h_{t−1} += ∂z·W_hh
    if (gWih) gemm(true, false, G, I, B, dz, 0, x.data, 0, gWih, 0, true); // ∂W_ih += ∂zᵀ·x_t
    if (gWhh) gemm(true, false, G, H, B, dz, 0, h.data, 0, gWhh, 0, true); // ∂W_hh += ∂zᵀ·h_{t−1}
    if (gbIh || gbHh) {
      for (let q = 0; q < G; q++) {
        let s = 0;
        for (let b = 0; b < B; b++) s += dz[b * G + q];
        if (gbIh) gbIh[q] += s; // both biases enter every z with weight 1
        if (gbHh) gbHh[q] += s;
      }
    }
  });
  return [cNext, o];
}
