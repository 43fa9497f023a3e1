/**
 * Checks for numbers that arrive from outside (JSON files, saved states, a reader's code): the loaders run
 * these over everything they were given before they change anything, so a bad file fails whole and leaves
 * the model as it was. Strings ('abc', '0x10'), NaN, ±Infinity and array-likes such as { length: 5 } are
 * rejected instead of being coerced.
 */
import { describe } from './options.ts';
import { fmtShape } from './shape.ts';

/** True for a real array or a typed array of numbers (not a DataView, not an object with a length). */
export function isNumberArray(data: unknown): data is ArrayLike<number> {
  return Array.isArray(data) || (ArrayBuffer.isView(data) && !(data instanceof DataView));
}

/** `shape` as a list of non-negative integers, or an error naming `what`. */
export function checkShapeList(fn: string, what: string, shape: unknown): number[] {
  if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
    const shown = Array.isArray(shape) ? fmtShape(shape.map((d) => describe(d))) : describe(shape);
    throw new Error(`${fn}: ${what} shape expected a list of non-negative integers, got ${shown}`);
  }
  return shape;
}

/**
 * Checks that `data` is an array (or typed array) of exactly `n` finite numbers; returns it unchanged.
 * Messages: "loadStateDict: 'fc.bias' expected 3 values, got 2", "…: 'fc.bias'[1] expected a finite number, got NaN".
 */
export function checkFiniteValues(fn: string, what: string, data: unknown, n: number): ArrayLike<number> {
  if (!isNumberArray(data)) throw new Error(`${fn}: ${what} expected an array of numbers, got ${describe(data)}`);
  if (data.length !== n) throw new Error(`${fn}: ${what} expected ${n} values, got ${data.length}`);
  for (let k = 0; k < n; k++) {
    const v = data[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${fn}: ${what}[${k}] expected a finite number, got ${describe(v)}`);
  }
  return data;
}

/**
 * Checks nested arrays of numbers (a weight written as [[…], […]]) leaf by leaf, so a string or NaN deep
 * inside is reported with its position ("weights[2][0][1] expected a finite number, got 'abc'") before any
 * conversion could coerce it.
 */
export function checkNestedFinite(fn: string, what: string, value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((v, k) => checkNestedFinite(fn, `${what}[${k}]`, v));
  } else if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${fn}: ${what} expected a finite number, got ${describe(value)}`);
  }
}
