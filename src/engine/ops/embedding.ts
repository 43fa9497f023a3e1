/** Embedding lookup: row gather from a [V, E] table. */
import { Tensor, allocFloat } from '../tensor.ts';
import { record } from '../autograd.ts';
import { checkTensor } from './check.ts';
import { readIndices, type Indices } from './indices.ts';
import { fmtShape } from '../shape.ts';

/**
 * out[..., :] = weight[ids[...], :]. weight: [V, E]; ids of shape S (inferred from nesting, or `shape`) → [...S, E].
 * Backward: each looked-up row adds its output gradient into ∂weight (repeated ids add up).
 */
export function embedding(weight: Tensor, ids: Indices, shape?: readonly number[]): Tensor {
  checkTensor('embedding', 'weight', weight);
  if (weight.ndim !== 2) throw new Error(`embedding: weight expected shape [V, E], got ${fmtShape(weight.shape)}`);
  const [V, E] = weight.shape;
  const { flat, shape: idShape } = readIndices('embedding', 'ids', ids, V, shape);
  const out = new Tensor(allocFloat(weight.dtype, flat.length * E), [...idShape, E]);
  const W = weight.data;
  for (let k = 0; k < flat.length; k++) out.data.set(W.subarray(flat[k] * E, flat[k] * E + E), k * E);
  record('embedding', [weight], [out], ([g], [gw]) => {
    for (let k = 0; k < flat.length; k++) {
      const row = flat[k] * E;
      for (let e = 0; e < E; e++) gw![row + e] += g![k * E + e];
    }
  });
  return out;
}
