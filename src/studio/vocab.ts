/**
 * The studio's vocabulary: the most frequent characters of the training text plus one unknown symbol.
 *
 * A character is a Unicode code point ('细' and '🙂' are one each). Chinese text has thousands of distinct
 * characters, most of them rare; the output layer costs V·H per character, so the vocabulary keeps the
 * DEFAULT_MAX_SIZE − 1 most frequent ones and maps every other character to UNKNOWN (README, "Studio").
 * Ids: 0 is UNKNOWN, then characters by falling frequency, ties by code point, so a text always gives the
 * same ids.
 */
import { CharVocab } from '../engine/index.ts';

/** The symbol that stands for every character outside the vocabulary (U+FFFD REPLACEMENT CHARACTER). */
export const UNKNOWN = '\uFFFD';
/** Default vocabulary size, the unknown symbol included. */
export const DEFAULT_MAX_SIZE = 2000;
/** Largest vocabulary a model file may have. */
export const MAX_VOCAB_SIZE = 20000;

export interface StudioVocabJSON {
  /** id → character; chars[0] is the unknown symbol. */
  chars: string[];
}

export class StudioVocab {
  /** id → character (chars[unknownId] is UNKNOWN). */
  readonly chars: readonly string[];
  readonly unknownId = 0;
  private readonly table: CharVocab;

  /** Characters in id order; the first must be UNKNOWN and none may repeat. */
  constructor(chars: readonly string[]) {
    if (chars[0] !== UNKNOWN) throw new Error(`StudioVocab: chars[0] expected the unknown symbol U+FFFD, got ${JSON.stringify(chars[0])}`);
    this.table = new CharVocab(chars); // checks one code point each, no repeats; error names the index
    this.chars = this.table.chars;
  }

  /** The most frequent characters of `text` (at most maxSize − 1 of them) plus UNKNOWN. */
  static fromText(text: string, options: { maxSize?: number } = {}): StudioVocab {
    const { maxSize = DEFAULT_MAX_SIZE } = options;
    if (typeof text !== 'string') throw new Error(`StudioVocab.fromText: text expected a string, got ${typeof text}`);
    if (!Number.isInteger(maxSize) || maxSize < 2 || maxSize > MAX_VOCAB_SIZE) {
      throw new Error(`StudioVocab.fromText: options.maxSize expected an integer in [2, ${MAX_VOCAB_SIZE}], got ${maxSize}`);
    }
    const counts = new Map<string, number>();
    for (const ch of text) if (ch !== UNKNOWN) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].codePointAt(0)! - b[0].codePointAt(0)!);
    return new StudioVocab([UNKNOWN, ...ranked.slice(0, maxSize - 1).map(([ch]) => ch)]);
  }

  /** Rebuilds a vocabulary saved with toJSON, checking it; errors name the key. */
  static fromJSON(json: unknown): StudioVocab {
    const chars = (json as StudioVocabJSON | null)?.chars;
    if (!Array.isArray(chars)) throw new Error(`vocab.chars: expected an array of characters, got ${chars === undefined ? 'nothing' : typeof chars}`);
    if (chars.length < 2 || chars.length > MAX_VOCAB_SIZE) {
      throw new Error(`vocab.chars: expected between 2 and ${MAX_VOCAB_SIZE} characters, got ${chars.length}`);
    }
    try {
      return new StudioVocab(chars);
    } catch (e) {
      throw new Error(`vocab.chars: ${(e as Error).message.replace(/^(StudioVocab|CharVocab): /, '')}`);
    }
  }

  /** V: characters the model reads and predicts, UNKNOWN included. */
  get size(): number {
    return this.chars.length;
  }

  /** True when `ch` has its own id (not UNKNOWN). */
  has(ch: string): boolean {
    return ch !== UNKNOWN && this.table.has(ch);
  }

  /** Id of one character, unknownId when it is outside the vocabulary. */
  id(ch: string): number {
    return this.table.has(ch) ? this.table.id(ch) : this.unknownId;
  }

  /** Text → ids [n], one per code point; characters outside the vocabulary become unknownId. */
  encode(text: string): Int32Array {
    const chars = Array.from(text);
    const out = new Int32Array(chars.length);
    for (let k = 0; k < chars.length; k++) out[k] = this.id(chars[k]);
    return out;
  }

  /** Ids → text (unknownId decodes to UNKNOWN). Throws on an id outside [0, V). */
  decode(ids: ArrayLike<number>): string {
    return this.table.decode(ids);
  }

  /** Characters of `text` that would be read as UNKNOWN. */
  unknownCount(text: string): number {
    let n = 0;
    for (const ch of text) if (!this.has(ch)) n++;
    return n;
  }

  toJSON(): StudioVocabJSON {
    return { chars: [...this.chars] };
  }
}
