/**
 * Short, versioned widget links: the state a link carries lives in its hash, compressed.
 *
 *   /en/04-lstm-cell/#cell-explorer&v=2&s=<state>&pin=<pinned state>
 *
 * `anchor` is the figure the link points at; `v` the format version; `s` the state to open with and `pin` a
 * state a teacher pinned (the widget offers "Back to pinned state"). Both hold a query string of
 * `prefix.field=value` parameters (url-state.ts), compressed with lz-string into URL-safe text. Older links
 * keep working through migrate():
 *   version 1  the query form, `?cell.x=0.5&cell.seed=7#cell-explorer` (links made before the hash)
 *   version 2  the hash above
 * A hash is parsed, never trusted: decodeHash() never throws, and says what it could not read; the state it
 * returns is still only text for parseState() to check field by field. DOM-free.
 */
// lz-string is CommonJS: its functions are properties of the default export.
import LZString from 'lz-string';

const { compressToEncodedURIComponent, decompressFromEncodedURIComponent } = LZString;

export const LINK_VERSION = 2;

/** Longest compressed part accepted; a longer one is refused rather than decompressed. */
const MAX_PART = 8_000;

export interface LinkHash {
  /** The element id the hash points at ('' when none). */
  anchor: string;
  /** Query string (no leading `?`) of the state to open with, '' when none. */
  state: string;
  /** Query string of the state pinned for the widget at `anchor` ('' pins its defaults), null when none. */
  pinned: string | null;
}

/** What a hash held that could not be read. */
export type HashProblem = 'unknown-version' | 'unreadable-state' | 'unreadable-pin';

/** Writes a hash (with its leading `#`), or `#anchor` alone when there is no state to carry. */
export function encodeHash({ anchor, state, pinned }: LinkHash): string {
  const parts = [encodeURIComponent(anchor)];
  if (state || pinned !== null) parts.push(`v=${LINK_VERSION}`);
  if (state) parts.push(`s=${compressToEncodedURIComponent(state)}`);
  // Pinned defaults are an empty `pin=`: lz-string would spell the empty text "Q".
  if (pinned !== null) parts.push(`pin=${pinned ? compressToEncodedURIComponent(pinned) : ''}`);
  return `#${parts.join('&')}`;
}

/** Reads a hash (with or without `#`). Anything unreadable is left out and named in `problems`. */
export function decodeHash(hash: string): LinkHash & { problems: HashProblem[] } {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const [head, ...rest] = text.split('&');
  const fields = new Map<string, string>();
  for (const part of rest) {
    const eq = part.indexOf('=');
    if (eq > 0 && !fields.has(part.slice(0, eq))) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const anchor = safeDecode(head) ?? '';
  const problems: HashProblem[] = [];
  if (!fields.has('s') && !fields.has('pin')) return { anchor, state: '', pinned: null, problems };
  const version = fields.get('v');
  if (version !== String(LINK_VERSION)) {
    problems.push('unknown-version');
    return { anchor, state: '', pinned: null, problems };
  }
  const state = fields.has('s') ? inflate(fields.get('s') ?? '') : '';
  const pinned = fields.has('pin') ? inflate(fields.get('pin') ?? '') : null;
  if (state === undefined) problems.push('unreadable-state');
  if (pinned === undefined) problems.push('unreadable-pin');
  return { anchor, state: state ?? '', pinned: pinned ?? null, problems };
}

/**
 * Any link, old or new, in today's terms: the state of a version-1 link is its query string, which the
 * version-2 state (if both are present) overrides parameter by parameter, so nothing a link carries is lost.
 */
export function migrate(search: string, hash: string): LinkHash & { problems: HashProblem[] } {
  const decoded = decodeHash(hash);
  const params = new URLSearchParams(search);
  const fromHash = new URLSearchParams(decoded.state);
  for (const key of new Set(fromHash.keys())) params.delete(key);
  for (const [key, value] of fromHash) params.append(key, value);
  return { ...decoded, state: params.toString() };
}

/** The text of a compressed part ('' stays ''), or undefined when it is no compressed text of ours. */
function inflate(part: string): string | undefined {
  if (part === '') return '';
  if (part.length > MAX_PART) return undefined;
  try {
    const text = decompressFromEncodedURIComponent(part);
    // lz-string answers garbage with null, '' or text that is not a query string of ours.
    if (!text || /[\u0000-\u001f#]/.test(text)) return undefined;
    return text;
  } catch {
    return undefined;
  }
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
