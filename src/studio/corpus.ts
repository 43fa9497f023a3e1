/**
 * Training texts: the three built-in corpora and the checks a reader's own text goes through.
 *
 * A reader's text is UTF-8 in any script, emoji included, between MIN_CHARS characters (code points) and
 * MAX_BYTES bytes. Anything else is answered with a CorpusCheck that says why (the widget turns `reason`
 * into a sentence in each language); nothing here throws on bad input.
 */

/** Fewest characters (code points) a training text may have: below this there is nothing to hold out. */
export const MIN_CHARS = 1000;
/** Largest training text, in UTF-8 bytes (5 MiB). */
export const MAX_BYTES = 5 * 1024 * 1024;
/** Share of the text, at its end, that is held out for validation and never trained on (1/10). */
export const HOLDOUT_FRACTION = 0.1;

export type CorpusProblem = 'empty' | 'too-short' | 'too-large' | 'binary' | 'not-utf8';

export type CorpusCheck =
  | { ok: true; text: string }
  | { ok: false; reason: CorpusProblem; chars?: number; bytes?: number };

export interface CorpusInfo {
  id: 'en-book' | 'zh-book' | 'zh-poetry';
  lang: 'en' | 'zh-cn';
  /** Served by src/pages/corpora/[id].txt.ts at build time. */
  url: string;
  /** The pretrained model file (written by scripts/train-checkpoints.ts), when there is one. */
  checkpointUrl?: string;
}

export const CORPORA: readonly CorpusInfo[] = [
  { id: 'en-book', lang: 'en', url: '/corpora/en-book.txt', checkpointUrl: '/checkpoints/en-book.json' },
  { id: 'zh-book', lang: 'zh-cn', url: '/corpora/zh-book.txt' },
  { id: 'zh-poetry', lang: 'zh-cn', url: '/corpora/zh-poetry.txt', checkpointUrl: '/checkpoints/zh-poetry.json' },
];

/**
 * The bytes of an uploaded file → its text, or why it cannot be used. Decoding is strict UTF-8 (an invalid
 * sequence is 'not-utf8', never a replacement character); a byte-order mark is dropped. A file with NUL bytes
 * or many control bytes is 'binary' (an image, an archive, a word-processor file), which is checked first so
 * that such a file is not reported as merely mis-encoded.
 */
export function decodeCorpusFile(bytes: Uint8Array): CorpusCheck {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(0);
  if (view.length === 0) return { ok: false, reason: 'empty', chars: 0, bytes: 0 };
  if (view.length > MAX_BYTES) return { ok: false, reason: 'too-large', bytes: view.length };
  if (looksBinary(view)) return { ok: false, reason: 'binary', bytes: view.length };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(view); // strips a leading BOM by default
  } catch {
    return { ok: false, reason: 'not-utf8', bytes: view.length };
  }
  return checkCorpusText(text);
}

/**
 * A text (pasted, or decoded from a file) → the text to train on, or why not. Line endings become '\n'; a
 * leading BOM is dropped. Empty means nothing but whitespace. Lengths are in code points (what the model
 * reads) and UTF-8 bytes (what the limit is stated in).
 */
export function checkCorpusText(text: string): CorpusCheck {
  if (typeof text !== 'string') return { ok: false, reason: 'empty', chars: 0, bytes: 0 };
  const clean = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const bytes = utf8Length(clean);
  if (clean.trim().length === 0) return { ok: false, reason: 'empty', chars: 0, bytes };
  if (bytes > MAX_BYTES) return { ok: false, reason: 'too-large', bytes };
  if (clean.includes('\u0000') || controlShare(clean) > 0.05) return { ok: false, reason: 'binary', bytes };
  const chars = codePointCount(clean);
  if (chars < MIN_CHARS) return { ok: false, reason: 'too-short', chars, bytes };
  return { ok: true, text: clean };
}

/**
 * The last HOLDOUT_FRACTION of the text's code points is the validation text, the rest the training text.
 * The cut is at a code point, so an emoji or a CJK character beyond the BMP is never split.
 */
export function splitHoldout(text: string): { train: string; validation: string } {
  const chars = Array.from(text);
  // Integer arithmetic (n / 10 rounded half up), so the PyTorch script cuts at exactly the same place.
  const cut = chars.length - Math.max(1, Math.floor((chars.length + 5) / 10));
  return { train: chars.slice(0, cut).join(''), validation: chars.slice(cut).join('') };
}

/** Code points in a string (an astral character such as 🙂 counts once). */
export function codePointCount(text: string): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) {
    const u = text.charCodeAt(k);
    if (u >= 0xd800 && u <= 0xdbff && k + 1 < text.length) {
      const next = text.charCodeAt(k + 1);
      if (next >= 0xdc00 && next <= 0xdfff) k++;
    }
    n++;
  }
  return n;
}

/** Bytes of the string in UTF-8 (a lone surrogate counts as the 3 bytes of U+FFFD, as TextEncoder writes it). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let k = 0; k < text.length; k++) {
    const u = text.charCodeAt(k);
    if (u < 0x80) n += 1;
    else if (u < 0x800) n += 2;
    else if (u >= 0xd800 && u <= 0xdbff && k + 1 < text.length && (text.charCodeAt(k + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      k++;
    } else n += 3;
  }
  return n;
}

/** Control characters other than tab, line feed, form feed and carriage return. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}

function controlShare(text: string): number {
  let control = 0;
  const n = Math.min(text.length, 65536); // a sample is enough to tell a binary file from text
  for (let k = 0; k < n; k++) if (isControl(text.charCodeAt(k))) control++;
  return control / n;
}

/** NUL anywhere in the first 64 KiB, or more than 5 % control bytes there. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 65536);
  let control = 0;
  for (let k = 0; k < n; k++) {
    const b = bytes[k];
    if (b === 0) return true;
    if (isControl(b)) control++;
  }
  return control / n > 0.05;
}
