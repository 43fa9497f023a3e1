/**
 * The last-mark task of the gate ablation, a recall task that needs forgetting: several of the K = 4 marked
 * symbols A–D appear at random times among distractors, and at the query the answer is the one seen LAST.
 * Each new mark must replace what the cell holds, so the forget gate has work to do: with f_t ≡ 1 the old
 * contents pile up in C_t (C_t = C_{t-1} + i_t * C̃_t) and the marks blur into each other.
 *
 *   t:      0 … N                                      N + 1
 *   x_t:    M marks (A–D) at random times, else w–z    ?        target: the last mark
 *
 * Same one-hot alphabet and batch layout as the delayed-recall task (memory-race/task.ts), so the same
 * models read both: ids 0 … K−1 the marks, K … K+D−1 the distractors, K + D the query. DOM-free and seeded.
 */
import type { Rng } from '../../engine/rng.ts';
import { D, K, QUERY, VOCAB, type RecallBatch } from '../memory-race/task.ts';

/**
 * B sequences of N + 2 steps with `marks` marks each (at most N + 1, at distinct random times in 0 … N,
 * each mark a uniform draw from A–D), drawn from `rng` (the only source of randomness).
 */
export function lastMarkBatch(batchSize: number, N: number, marks: number, rng: Rng): RecallBatch {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`lastMarkBatch: batchSize expected a positive integer, got ${batchSize}`);
  if (!Number.isInteger(N) || N < 0) throw new RangeError(`lastMarkBatch: N expected an integer ≥ 0, got ${N}`);
  if (!Number.isInteger(marks) || marks < 1) throw new RangeError(`lastMarkBatch: marks expected a positive integer, got ${marks}`);
  const T = N + 2;
  const M = Math.min(marks, N + 1);
  const x = new Float32Array(batchSize * T * VOCAB);
  const y = new Int32Array(batchSize);
  const ids = new Int32Array(batchSize * T);
  const slots = new Int32Array(N + 1);
  for (let b = 0; b < batchSize; b++) {
    const row = b * T;
    for (let t = 0; t <= N; t++) ids[row + t] = K + rng.int(D);
    // M distinct times: the first M entries of a partial Fisher–Yates shuffle of 0 … N.
    for (let t = 0; t <= N; t++) slots[t] = t;
    let last = -1;
    for (let m = 0; m < M; m++) {
      const j = m + rng.int(N + 1 - m);
      const s = slots[j];
      slots[j] = slots[m];
      slots[m] = s;
      ids[row + s] = rng.int(K);
      if (s > last) last = s;
    }
    y[b] = ids[row + last];
    ids[row + T - 1] = QUERY;
    for (let t = 0; t < T; t++) x[(row + t) * VOCAB + ids[row + t]] = 1;
  }
  return { x, y, ids, batchSize, steps: T };
}
