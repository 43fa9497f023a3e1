/**
 * Widget state in the URL, so that a link reproduces exactly what its sender saw.
 *
 * Each widget owns a prefix and a schema; its fields live in the query string as `prefix.field=value`
 * (`?cell.x=0.5,-1&cell.seed=7`), so several widgets on one page never collide and unrelated parameters
 * are left alone. Only values that differ from the defaults are written, which keeps links short and
 * makes "reset" the same as "no parameters". DOM-free: it reads and returns query strings.
 */

export type FieldSpec =
  | { kind: 'number'; default: number; min?: number; max?: number }
  | { kind: 'int'; default: number; min?: number; max?: number }
  | { kind: 'numbers'; default: readonly number[]; length?: number; min?: number; max?: number }
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

/** The schema's defaults, as a fresh object (arrays copied, so callers may mutate it). */
export function defaultState<S extends Schema>(schema: S): StateOf<S> {
  const state = {} as Record<string, unknown>;
  for (const [key, spec] of Object.entries(schema)) {
    state[key] = spec.kind === 'numbers' ? [...spec.default] : spec.default;
  }
  return state as StateOf<S>;
}

/**
 * Reads `prefix.*` parameters from a query string (with or without the leading `?`). A value that is
 * malformed or out of range falls back to the default for that field alone: a hand-edited link never
 * breaks the widget, it just loses the bad field.
 */
export function readState<S extends Schema>(schema: S, prefix: string, search: string): StateOf<S> {
  const params = new URLSearchParams(search);
  const state = defaultState(schema) as Record<string, unknown>;
  for (const [key, spec] of Object.entries(schema)) {
    const raw = params.get(`${prefix}.${key}`);
    if (raw === null) continue;
    const parsed = parseField(spec, raw);
    if (parsed !== undefined) state[key] = parsed;
  }
  return state as StateOf<S>;
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

function parseField(spec: FieldSpec, raw: string): unknown {
  switch (spec.kind) {
    case 'number':
    case 'int': {
      const n = parseNumber(raw);
      if (n === undefined || (spec.kind === 'int' && !Number.isInteger(n))) return undefined;
      return inRange(n, spec.min, spec.max) ? n : undefined;
    }
    case 'numbers': {
      const parts = raw.split(',').map(parseNumber);
      if (parts.some((p) => p === undefined)) return undefined;
      const values = parts as number[];
      if (spec.length !== undefined && values.length !== spec.length) return undefined;
      return values.every((v) => inRange(v, spec.min, spec.max)) ? values : undefined;
    }
    case 'enum':
      return spec.values.includes(raw) ? raw : undefined;
    case 'text':
      return spec.maxLength === undefined || [...raw].length <= spec.maxLength ? raw : undefined;
    case 'bool':
      return raw === '1' ? true : raw === '0' ? false : undefined;
  }
}

function formatField(spec: FieldSpec, value: unknown): string {
  switch (spec.kind) {
    case 'numbers':
      return (value as number[]).map(formatNumber).join(',');
    case 'bool':
      return value ? '1' : '0';
    case 'enum':
    case 'text':
      return String(value);
    default:
      return formatNumber(value as number);
  }
}

function sameAsDefault(spec: FieldSpec, value: unknown): boolean {
  if (spec.kind === 'numbers') {
    const v = value as number[];
    return v.length === spec.default.length && v.every((x, i) => x === spec.default[i]);
  }
  return value === spec.default;
}

/** Shortest text that reads back to the same double (String() already round-trips). */
function formatNumber(n: number): string {
  return String(n);
}

function parseNumber(raw: string): number | undefined {
  if (raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

function inRange(n: number, min?: number, max?: number): boolean {
  return (min === undefined || n >= min) && (max === undefined || n <= max);
}
