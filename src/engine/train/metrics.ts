/** Classification metrics computed from logits (or probabilities: the argmax is the same). */
import type { Tensor } from '../tensor.ts';
import { checkTensor } from '../ops/check.ts';
import { readIndices, type Indices } from '../ops/indices.ts';
import { fmtShape } from '../shape.ts';

/**
 * Fraction of rows whose largest score is the target class (Keras's 'accuracy' for class ids).
 * logits: [N, C] (or [..., C], one row per target); targets: N class ids in [0, C). Ties go to the lower
 * class, as argmax does everywhere in the engine.
 */
export function accuracy(logits: Tensor, targets: Indices): number {
  const fn = 'accuracy';
  checkTensor(fn, 'logits', logits);
  if (logits.ndim < 1 || logits.size === 0) throw new Error(`${fn}: logits expected shape [N, C] with N, C ≥ 1, got ${fmtShape(logits.shape)}`);
  const C = logits.shape[logits.ndim - 1];
  const N = logits.size / C;
  const { flat: y } = readIndices(fn, 'targets', targets, C);
  if (y.length !== N) throw new Error(`${fn}: targets expected ${N} class ids (one per row of ${fmtShape(logits.shape)}), got ${y.length}`);
  const z = logits.data;
  let right = 0;
  for (let r = 0; r < N; r++) {
    let best = 0;
    for (let k = 1; k < C; k++) if (z[r * C + k] > z[r * C + best]) best = k;
    if (best === y[r]) right += 1;
  }
  return right / N;
}
