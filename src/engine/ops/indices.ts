/** Class ids / token ids as they arrive from code cells: Int32Array, number[] or number[][] (+ optional shape). */
import { fmtShape, shapeSize } from '../shape.ts';

export type Indices = Int32Array | readonly number[] | readonly (readonly number[])[];

/**
 * Flattens ids, infers their shape, and checks each is an integer in [0, limit) before converting it: an id
 * such as 2^32 + 1, −1 or 0.5 is an error naming its position, never wrapped or truncated into another row.
 */
export function readIndices(fn: string, arg: string, ids: Indices, limit: number, shape?: readonly number[]): { flat: Int32Array; shape: number[] } {
  let values: ArrayLike<unknown>;
  let inferred: number[];
  let position: (k: number) => string;
  if (ArrayBuffer.isView(ids) && !(ids instanceof DataView)) {
    values = ids as unknown as ArrayLike<unknown>;
    inferred = [values.length];
    position = (k) => `[${k}]`;
  } else if (Array.isArray(ids) && ids.length > 0 && Array.isArray(ids[0])) {
    const rows = ids as readonly (readonly number[])[];
    const w = rows[0].length;
    if (!rows.every((r) => Array.isArray(r) && r.length === w)) throw new Error(`${fn}: ${arg} expected a rectangular array of ids, got a ragged array`);
    values = rows.flat();
    inferred = [rows.length, w];
    position = (k) => `[${Math.floor(k / w)}][${k % w}]`;
  } else if (Array.isArray(ids)) {
    values = ids;
    inferred = [ids.length];
    position = (k) => `[${k}]`;
  } else {
    throw new Error(`${fn}: ${arg} expected an Int32Array or an array of integer ids, got ${ids === null ? 'null' : typeof ids}`);
  }
  const flat = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= limit) {
      throw new Error(`${fn}: ${arg}${position(k)} expected an integer id in [0, ${limit}), got ${typeof v === 'string' ? `'${v}'` : String(v)}`);
    }
    flat[k] = v;
  }
  if (shape) {
    if (shapeSize(shape) !== flat.length) throw new Error(`${fn}: shape expected ${flat.length} elements to match ${arg}, got ${fmtShape(shape)}`);
    inferred = shape.slice();
  }
  return { flat, shape: inferred };
}
