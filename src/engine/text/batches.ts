/**
 * Next-character batches from an encoded corpus (chapter 5.3).
 *
 * A character model reads x_1 … x_T and is trained to predict x_2 … x_{T+1}: the targets are the inputs
 * shifted by one. Two ways of cutting a corpus into [B, T] batches live here:
 *  - {@link charBatches}: independent windows in a seeded random order (each window starts from a zero state);
 *  - {@link streamBatches}: B contiguous streams read left to right, so row b of batch j+1 continues where row b
 *    of batch j stopped and the hidden state (h, C) can be carried across batches (truncated BPTT).
 */
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

/** One batch of class ids, row-major `[B, T]`: `targets[b, t]` is the character after `inputs[b, t]`. */
export interface CharBatch {
  /** `[B, T]` input ids. */
  inputs: Int32Array;
  /** `[B, T]` target ids (inputs shifted left by one character in the corpus). */
  targets: Int32Array;
  batchSize: number;
  seqLen: number;
}

export interface CharBatchOptions {
  /** B: rows per batch. */
  batchSize: number;
  /** T: characters per row. */
  seqLen: number;
  /** Shuffles the window order (required when `shuffle` is true, the default). */
  rng?: Rng;
  /** Shuffle windows with `rng` (default true). */
  shuffle?: boolean;
  /** Drop a last batch that has fewer than B rows (default false: keep it, with fewer rows). */
  dropLast?: boolean;
}

/**
 * Cuts `ids` into non-overlapping windows of T+1 characters (stride T, so every character is a target once),
 * orders them with a seeded shuffle and groups them into batches of up to B rows.
 * Number of windows: ⌊(n − 1) / T⌋ for a corpus of n characters.
 */
export function charBatches(ids: ArrayLike<number>, options: CharBatchOptions): CharBatch[] {
  const { batchSize: B, seqLen: T, rng, shuffle = true, dropLast = false } = checkOptions('charBatches', options, {
    batchSize: 'any', seqLen: 'any', rng: 'any', shuffle: 'boolean', dropLast: 'boolean',
  });
  checkSizes('charBatches', ids, B, T);
  if (ids.length < T + 1) {
    throw new Error(
      `charBatches: corpus expected at least seqLen + 1 = ${T + 1} characters (inputs and their next characters), got ${ids.length}`,
    );
  }
  const windows = Math.floor((ids.length - 1) / T);
  const starts = Array.from({ length: windows }, (_, k) => k * T);
  if (shuffle) {
    if (!rng) throw new Error('charBatches: options.rng expected an Rng when shuffle is true, got none');
    rng.shuffle(starts);
  }
  const batches: CharBatch[] = [];
  for (let first = 0; first < windows; first += B) {
    const rows = Math.min(B, windows - first);
    if (rows < B && dropLast) break;
    const inputs = new Int32Array(rows * T);
    const targets = new Int32Array(rows * T);
    for (let b = 0; b < rows; b++) {
      const s = starts[first + b];
      for (let t = 0; t < T; t++) {
        inputs[b * T + t] = ids[s + t];
        targets[b * T + t] = ids[s + t + 1];
      }
    }
    batches.push({ inputs, targets, batchSize: rows, seqLen: T });
  }
  return batches;
}

/**
 * Contiguous-stream batches for truncated BPTT. The corpus is split into B streams of L = ⌊(n − 1) / B⌋
 * characters each (stream b starts at character b·L); batch j holds characters [jT, jT + T) of every stream.
 * Row b of batch j + 1 continues row b of batch j, so the final (h, C) of one batch is the right initial state
 * for the next. Returns ⌊L / T⌋ batches, all of shape [B, T], in order (never shuffled: order is the point).
 */
export function streamBatches(ids: ArrayLike<number>, options: { batchSize: number; seqLen: number }): CharBatch[] {
  const { batchSize: B, seqLen: T } = checkOptions('streamBatches', options, { batchSize: 'any', seqLen: 'any' });
  checkSizes('streamBatches', ids, B, T);
  const L = Math.floor((ids.length - 1) / B);
  if (L < T) {
    throw new Error(
      `streamBatches: corpus expected at least batchSize · seqLen + 1 = ${B * T + 1} characters ` +
        `(${B} streams of at least ${T}), got ${ids.length} (${B} streams of ${L})`,
    );
  }
  const count = Math.floor(L / T);
  const batches: CharBatch[] = [];
  for (let j = 0; j < count; j++) {
    const inputs = new Int32Array(B * T);
    const targets = new Int32Array(B * T);
    for (let b = 0; b < B; b++) {
      const s = b * L + j * T;
      for (let t = 0; t < T; t++) {
        inputs[b * T + t] = ids[s + t];
        targets[b * T + t] = ids[s + t + 1];
      }
    }
    batches.push({ inputs, targets, batchSize: B, seqLen: T });
  }
  return batches;
}

function checkSizes(fn: string, ids: ArrayLike<number>, B: number, T: number): void {
  if (!ids || typeof ids.length !== 'number') throw new Error(`${fn}: ids expected an array of character ids, got ${ids === null ? 'null' : typeof ids}`);
  if (ids.length === 0) throw new Error(`${fn}: corpus expected at least seqLen + 1 characters, got 0`);
  if (!Number.isInteger(B) || B < 1) throw new Error(`${fn}: options.batchSize expected a positive integer, got ${B}`);
  if (!Number.isInteger(T) || T < 1) throw new Error(`${fn}: options.seqLen expected a positive integer, got ${T}`);
}
