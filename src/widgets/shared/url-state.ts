/**
 * Widget state in the URL, so that a link reproduces exactly what its sender saw.
 *
 * Each widget owns a prefix and a schema; its fields live in the query string as `prefix.field=value`
 * (`?cell.x=0.5,-1&cell.seed=7`), so several widgets on one page never collide and unrelated parameters
 * are left alone. Only values that differ from the defaults are written, which keeps links short and
 * makes "reset" the same as "no parameters". DOM-free: it reads and returns query strings.
 *
 * A link is parsed, never trusted: any query string yields a valid state. A value the schema does not
 * allow is replaced by the nearest valid one (clamped into range, rounded to a whole number, cut to its
 * longest length) or, when nothing is near, by the default; each replacement is reported as a `Notice`,
 * so the widget can tell the reader that the link was changed (notices.ts words them).
 */

export type FieldSpec =
  | { kind: 'number'; default: number; min?: number; max?: number }
  | { kind: 'int'; default: number; min?: number; max?: number }
  | {
      kind: 'numbers';
      default: readonly number[];
      /** Exact length; or a range of lengths with minLength / maxLength. */
      length?: number;
      minLength?: number;
      maxLength?: number;
      min?: number;
      max?: number;
      /** Whole numbers only (indices): other entries are dropped. */
      integer?: boolean;
      /** No repeated entries: repeats are dropped. */
      unique?: boolean;
    }
  | { kind: 'enum'; default: string; values: readonly string[] }
  | { kind: 'text'; default: string; maxLength?: number }
  | { kind: 'bool'; default: boolean };

export type Schema = Record<string, FieldSpec>;

type ValueOf<F extends FieldSpec> = F extends { kind: 'numbers' }
  ? number[]
  : F extends { kind: 'enum' } | { kind: 'text' }
    ? string
    : F extends { kind: 'bool' }
      ? boolean
      : number;

export type StateOf<S extends Schema> = { [K in keyof S]: ValueOf<S[K]> };

/** Why a field of a link was not used as written. */
export type NoticeReason =
  | 'malformed' // not a value of this kind at all (default used)
  | 'above-max' // clamped down to `limit`
  | 'below-min' // clamped up to `limit`
  | 'not-integer' // rounded to the nearest whole number
  | 'not-a-choice' // an enum value outside the list (default used)
  | 'too-long' // text cut to `limit` characters
  | 'wrong-length' // a list of the wrong length (default used)
  | 'items-dropped' // some entries of a list were not allowed and were left out
  | 'duplicate' // the field appeared more than once; the first was used
  | 'unknown'; // `prefix.name` is no field of this widget (ignored)

export interface Notice {
  field: string;
  reason: NoticeReason;
  /** The text in the link, at most 40 characters (longer is cut, with an ellipsis). */
  raw: string;
  /** The value used instead (undefined for 'unknown'). */
  used: unknown;
  /** The bound that applied: max or min for clamps, the longest length for 'too-long'. */
  limit?: number;
}

/** The schema's defaults, as a fresh object (arrays copied, so callers may mutate it). */
export function defaultState<S extends Schema>(schema: S): StateOf<S> {
  const state = {} as Record<string, unknown>;
  for (const [key, spec] of Object.entries(schema)) {
    state[key] = spec.kind === 'numbers' ? [...spec.default] : spec.default;
  }
  return state as StateOf<S>;
}

/**
 * Reads `prefix.*` parameters from a query string (with or without the leading `?`) into a state that the
 * schema allows, and says what it had to change. Never throws.
 */
export function parseState<S extends Schema>(schema: S, prefix: string, search: string): { state: StateOf<S>; notices: Notice[] } {
  const params = new URLSearchParams(search);
  const state = defaultState(schema) as Record<string, unknown>;
  const notices: Notice[] = [];
  for (const key of new Set(params.keys())) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const field = key.slice(prefix.length + 1);
    if (!Object.hasOwn(schema, field)) notices.push({ field: shorten(field), reason: 'unknown', raw: shorten(params.get(key) ?? ''), used: undefined });
  }
  for (const [field, spec] of Object.entries(schema)) {
    const all = params.getAll(`${prefix}.${field}`);
    if (all.length === 0) continue;
    const raw = all[0];
    const result = parseField(spec, raw);
    state[field] = result.value;
    if (result.reason) notices.push({ field, reason: result.reason, raw: shorten(raw), used: result.value, limit: result.limit });
    if (all.length > 1) notices.push({ field, reason: 'duplicate', raw: shorten(all.slice(1).join(', ')), used: result.value });
  }
  return { state: state as StateOf<S>, notices };
}

/** parseState without the notices (for callers that only need the state). */
export function readState<S extends Schema>(schema: S, prefix: string, search: string): StateOf<S> {
  return parseState(schema, prefix, search).state;
}

/**
 * Writes the state into a query string, replacing this widget's previous parameters and keeping all
 * others. Returns the new query string with its leading `?`, or '' when nothing remains.
 */
