/**
 * A character vocabulary over Unicode code points (chapter 5.3).
 *
 * Strings are iterated with `for…of`, which walks code points, not UTF-16 units: "字" and "😀" are one
 * character each. (A grapheme built from several code points, such as 👍🏽 or a ZWJ family emoji, is several
 * characters, exactly as the model sees it.) Ids follow code-point order, so the same text always gives the
 * same ids on every machine.
 */
export class CharVocab {
  /** The characters, id → character, sorted by code point when built with {@link CharVocab.fromText}. */
  readonly chars: readonly string[];
  private readonly ids: Map<string, number>;

  /**
   * Builds a vocabulary from characters given in id order (e.g. a saved `vocab.chars`).
   * Each entry must be exactly one code point and appear once.
   */
  constructor(chars: Iterable<string>) {
    const list = Array.from(chars);
    if (list.length === 0) throw new Error('CharVocab: chars expected at least one character, got none');
    const ids = new Map<string, number>();
    list.forEach((ch, id) => {
      if (typeof ch !== 'string' || [...ch].length !== 1) {
        throw new Error(`CharVocab: chars[${id}] expected a single Unicode code point, got ${JSON.stringify(ch)}`);
      }
      if (ids.has(ch)) throw new Error(`CharVocab: chars[${id}] ${describe(ch)} repeats chars[${ids.get(ch)}]`);
      ids.set(ch, id);
    });
    this.chars = Object.freeze(list);
    this.ids = ids;
  }

  /** The vocabulary of every distinct code point in `text`, sorted by code point. Throws on empty text. */
  static fromText(text: string): CharVocab {
    if (typeof text !== 'string') throw new Error(`CharVocab.fromText: text expected a string, got ${typeof text}`);
    if (text.length === 0) throw new Error('CharVocab.fromText: text expected at least one character, got an empty string');
    const distinct = [...new Set(text)];
    distinct.sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
    return new CharVocab(distinct);
  }

  /** Number of characters V (the model's input and output width). */
  get size(): number {
    return this.chars.length;
  }

  /** True when `ch` (one code point) is in the vocabulary. */
  has(ch: string): boolean {
    return this.ids.has(ch);
  }

  /** Id of one character; throws if it is unknown. */
  id(ch: string): number {
    const id = this.ids.get(ch);
    if (id === undefined) throw new Error(`CharVocab.id: ${describe(ch)} is not in the vocabulary (size ${this.size})`);
    return id;
  }

  /**
   * Text → ids, one per code point: `[n]` where n is the number of code points of `text`.
   * Throws on the first character not in the vocabulary, naming it and its position.
   */
  encode(text: string): Int32Array {
    if (typeof text !== 'string') throw new Error(`CharVocab.encode: text expected a string, got ${typeof text}`);
    const chars = [...text];
    const out = new Int32Array(chars.length);
    for (let k = 0; k < chars.length; k++) {
      const id = this.ids.get(chars[k]);
      if (id === undefined) {
        throw new Error(
          `CharVocab.encode: text has ${describe(chars[k])} at position ${k} that is not in the vocabulary (size ${this.size})`,
        );
      }
      out[k] = id;
    }
    return out;
  }

  /** Ids → text. Throws on an id that is not an integer in [0, V). */
  decode(ids: ArrayLike<number>): string {
    let out = '';
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      if (!Number.isInteger(id) || id < 0 || id >= this.size) {
        throw new Error(`CharVocab.decode: ids[${k}] expected an integer in [0, ${this.size}), got ${id}`);
      }
      out += this.chars[id];
    }
    return out;
  }

  /** Plain data for saving next to a checkpoint; `new CharVocab(json.chars)` restores it. */
  toJSON(): { chars: string[] } {
    return { chars: [...this.chars] };
  }
}

function describe(ch: string): string {
  const cp = ch.codePointAt(0);
  const hex = cp === undefined ? '?' : cp.toString(16).toUpperCase().padStart(4, '0');
  return `character ${JSON.stringify(ch)} (U+${hex})`;
}
