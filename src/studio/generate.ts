/**
 * Writing text with a trained model (chapter 5.4): read the start text, then sample one character at a time.
 * An iterator, so the widget can stream characters as they come and stop whenever the reader asks. The draw
 * is the engine's sampleIndex (temperature, then top-k, then top-p; one rng.next() per character), so the same
 * model, start text, settings and seed always give the same text; temperature 0 is greedy (the argmax). The
 * unknown symbol (vocab.ts) is never written.
 */
import { Rng, samplingDistribution, sampleIndex } from '../engine/index.ts';
import type { StudioModel } from './model.ts';
import type { StudioVocab } from './vocab.ts';
import { MAX_LENGTH } from './generation-limits.ts';

export { MAX_LENGTH };
/** Candidates reported per generated character. */
export const CANDIDATES = 5;

export interface GenerateOptions {
  model: StudioModel;
  vocab: StudioVocab;
  /** Read before sampling; when empty the model reads one line break (or a space) first, as if at a paragraph start. */
  startText: string;
  /** Characters to generate, 0 … MAX_LENGTH. */
  length: number;
  /** τ ≥ 0; 0 = greedy. */
  temperature: number;
  /** Keep the k most likely characters (0 or omitted = all). */
  topK?: number;
  /** Nucleus mass in (0, 1] (1 or omitted = all). */
  topP?: number;
  /** Seeds the draws (an integer). */
  seed: number;
}

export interface GeneratedChar {
  char: string;
  /**
   * The CANDIDATES most likely next characters under the model itself (temperature 1, before any cut, the
   * unknown symbol left out), most likely first.
   */
  candidates: { char: string; p: number }[];
}

/** Yields one generated character at a time, with the model's top candidates for that position. */
export function* generate(options: GenerateOptions): Generator<GeneratedChar, void, undefined> {
  const { model, vocab, startText, length, temperature, topK, topP, seed } = options;
  if (!Number.isInteger(length) || length < 0 || length > MAX_LENGTH) {
    throw new Error(`generate: length expected an integer in [0, ${MAX_LENGTH}], got ${length}`);
  }
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new Error(`generate: temperature expected a finite number ≥ 0, got ${temperature}`);
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 0)) throw new Error(`generate: topK expected an integer ≥ 0 (0 = all), got ${topK}`);
  if (topP !== undefined && !(topP > 0 && topP <= 1)) throw new Error(`generate: topP expected a number in (0, 1], got ${topP}`);
  if (!Number.isInteger(seed)) throw new Error(`generate: seed expected an integer, got ${seed}`);
  if (vocab.size !== model.vocabSize) throw new Error(`generate: vocab has ${vocab.size} characters but the model predicts ${model.vocabSize}`);
  const sampling = { temperature, topK: topK ? topK : undefined, topP: topP ?? 1 };
  const rng = new Rng(seed);
  const gen = model.generator();
  const prompt = startText.length > 0 ? vocab.encode(startText) : Int32Array.of(blankStart(vocab));
  let logits: Float64Array = new Float64Array(0);
  for (const id of prompt) logits = gen.step(id);
  for (let n = 0; n < length; n++) {
    // The unknown symbol stands for many rare characters; the model may predict it but never writes it.
    logits[vocab.unknownId] = -Infinity;
    const candidates = topCandidates(samplingDistribution(logits), vocab, CANDIDATES);
    const id = sampleIndex(logits, { ...sampling, rng });
    yield { char: vocab.chars[id], candidates };
    if (n + 1 < length) logits = gen.step(id);
  }
}

/** The whole generated text at once (the iterator, collected). */
export function generateString(options: GenerateOptions): string {
  let out = '';
  for (const { char } of generate(options)) out += char;
  return out;
}

/** The k largest probabilities, most likely first, ties towards the lower id. */
export function topCandidates(p: Float64Array, vocab: StudioVocab, k: number): { char: string; p: number }[] {
  const best: number[] = [];
  for (let id = 0; id < p.length; id++) {
    if (best.length === k && p[id] <= p[best[k - 1]]) continue;
    let at = best.length;
    while (at > 0 && p[id] > p[best[at - 1]]) at--;
    best.splice(at, 0, id);
    if (best.length > k) best.pop();
  }
  return best.map((id) => ({ char: vocab.chars[id], p: p[id] }));
}

/** What an empty start text stands for: a line break, else a space, else the unknown symbol. */
function blankStart(vocab: StudioVocab): number {
  if (vocab.has('\n')) return vocab.id('\n');
  return vocab.has(' ') ? vocab.id(' ') : vocab.unknownId;
}
