/** Argument validation shared by the ops: every message reads `<function>: <argument> expected ..., got ...`. */
import { Tensor, type DType } from '../tensor.ts';
import { fmtShape } from '../shape.ts';

export function checkTensor(fn: string, arg: string, t: unknown): Tensor {
  if (!(t instanceof Tensor)) {
    throw new Error(`${fn}: ${arg} expected a Tensor, got ${t === null ? 'null' : Array.isArray(t) ? 'an array' : typeof t}`);
  }
  return t;
}

/** Checks rank and the dimensions given as numbers; strings ('B', 'T') name free dimensions in the message. */
export function checkShape(fn: string, arg: string, t: Tensor, expected: readonly (number | string)[]): void {
  let ok = t.shape.length === expected.length;
  for (let k = 0; ok && k < expected.length; k++) {
    const e = expected[k];
    if (typeof e === 'number' && t.shape[k] !== e) ok = false;
  }
  if (!ok) throw new Error(`${fn}: ${arg} expected shape ${fmtShape(expected)}, got ${fmtShape(t.shape)}`);
}

export function checkDtype(fn: string, arg: string, t: Tensor, dtype: DType): void {
  if (t.dtype !== dtype) throw new Error(`${fn}: ${arg} expected dtype ${dtype}, got ${t.dtype}`);
}
