/**
 * The delayed-recall task of the memory race (chapter 1.3): a sequence starts with one of K = 4 symbols,
 * then N distractors drawn from D = 4 other symbols, then a query symbol; the answer is the first symbol.
 * To answer, a model must carry one of four values across N + 1 steps of irrelevant input.
 *
 *   t:      0      1 … N          N + 1
 *   x_t:    s      d_1 … d_N      ?        target: s
 *
 * Symbols are one-hot vectors of size V = K + D + 1: ids 0 … K−1 are the symbols to remember, K … K+D−1 the
 * distractors, K + D the query.
 */
import type { Rng } from '../../engine/index.ts';

export const K = 4;
export const D = 4;
export const QUERY = K + D;
export const VOCAB = K + D + 1;

export interface RecallBatch {
  /** One-hot inputs [B, T, V], row-major, T = N + 2. */
  x: Float32Array;
  /** The first symbol of each sequence, in 0 … K−1: [B]. */
  y: Int32Array;
  /** Symbol ids [B, T] (for display and tests). */
  ids: Int32Array;
  batchSize: number;
  steps: number;
}

/** B sequences with N distractors each, drawn from `rng` (the only source of randomness). */
export function recallBatch(batchSize: number, N: number, rng: Rng): RecallBatch {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`recallBatch: batchSize expected a positive integer, got ${batchSize}`);
  if (!Number.isInteger(N) || N < 0) throw new RangeError(`recallBatch: N expected an integer ≥ 0, got ${N}`);
  const T = N + 2;
  const x = new Float32Array(batchSize * T * VOCAB);
  const y = new Int32Array(batchSize);
  const ids = new Int32Array(batchSize * T);
  for (let b = 0; b < batchSize; b++) {
    const symbol = rng.int(K);
    y[b] = symbol;
    ids[b * T] = symbol;
    for (let t = 1; t <= N; t++) ids[b * T + t] = K + rng.int(D);
    ids[b * T + T - 1] = QUERY;
    for (let t = 0; t < T; t++) x[(b * T + t) * VOCAB + ids[b * T + t]] = 1;
  }
  return { x, y, ids, batchSize, steps: T };
}

/** Accuracy a model gets by always guessing: 1 / K. */
export const CHANCE = 1 / K;

/** Letters for the symbols when a sequence is shown to a reader: A–D to remember, w–z distractors, ? the query. */
export const SYMBOL_TEXT = ['A', 'B', 'C', 'D', 'w', 'x', 'y', 'z', '?'] as const;

/** One sequence of a batch as text, e.g. "C y w z x ?". */
export function sequenceText(batch: RecallBatch, b: number): string {
  const T = batch.steps;
  return Array.from(batch.ids.subarray(b * T, (b + 1) * T), (id) => SYMBOL_TEXT[id]).join(' ');
}
