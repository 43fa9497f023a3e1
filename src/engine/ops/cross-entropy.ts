/**
 * Cross-entropy loss from logits, PyTorch's F.cross_entropy with mean reduction (eq-cross-entropy):
 *   L = −(1/N) Σ_n log softmax(z_n)[y_n]            class ids y_n
 *   L = −(1/N) Σ_n Σ_c t_nc · log softmax(z_n)_c    target rows t_n (one-hot or probabilities)
 * log softmax is computed as z − max − log Σ e^{z−max}, so huge logits stay finite.
 * Backward: ∂z_n = (p_n · Σ_c t_nc − t_n) / N with p_n = softmax(z_n); for class ids (and one-hot rows) that is
 * (p_n − onehot(y_n)) / N. The target rows get ∂t_n = −log p_n / N.
 */
import { Tensor, allocFloat } from '../tensor.ts';
import { record } from '../autograd.ts';
import { exp as exactExp, log as exactLog } from '../exact-math.ts';

// Local bindings keep the calls in the loops direct (see kernels/lstm-sequence.ts).
const exp = exactExp;
const log = exactLog;
import { checkTensor, checkDtype } from './check.ts';
import { readIndices, type Indices } from './indices.ts';
import { fmtShape } from '../shape.ts';
import { softmaxStatsSimd, softmaxXentGradSimd } from '../kernels/softmax-simd.ts';

/** logits: [N, C]; target: N class ids, or a [N, C] tensor of target probabilities. Returns a scalar []. */
export function crossEntropy(logits: Tensor, target: Indices | Tensor): Tensor {
  checkTensor('crossEntropy', 'logits', logits);
  if (logits.ndim !== 2) throw new Error(`crossEntropy: logits expected shape [N, C], got ${fmtShape(logits.shape)}`);
  const [N, C] = logits.shape;
  let ids: Int32Array | null = null;
  let T: Float32Array | Float64Array | null = null;
  if (target instanceof Tensor) {
    if (target.ndim !== 2 || target.shape[0] !== N || target.shape[1] !== C) {
      throw new Error(`crossEntropy: target expected shape [${N}, ${C}], got ${fmtShape(target.shape)}`);
    }
    checkDtype('crossEntropy', 'target', target, logits.dtype);
    T = target.data;
  } else {
    const r = readIndices('crossEntropy', 'target', target, C);
    if (r.flat.length !== N) throw new Error(`crossEntropy: target expected shape [${N}], got ${fmtShape(r.shape)}`);
    ids = r.flat;
  }
  const Z = logits.data;
  if (ids && Z instanceof Float32Array) {
    // Float32 logits and class ids: softmax in WebAssembly, one block of rows at a time, with only each row's
    // max and Σ e^{z−max} kept for the backward pass (log Σ once per row here, in float64).
    const stats = new Float32Array(2 * N);
    if (softmaxStatsSimd(Z, N, C, stats)) {
      let loss = 0;
      for (let n = 0; n < N; n++) loss -= Z[n * C + ids[n]] - stats[2 * n] - log(stats[2 * n + 1]);
      const out = new Tensor(allocFloat(logits.dtype, 1), []);
      out.data[0] = loss / N;
      record('crossEntropy', [logits], [out], ([g], [gz]) => {
        if (gz) softmaxXentGradSimd(Z, N, C, stats, ids!, g![0] / N, gz as Float32Array);
      });
      return out;
    }
  }
  // Cache softmax p (float64 scratch regardless of dtype) for the backward pass.
  const P = new Float64Array(N * C);
  // log p as z − max − log Σ (not log of p, which underflows to −∞ for very unlikely classes).
  const logP = target instanceof Tensor && target.requiresGrad ? new Float64Array(N * C) : null;
  let loss = 0;
  for (let n = 0; n < N; n++) {
    const row = n * C;
    let max = -Infinity;
    for (let c = 0; c < C; c++) max = Math.max(max, Z[row + c]);
    let s = 0;
    for (let c = 0; c < C; c++) s += P[row + c] = exp(Z[row + c] - max);
    const logS = log(s);
    for (let c = 0; c < C; c++) {
      P[row + c] /= s;
      if (logP) logP[row + c] = Z[row + c] - max - logS;
    }
    if (ids) loss -= Z[row + ids[n]] - max - logS;
    else for (let c = 0; c < C; c++) loss -= T![row + c] * (Z[row + c] - max - logS);
  }
  const out = new Tensor(allocFloat(logits.dtype, 1), []);
  out.data[0] = loss / N;
  const inputs = target instanceof Tensor ? [logits, target] : [logits];
  record('crossEntropy', inputs, [out], ([g], [gz, gt]) => {
    const scale = g![0] / N;
    for (let n = 0; n < N; n++) {
      const row = n * C;
      if (gz) {
        if (ids) {
          for (let c = 0; c < C; c++) gz[row + c] += scale * P[row + c];
          gz[row + ids[n]] -= scale;
        } else {
          // ∂/∂z_c of −Σ_k t_k log p_k = p_c · Σ_k t_k − t_c  (Σ t = 1 for one-hot rows).
          let tSum = 0;
          for (let c = 0; c < C; c++) tSum += T![row + c];
          for (let c = 0; c < C; c++) gz[row + c] += scale * (P[row + c] * tSum - T![row + c]);
        }
      }
      if (gt) for (let c = 0; c < C; c++) gt[row + c] -= scale * logP![row + c];
    }
  });
  return out;
}