export function writeState<S extends Schema>(schema: S, prefix: string, state: StateOf<S>, search: string): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (key.startsWith(`${prefix}.`)) params.delete(key);
  for (const [key, spec] of Object.entries(schema)) {
    const value = (state as Record<string, unknown>)[key];
    if (sameAsDefault(spec, value)) continue;
    params.set(`${prefix}.${key}`, formatField(spec, value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The nearest value that `spec` allows to a value set by code or a control (clamped, rounded, cut), so a
 * widget's state is valid whatever path a change took. Values of the wrong type become the default.
 */
export function coerceField(spec: FieldSpec, value: unknown): unknown {
  switch (spec.kind) {
    case 'number':
    case 'int':
      return typeof value === 'number' && !Number.isNaN(value) ? fitNumber(spec, value).value : spec.default;
    case 'numbers':
      return Array.isArray(value) && value.every((v) => typeof v === 'number') ? fitList(spec, value as number[]).value : [...spec.default];
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? value : spec.default;
    case 'text':
      return typeof value === 'string' ? fitText(spec, value).value : spec.default;
    case 'bool':
      return typeof value === 'boolean' ? value : spec.default;
  }
}

interface FieldResult {
  value: unknown;
  reason?: NoticeReason;
  limit?: number;
}

function parseField(spec: FieldSpec, raw: string): FieldResult {
  switch (spec.kind) {
    case 'number':
    case 'int': {
      const n = parseDecimal(raw);
      return n === undefined ? { value: spec.default, reason: 'malformed' } : fitNumber(spec, n);
    }
    case 'numbers': {
      if (raw.trim() === '') return spec.default.length === 0 ? { value: [] } : { value: [...spec.default], reason: 'wrong-length' };
      const parts = raw.split(',').map(parseDecimal);
      const numbers = parts.filter((p): p is number => p !== undefined);
      const fitted = fitList(spec, numbers);
      if (fitted.reason === 'wrong-length') return fitted;
      return numbers.length < parts.length && !fitted.reason ? { value: fitted.value, reason: 'items-dropped' } : fitted;
    }
    case 'enum':
      return spec.values.includes(raw) ? { value: raw } : { value: spec.default, reason: 'not-a-choice' };
    case 'text':
      return fitText(spec, raw);
    case 'bool':
      return raw === '1' ? { value: true } : raw === '0' ? { value: false } : { value: spec.default, reason: 'malformed' };
  }
}

function fitNumber(spec: { kind: 'number' | 'int'; default: number; min?: number; max?: number }, n: number): FieldResult {
  if (spec.max !== undefined && n > spec.max) return { value: spec.max, reason: 'above-max', limit: spec.max };
  if (spec.min !== undefined && n < spec.min) return { value: spec.min, reason: 'below-min', limit: spec.min };
  if (!Number.isFinite(n)) return { value: spec.default, reason: 'malformed' };
  if (spec.kind === 'int' && !Number.isInteger(n)) {
    // Rounding may cross a bound that is not itself whole; clamp again.
    const rounded = Math.round(n);
    const inRange = Math.min(spec.max ?? rounded, Math.max(spec.min ?? rounded, rounded));
    return { value: inRange, reason: 'not-integer' };
  }
  return { value: n };
}

function fitList(spec: Extract<FieldSpec, { kind: 'numbers' }>, values: readonly number[]): FieldResult {
  let kept = values.filter((v) => Number.isFinite(v) && (!spec.integer || Number.isInteger(v)));
  if (spec.unique) kept = kept.filter((v, i) => kept.indexOf(v) === i);
  const minLength = spec.length ?? spec.minLength ?? 0;
  const maxLength = spec.length ?? spec.maxLength ?? Infinity;
  if (kept.length < minLength || kept.length > maxLength) return { value: [...spec.default], reason: 'wrong-length' };
  let clamped = false;
  const value = kept.map((v) => {
    const c = Math.min(spec.max ?? v, Math.max(spec.min ?? v, v));
    if (c !== v) clamped = true;
    return c;
  });
  // Clamping integer indices can make two entries equal; the list must stay unique.
  if (spec.unique && new Set(value).size !== value.length) return { value: [...spec.default], reason: 'items-dropped' };
  if (kept.length < values.length) return { value, reason: 'items-dropped' };
  if (clamped) {
    const over = values.some((v) => spec.max !== undefined && v > spec.max);
    return { value, reason: over ? 'above-max' : 'below-min', limit: over ? spec.max : spec.min };
  }
  return { value };
}

function fitText(spec: { maxLength?: number }, text: string): FieldResult {
  const chars = [...text];
  if (spec.maxLength !== undefined && chars.length > spec.maxLength) {
    return { value: chars.slice(0, spec.maxLength).join(''), reason: 'too-long', limit: spec.maxLength };
  }
  return { value: text };
}

function formatField(spec: FieldSpec, value: unknown): string {
  switch (spec.kind) {
    case 'numbers':
      return (value as number[]).map(String).join(',');
    case 'bool':
      return value ? '1' : '0';
    default:
      // String() of a double is the shortest text that reads back to the same double.
      return String(value);
  }
}

function sameAsDefault(spec: FieldSpec, value: unknown): boolean {
  if (spec.kind === 'numbers') {
    const v = value as number[];
    return v.length === spec.default.length && v.every((x, i) => x === spec.default[i]);
  }
  return value === spec.default;
}

/**
 * Plain decimal notation only (`-1.5`, `.25`, `3e-4`, `1e309` as Infinity): `Number()` alone would also
 * accept `0x10`, `0b11`, `Infinity` and whitespace, none of which a widget ever writes.
 */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function parseDecimal(raw: string): number | undefined {
  return DECIMAL.test(raw) ? Number(raw) : undefined;
}

/** Keeps a notice short and printable whatever the link held (100 kB strings, control characters). */
function shorten(raw: string): string {
  const printable = raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  const chars = [...printable];
  return chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : printable;
}
