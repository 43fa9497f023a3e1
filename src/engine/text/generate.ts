/**
 * Generating text one character at a time (chapter 5.4).
 *
 * Model-agnostic: the caller supplies `step(id)`, which feeds one character id to its model (advancing the
 * model's own h_t, C_t) and returns the logits `[V]` for the next character.
 */
import type { Rng } from '../rng.ts';
import type { CharVocab } from './vocab.ts';
import { sampleIndex, type SamplingOptions } from './sampling.ts';

export interface GenerateOptions extends SamplingOptions {
  vocab: CharVocab;
  /** Feeds one id, returns next-character logits `[V]`. */
  step: (id: number) => ArrayLike<number>;
  /** Prompt read before sampling starts (at least one character, all in the vocabulary). */
  seedText: string;
  /** How many characters to generate (≥ 0). */
  length: number;
  rng: Rng;
}

/** Reads `seedText` through `step`, then samples `length` characters; returns only the generated part. */
export function generateText(options: GenerateOptions): string {
  const { vocab, step, seedText, length, rng } = options;
  if (!Number.isInteger(length) || length < 0) {
    throw new Error(`generateText: options.length expected an integer ≥ 0, got ${length}`);
  }
  if (!seedText) throw new Error('generateText: options.seedText expected at least one character, got an empty string');
  const prompt = vocab.encode(seedText);
  let logits: ArrayLike<number> = [];
  for (const id of prompt) logits = step(id);
  const out: number[] = [];
  for (let n = 0; n < length; n++) {
    const id = sampleIndex(logits, { ...options, rng });
    out.push(id);
    if (n + 1 < length) logits = step(id);
  }
  return vocab.decode(out);
}
