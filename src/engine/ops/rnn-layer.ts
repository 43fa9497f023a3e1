/**
 * One Elman RNN layer (tanh) over a whole sequence as a single tape op with a hand-written backward pass
 * through time, the simpler sibling of lstmLayer. eq-rnn-recurrence:
 *   h_t = tanh(W_ih·x_t + b_ih + W_hh·h_{t-1} + b_hh)
 */
import { Tensor, allocFloat, type FloatArray } from '../tensor.ts';
import { record } from '../autograd.ts';
import { gemm } from '../kernels/gemm.ts';
import { tanh as exactTanh } from '../exact-math.ts';
import { checkTensor, checkShape, checkDtype } from './check.ts';
import { fmtShape } from '../shape.ts';

// Local binding keeps the call in the loop direct (see kernels/lstm-sequence.ts).
const tanh = exactTanh;

export interface RnnLayerWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  biasIh: Tensor;
  biasHh: Tensor;
}

/**
 * x: [T, B, I] (time-major), h0: [B, H], weights weight_ih [H, I], weight_hh [H, H], biases [H]
 * → [output [T, B, H], hN [B, H]].
 */
export function rnnLayer(x: Tensor, h0: Tensor, w: RnnLayerWeights, name = 'rnnLayer'): [Tensor, Tensor] {
  checkTensor(name, 'x', x);
  checkTensor(name, 'h0', h0);
  for (const [k, t] of Object.entries(w)) checkTensor(name, k, t);
  const H = w.weightHh.shape[0];
  checkShape(name, 'weightHh', w.weightHh, [H, H]);
  if (w.weightIh.ndim !== 2 || w.weightIh.shape[0] !== H) throw new Error(`${name}: weightIh expected shape [${H}, I], got ${fmtShape(w.weightIh.shape)}`);
  const I = w.weightIh.shape[1];
  checkShape(name, 'biasIh', w.biasIh, [H]);
  checkShape(name, 'biasHh', w.biasHh, [H]);
  checkShape(name, 'x', x, ['T', 'B', I]);
  const [T, B] = x.shape;
  checkShape(name, 'h0', h0, [B, H]);
  for (const [k, t] of [['h0', h0], ['weightIh', w.weightIh], ['weightHh', w.weightHh], ['biasIh', w.biasIh], ['biasHh', w.biasHh]] as const) {
    checkDtype(name, k, t, x.dtype);
  }
  const BH = B * H;
  // hs holds h_{-1} = h0 in block 0 and h_t in block t+1: [(T+1), B, H], cached for the backward pass.
  const hs = allocFloat(x.dtype, (T + 1) * BH);
  hs.set(h0.data);
  const z = allocFloat(x.dtype, T * BH);
  gemm(false, true, T * B, H, I, x.data, 0, w.weightIh.data, 0, z, 0, false); // W_ih·x_t for every t at once
  const bI = w.biasIh.data;
  const bH = w.biasHh.data;
  for (let t = 0; t < T; t++) {
    gemm(false, true, B, H, H, hs, t * BH, w.weightHh.data, 0, z, t * BH, true); // + W_hh·h_{t-1}
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const k = t * BH + b * H + j;
        hs[k + BH] = tanh(z[k] + bI[j] + bH[j]); // eq-rnn-recurrence
      }
    }
  }
  const out = new Tensor(hs.slice(BH), [T, B, H]);
  const hN = new Tensor(hs.slice(T * BH), [B, H]);
  record(name, [x, h0, w.weightIh, w.weightHh, w.biasIh, w.biasHh], [out, hN], ([gOut, ghN], [gx, gh0, gWih, gWhh, gbI, gbH]) => {
    // dz_t = ∂L/∂h_t ⊙ (1 − h_t²); ∂L/∂h_{t-1} = dz_t·W_hh (+ the output gradient at t−1).
    const dz: FloatArray = z; // the pre-activations are no longer needed: reuse their buffer
    const dh = allocFloat(x.dtype, BH);
    if (ghN) dh.set(ghN);
    for (let t = T - 1; t >= 0; t--) {
      for (let k = 0; k < BH; k++) {
        const g = dh[k] + (gOut ? gOut[t * BH + k] : 0);
        const ht = hs[(t + 1) * BH + k];
        dz[t * BH + k] = g * (1 - ht * ht); // tanh' = 1 − tanh²
      }
      gemm(false, false, B, H, H, dz, t * BH, w.weightHh.data, 0, dh, 0, false);
    }
    if (gh0) for (let k = 0; k < BH; k++) gh0[k] += dh[k];
    if (gWhh) gemm(true, false, H, H, T * B, dz, 0, hs, 0, gWhh, 0, true); // Σ_t dz_tᵀ·h_{t-1}
    if (gWih) gemm(true, false, H, I, T * B, dz, 0, x.data, 0, gWih, 0, true); // Σ_t dz_tᵀ·x_t
    if (gx) gemm(false, false, T * B, I, H, dz, 0, w.weightIh.data, 0, gx, 0, true); // dz_t·W_ih
    if (gbI || gbH) {
      const db = new Float64Array(H);
      for (let r = 0; r < T * B; r++) for (let j = 0; j < H; j++) db[j] += dz[r * H + j];
      if (gbI) for (let j = 0; j < H; j++) gbI[j] += db[j];
      if (gbH) for (let j = 0; j < H; j++) gbH[j] += db[j];
    }
  });
  return [out, hN];
}
