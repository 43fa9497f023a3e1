/**
 * The last-mark task of the gate ablation, a recall task that needs forgetting: M marked symbols (one of
 * K = 4, A–D, with a mark flag) appear at random times among unmarked symbols, and at the query the answer
 * is the symbol of the LAST mark. Each new mark must replace what the cell holds, so the forget gate has
 * work to do: with f_t ≡ 1 the old contents pile up in C_t = C_{t-1} + i_t * C̃_t and the marks blur.
 * Unmarked A–D also occur, so only the flag says when to write: the input gate's job.
 *
 *   t:      0 … N                                              N + 1
 *   x_t:    M marked symbols A*–D* at random times, the rest    ?        target: the last marked symbol
 *           unmarked symbols from A–D and w–z
 *
 * Inputs use the delayed-recall alphabet (memory-race/task.ts: ids 0 … K−1 the symbols to remember,
 * K … K+D−1 the distractors, K + D the query) as a one-hot plus one more channel, the mark flag, so
 * x_t has INPUT_SIZE = V + 1 entries. `withMarkChannel` puts a delayed-recall batch into the same layout
 * (its symbol at t = 0 marked), so one model reads both tasks. DOM-free; `rng` is the only randomness.
 */
import type { Rng } from '../../engine/index.ts';
import { D, K, QUERY, VOCAB, type RecallBatch } from '../memory-race/task.ts';

/** Index of the mark-flag channel in x_t. */
export const MARK = VOCAB;
/** Entries of x_t: the one-hot symbol (V) and the mark flag. */
export const INPUT_SIZE = VOCAB + 1;

/** A batch with inputs [B, T, INPUT_SIZE] and the mark flags of every step. */
export interface MarkedBatch extends RecallBatch {
  /** 1 where a step is marked: [B, T]. */
  marked: Uint8Array;
}

/**
 * B sequences of T = N + 2 steps, each with `marks` marked symbols (at most N + 1) at distinct random
 * times in 0 … N; the target y is the symbol of the latest mark.
 */
export function lastMarkBatch(batchSize: number, N: number, marks: number, rng: Rng): MarkedBatch {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`lastMarkBatch: batchSize expected a positive integer, got ${batchSize}`);
  if (!Number.isInteger(N) || N < 0) throw new RangeError(`lastMarkBatch: N expected an integer ≥ 0, got ${N}`);
  if (!Number.isInteger(marks) || marks < 1) throw new RangeError(`lastMarkBatch: marks expected a positive integer, got ${marks}`);
  const T = N + 2;
  const M = Math.min(marks, N + 1);
  const ids = new Int32Array(batchSize * T);
  const marked = new Uint8Array(batchSize * T);
  const y = new Int32Array(batchSize);
  const times = new Int32Array(N + 1);
  for (let b = 0; b < batchSize; b++) {
    const row = b * T;
    for (let t = 0; t <= N; t++) ids[row + t] = rng.int(K + D);
    // M distinct times: the first M entries of a partial Fisher–Yates shuffle of 0 … N.
    for (let t = 0; t <= N; t++) times[t] = t;
    let last = -1;
    for (let m = 0; m < M; m++) {
      const j = m + rng.int(N + 1 - m);
      const t = times[j];
      times[j] = times[m];
      times[m] = t;
      ids[row + t] = rng.int(K);
      marked[row + t] = 1;
      last = Math.max(last, t);
    }
    y[b] = ids[row + last];
    ids[row + T - 1] = QUERY;
  }
  return { x: encode(ids, marked), y, ids, marked, batchSize, steps: T };
}

/** A delayed-recall batch in the marked layout: the symbol at t = 0 is the one mark. */
export function withMarkChannel(batch: RecallBatch): MarkedBatch {
  const { batchSize: B, steps: T } = batch;
  const marked = new Uint8Array(B * T);
  for (let b = 0; b < B; b++) marked[b * T] = 1;
  return { ...batch, x: encode(batch.ids, marked), marked };
}

/** One-hot ids plus the flag channel: [B·T] → [B, T, INPUT_SIZE]. */
function encode(ids: Int32Array, marked: Uint8Array): Float32Array {
  const x = new Float32Array(ids.length * INPUT_SIZE);
  for (let k = 0; k < ids.length; k++) {
    x[k * INPUT_SIZE + ids[k]] = 1;
    x[k * INPUT_SIZE + MARK] = marked[k];
  }
  return x;
}

/** One sequence as text, marks starred, e.g. "B* x A C* y ?". */
export function markedSequenceText(batch: MarkedBatch, b: number, symbols: readonly string[]): string {
  const T = batch.steps;
  return Array.from({ length: T }, (_, t) => symbols[batch.ids[b * T + t]] + (batch.marked[b * T + t] ? '*' : '')).join(' ');
}
