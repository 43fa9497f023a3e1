/**
 * Sampling the next character from a model's logits (chapter 5.4, eq-temperature).
 *
 * Pipeline, in this order (the order Hugging Face and most samplers use):
 *   1. temperature τ: p_k = softmax(z / τ)_k. τ = 0 means greedy: the argmax, no randomness used.
 *   2. top-k: keep the k most probable entries, renormalise.
 *   3. top-p (nucleus): keep the smallest set of most probable entries whose probability adds up to at least p,
 *      renormalise.
 *   4. draw one index with a single `rng.next()`.
 *
 * Tie-breaking is deterministic: when probabilities are equal, the lower index ranks first (it is the argmax,
 * it survives a top-k cut, it enters the nucleus first). The draw walks the kept indices in ascending index
 * order and returns the first whose cumulative probability exceeds u · total, u = rng.next() ∈ [0, 1).
 * Everything is computed in float64, so the same logits and the same seed give the same index everywhere.
 */
import { exp as exactExp } from '../exact-math.ts';
import type { Rng } from '../rng.ts';
import { checkOptions, type OptionSpec } from '../options.ts';

/** The options samplingDistribution reads (sampleIndex adds rng). */
export const SAMPLING_OPTIONS: OptionSpec = { temperature: 'number', topK: 'number', topP: 'number' };

export interface SamplingOptions {
  /** τ ≥ 0 (default 1). Lower is more conservative, higher more adventurous; 0 is argmax. */
  temperature?: number;
  /** Keep only the k most probable indices (integer ≥ 1; default: all). */
  topK?: number;
  /** Keep the smallest most-probable set with total probability ≥ p, p ∈ (0, 1] (default 1: all). */
  topP?: number;
}

/**
 * The distribution {@link sampleIndex} draws from: `[V]` probabilities after temperature, top-k and top-p,
 * zero outside the kept set, summing to 1. With temperature 0 it is one-hot at the argmax.
 * `logits` may contain −Infinity (a masked entry) but not NaN or +Infinity, and must have a finite entry.
 */
export function samplingDistribution(logits: ArrayLike<number>, options: SamplingOptions = {}): Float64Array {
  const fn = 'samplingDistribution';
  const { temperature = 1, topK, topP = 1 } = checkOptions(fn, options, SAMPLING_OPTIONS);
  const V = checkLogits(fn, logits);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new Error(`${fn}: options.temperature expected a finite number ≥ 0, got ${temperature}`);
  }
  if (topK !== undefined && (!Number.isInteger(topK) || topK < 1)) {
    throw new Error(`${fn}: options.topK expected an integer ≥ 1, got ${topK}`);
  }
  if (!(topP > 0 && topP <= 1)) throw new Error(`${fn}: options.topP expected a number in (0, 1], got ${topP}`);

  const p = new Float64Array(V);
  if (temperature === 0) {
    p[argmax(logits)] = 1;
    return p;
  }
  // Stable softmax of z / τ: subtract the max so the largest exponent is e^0 = 1.
  const zMax = logits[argmax(logits)];
  let total = 0;
  for (let k = 0; k < V; k++) {
    p[k] = exactExp((logits[k] - zMax) / temperature);
    total += p[k];
  }
  for (let k = 0; k < V; k++) p[k] /= total;
  if ((topK === undefined || topK >= V) && topP === 1) return p;

  // Rank by probability, ties by lower index (a stable order the docs promise).
  const order = Array.from({ length: V }, (_, k) => k).sort((a, b) => p[b] - p[a] || a - b);
  let keep = topK === undefined ? V : Math.min(topK, V);
  if (topP < 1) {
    let mass = 0;
    for (let r = 0; r < keep; r++) mass += p[order[r]];
    // The nucleus is taken within the top-k set, measured against that set's renormalised mass.
    let cumulative = 0;
    for (let r = 0; r < keep; r++) {
      cumulative += p[order[r]] / mass;
      if (cumulative >= topP) {
        keep = r + 1;
        break;
      }
    }
  }
  const out = new Float64Array(V);
  let kept = 0;
  for (let r = 0; r < keep; r++) kept += p[order[r]];
  for (let r = 0; r < keep; r++) out[order[r]] = p[order[r]] / kept;
  return out;
}

/**
 * Draws one index from `logits` ([V], unnormalised log-probabilities) after temperature, top-k and top-p.
 * Uses exactly one `rng.next()` unless temperature is 0: that is greedy decoding (the argmax), which uses no
 * randomness, so `rng` may be left out. See the module comment for tie-breaking.
 */
export function sampleIndex(logits: ArrayLike<number>, options: SamplingOptions & { rng?: Rng }): number {
  const { rng, ...sampling } = checkOptions('sampleIndex', options, { ...SAMPLING_OPTIONS, rng: 'any' });
  if (sampling.temperature === 0) return argmax(samplingDistribution(logits, sampling));
  if (!rng || typeof rng.next !== 'function') throw new Error('sampleIndex: options.rng expected an Rng (or temperature 0 for greedy), got none');
  const p = samplingDistribution(logits, sampling);
  const u = rng.next();
  let cumulative = 0;
  let last = -1;
  for (let k = 0; k < p.length; k++) {
    if (p[k] === 0) continue;
    cumulative += p[k];
    last = k;
    if (u < cumulative) return k;
  }
  return last; // u ≥ Σp only through rounding: the last kept index
}

/** Index of the largest entry, the lowest index on ties. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k] > values[best]) best = k;
  return best;
}

function checkLogits(fn: string, logits: ArrayLike<number>): number {
  if (!logits || typeof logits.length !== 'number') throw new Error(`${fn}: logits expected an array of numbers, got ${logits === null ? 'null' : typeof logits}`);
  const V = logits.length;
  if (V === 0) throw new Error(`${fn}: logits expected [V] with V ≥ 1, got []`);
  let finite = false;
  for (let k = 0; k < V; k++) {
    const z = logits[k];
    if (Number.isNaN(z) || z === Infinity) {
      throw new Error(`${fn}: logits[${k}] expected a finite number or -Infinity, got ${z}`);
    }
    if (z !== -Infinity) finite = true;
  }
  if (!finite) throw new Error(`${fn}: logits expected at least one finite entry, got only -Infinity`);
  return V;
}
