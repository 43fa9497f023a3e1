/**
 * softmax and logSoftmax along one dimension (eq-softmax: p_k = e^{z_k} / Σ_j e^{z_j}). The maximum is
 * subtracted first, so large logits never overflow.
 */
import { Tensor, allocFloat } from '../tensor.ts';
import { record } from '../autograd.ts';
import { exp as exactExp, log as exactLog } from '../exact-math.ts';

// Local bindings keep the calls in the loops direct (see kernels/lstm-sequence.ts).
const exp = exactExp;
const ln = exactLog;
import { checkTensor } from './check.ts';
import { normDim, shapeSize } from '../shape.ts';

/** softmax(x) along `dim` (default: last). Same shape as x. Backward: ∂z = p ⊙ (∂p − Σ ∂p ⊙ p). */
export function softmax(x: Tensor, dim = -1): Tensor {
  return softmaxImpl('softmax', x, dim, false);
}

/** log softmax(x) along `dim` (default: last). Backward: ∂z = ∂y − p · Σ ∂y. */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return softmaxImpl('logSoftmax', x, dim, true);
}

function softmaxImpl(fn: string, x: Tensor, dimArg: number, log: boolean): Tensor {
  checkTensor(fn, 'x', x);
  const d = normDim(fn, dimArg, x.ndim);
  const C = x.ndim === 0 ? 1 : x.shape[d];
  const inner = shapeSize(x.shape.slice(d + 1));
  const outer = x.size / Math.max(C * inner, 1);
  const X = x.data;
  const out = new Tensor(allocFloat(x.dtype, x.size), x.shape);
  const Y = out.data;
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) {
      const base = a * C * inner + b;
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, X[base + c * inner]);
      let s = 0;
      for (let c = 0; c < C; c++) s += exp(X[base + c * inner] - max);
      const logS = ln(s);
      for (let c = 0; c < C; c++) {
        const z = X[base + c * inner] - max;
        Y[base + c * inner] = log ? z - logS : exp(z) / s;
      }
    }
  }
  record(fn, [x], [out], ([g], [gx]) => {
    for (let a = 0; a < outer; a++) {
      for (let b = 0; b < inner; b++) {
        const base = a * C * inner + b;
        let dot = 0;
        for (let c = 0; c < C; c++) dot += log ? g![base + c * inner] : g![base + c * inner] * Y[base + c * inner];
        for (let c = 0; c < C; c++) {
          const k = base + c * inner;
          gx![k] += log ? g![k] - exp(Y[k]) * dot : Y[k] * (g![k] - dot);
        }
      }
    }
  });
  return out;
}
