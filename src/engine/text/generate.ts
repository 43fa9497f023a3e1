/**
 * Generating text one character at a time (chapter 5.4).
 *
 * Model-agnostic: the caller supplies `step(id)`, which feeds one character id to its model (advancing the
 * model's own h_t, C_t) and returns the logits `[V]` for the next character.
 */
import type { Rng } from '../rng.ts';
import type { CharVocab } from './vocab.ts';
import { sampleIndex, SAMPLING_OPTIONS, type SamplingOptions } from './sampling.ts';
import { checkOptions, describe } from '../options.ts';

/**
 * The most characters one generateText call generates, and the longest prompt it reads: 100 000 each. A
 * call runs to the end without yielding, and at about 25 µs per character for a 128-unit LSTM this is a few
 * seconds of work; longer texts are generated in several calls (the model's step keeps its state).
 */
export const GENERATE_MAX_LENGTH = 100_000;

export interface GenerateOptions extends SamplingOptions {
  vocab: CharVocab;
  /** Feeds one id, returns next-character logits `[V]`. */
  step: (id: number) => ArrayLike<number>;
  /** Prompt read before sampling starts (1 … GENERATE_MAX_LENGTH characters, all in the vocabulary). */
  seedText: string;
  /** How many characters to generate, 0 … GENERATE_MAX_LENGTH. */
  length: number;
  /** Required unless temperature is 0 (greedy decoding uses no randomness). */
  rng?: Rng;
}

/** Reads `seedText` through `step`, then samples `length` characters; returns only the generated part. */
export function generateText(options: GenerateOptions): string {
  const fn = 'generateText';
  if (options === undefined) throw new Error(`${fn}: options expected { vocab, step, seedText, length, rng }, got none`);
  checkOptions(fn, options, { vocab: 'object', step: 'function', seedText: 'string', length: 'any', rng: 'any', ...SAMPLING_OPTIONS });
  const { vocab, step, seedText, length, rng, temperature, topK, topP } = options;
  if (typeof length !== 'number' || !Number.isInteger(length) || length < 0 || length > GENERATE_MAX_LENGTH) {
    throw new Error(`${fn}: options.length expected an integer in [0, ${GENERATE_MAX_LENGTH}], got ${describe(length)}`);
  }
  if (!seedText) throw new Error(`${fn}: options.seedText expected at least one character, got an empty string`);
  if (!vocab || typeof vocab.encode !== 'function') throw new Error(`${fn}: options.vocab expected a CharVocab, got ${describe(vocab)}`);
  if (typeof step !== 'function') throw new Error(`${fn}: options.step expected a function (id) => logits, got ${describe(step)}`);
  if (temperature !== 0 && (!rng || typeof rng.next !== 'function')) {
    throw new Error(`${fn}: options.rng expected an Rng (or temperature 0 for greedy), got ${rng === undefined ? 'none' : describe(rng)}`);
  }
  const prompt = vocab.encode(seedText);
  if (prompt.length > GENERATE_MAX_LENGTH) {
    throw new Error(`${fn}: options.seedText expected at most ${GENERATE_MAX_LENGTH} characters, got ${prompt.length}`);
  }
  const sampling = { temperature, topK, topP, rng };
  let logits: ArrayLike<number> = [];
  for (const id of prompt) logits = step(id);
  const out: number[] = [];
  for (let n = 0; n < length; n++) {
    const id = sampleIndex(logits, sampling);
    out.push(id);
    if (n + 1 < length) logits = step(id);
  }
  return vocab.decode(out);
}
