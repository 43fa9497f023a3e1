/**
 * The cell inspector: what each unit of the top LSTM layer holds while the model reads a text, and which
 * units follow simple features of the text (Karpathy's "quote unit", a unit that counts position in a line).
 *
 * traceStates reads the text from a zero state, one character at a time, and records C_t and h_t of every
 * unit of the top layer after each character. rankUnits correlates each unit's trace with a feature (Pearson's
 * r over the positions of the text) and sorts the units by |r|.
 */
import type { StudioModel } from './model.ts';
import type { StudioVocab } from './vocab.ts';

/** Longest text traced at once (characters): 20 000 × H floats stays a few MB. */
export const MAX_TRACE_CHARS = 20000;

export interface StateTrace {
  /** Characters read (code points of the text, in order). */
  chars: string[];
  /** c[t]: C_t of the top layer after reading chars[t], [H]. */
  c: Float32Array[];
  /** h[t]: h_t of the top layer after reading chars[t], [H]. */
  h: Float32Array[];
}

/** Reads `text` (at most MAX_TRACE_CHARS characters) and records the top layer's C_t and h_t after each. */
export function traceStates(model: StudioModel, vocab: StudioVocab, text: string): StateTrace {
  const chars = Array.from(text);
  if (chars.length > MAX_TRACE_CHARS) throw new Error(`traceStates: text expected at most ${MAX_TRACE_CHARS} characters, got ${chars.length}`);
  const gen = model.generator();
  const top = model.numLayers - 1;
  const c: Float32Array[] = [];
  const h: Float32Array[] = [];
  for (const ch of chars) {
    gen.step(vocab.id(ch));
    c.push(Float32Array.from(gen.c[top]));
    h.push(Float32Array.from(gen.h[top]));
  }
  return { chars, c, h };
}

export type FeatureId = 'in-quotes' | 'in-brackets' | 'line-start' | 'after-space' | 'in-word' | 'line-position';

export interface Feature {
  id: FeatureId;
  /** The feature's value at each character of the text (0/1, or a position). */
  values(chars: readonly string[]): Float64Array;
}

const OPEN_QUOTES = new Set(['"', '“', '「', '『', '«']);
const CLOSE_QUOTES = new Set(['"', '”', '」', '』', '»']);
const OPEN_BRACKETS = new Set(['(', '[', '{', '（', '【', '《']);
const CLOSE_BRACKETS = new Set([')', ']', '}', '）', '】', '》']);

/** Simple features of a text, each 1 where it holds (or a number), per character. */
export const FEATURES: readonly Feature[] = [
  {
    // 1 from an opening quote up to and including its closing quote ('"' toggles); a line break ends it.
    id: 'in-quotes',
    values: (chars) => {
      const out = new Float64Array(chars.length);
      let inside = false;
      chars.forEach((ch, t) => {
        if (ch === '\n') inside = false;
        else if (inside && CLOSE_QUOTES.has(ch)) {
          out[t] = 1;
          inside = false;
          return;
        } else if (!inside && OPEN_QUOTES.has(ch)) inside = true;
        out[t] = inside ? 1 : 0;
      });
      return out;
    },
  },
  {
    // 1 inside any depth of (), [], {} and their CJK forms, brackets included.
    id: 'in-brackets',
    values: (chars) => {
      const out = new Float64Array(chars.length);
      let depth = 0;
      chars.forEach((ch, t) => {
        if (OPEN_BRACKETS.has(ch)) depth++;
        out[t] = depth > 0 ? 1 : 0;
        if (CLOSE_BRACKETS.has(ch)) depth = Math.max(0, depth - 1);
      });
      return out;
    },
  },
  { id: 'line-start', values: (chars) => Float64Array.from(chars, (_, t) => (t === 0 || chars[t - 1] === '\n' ? 1 : 0)) },
  { id: 'after-space', values: (chars) => Float64Array.from(chars, (_, t) => (t > 0 && /\s/u.test(chars[t - 1]) ? 1 : 0)) },
  {
    // 1 on a letter or digit whose previous character is one too: the model is in the middle of a word.
    id: 'in-word',
    values: (chars) => Float64Array.from(chars, (ch, t) => (t > 0 && isWordChar(ch) && isWordChar(chars[t - 1]) ? 1 : 0)),
  },
  {
    // Characters since the last line break (0 at the start of a line).
    id: 'line-position',
    values: (chars) => {
      const out = new Float64Array(chars.length);
      let column = 0;
      chars.forEach((ch, t) => {
        out[t] = column;
        column = ch === '\n' ? 0 : column + 1;
      });
      return out;
    },
  },
];

function isWordChar(ch: string): boolean {
  return /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Units of the traced layer ranked by |r|, Pearson's correlation between the unit's C_t (or h_t) and the
 * feature over all positions. A unit or a feature that is constant over the text has r = 0.
 */
export function rankUnits(
  trace: StateTrace,
  text: string,
  feature: FeatureId | Feature,
  options: { state?: 'c' | 'h' } = {},
): { unit: number; r: number }[] {
  const f = typeof feature === 'string' ? FEATURES.find((x) => x.id === feature) : feature;
  if (!f) throw new Error(`rankUnits: feature expected one of ${FEATURES.map((x) => x.id).join(', ')}, got ${JSON.stringify(feature)}`);
  const chars = Array.from(text);
  const series = trace[options.state ?? 'c'];
  if (chars.length !== series.length) throw new Error(`rankUnits: text has ${chars.length} characters but the trace has ${series.length} steps`);
  const y = f.values(chars);
  const n = series.length;
  if (n === 0) return [];
  const H = series[0].length;
  const yMean = y.reduce((s, v) => s + v, 0) / n;
  let yy = 0;
  for (let t = 0; t < n; t++) yy += (y[t] - yMean) ** 2;
  const ranked: { unit: number; r: number }[] = [];
  for (let u = 0; u < H; u++) {
    let mean = 0;
    for (let t = 0; t < n; t++) mean += series[t][u];
    mean /= n;
    let xy = 0;
    let xx = 0;
    for (let t = 0; t < n; t++) {
      const dx = series[t][u] - mean;
      xy += dx * (y[t] - yMean);
      xx += dx * dx;
    }
    ranked.push({ unit: u, r: xx > 0 && yy > 0 ? xy / Math.sqrt(xx * yy) : 0 });
  }
  return ranked.sort((a, b) => Math.abs(b.r) - Math.abs(a.r) || a.unit - b.unit);
}
