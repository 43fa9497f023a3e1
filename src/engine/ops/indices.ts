/** Class ids / token ids as they arrive from code cells: Int32Array, number[] or number[][] (+ optional shape). */
import { fmtShape, shapeSize } from '../shape.ts';

export type Indices = Int32Array | readonly number[] | readonly (readonly number[])[];

/** Flattens ids, infers their shape, and checks each is an integer in [0, limit). */
export function readIndices(fn: string, arg: string, ids: Indices, limit: number, shape?: readonly number[]): { flat: Int32Array; shape: number[] } {
  let flat: Int32Array;
  let inferred: number[];
  if (ids instanceof Int32Array || ArrayBuffer.isView(ids)) {
    flat = Int32Array.from(ids as ArrayLike<number>);
    inferred = [flat.length];
  } else if (Array.isArray(ids) && ids.length > 0 && Array.isArray(ids[0])) {
    const rows = ids as readonly (readonly number[])[];
    const w = rows[0].length;
    if (!rows.every((r) => Array.isArray(r) && r.length === w)) throw new Error(`${fn}: ${arg} expected a rectangular array of ids, got a ragged array`);
    flat = Int32Array.from(rows.flat());
    inferred = [rows.length, w];
  } else if (Array.isArray(ids)) {
    flat = new Int32Array(ids.length);
    inferred = [ids.length];
    for (let k = 0; k < ids.length; k++) {
      const v = ids[k] as number;
      if (!Number.isInteger(v)) throw new Error(`${fn}: ${arg}[${k}] expected an integer id in [0, ${limit}), got ${String(v)}`);
      flat[k] = v;
    }
  } else {
    throw new Error(`${fn}: ${arg} expected an Int32Array or an array of integer ids, got ${ids === null ? 'null' : typeof ids}`);
  }
  for (let k = 0; k < flat.length; k++) {
    if (flat[k] < 0 || flat[k] >= limit) throw new Error(`${fn}: ${arg}[${k}] expected an integer id in [0, ${limit}), got ${flat[k]}`);
  }
  if (shape) {
    if (shapeSize(shape) !== flat.length) throw new Error(`${fn}: shape expected ${flat.length} elements to match ${arg}, got ${fmtShape(shape)}`);
    inferred = shape.slice();
  }
  return { flat, shape: inferred };
}
