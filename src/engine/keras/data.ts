/**
 * Data plumbing for the Sequential façade: targets (one-hot rows or class ids), row gathering for batches,
 * accuracy counting, and reading weights given as Tensors, nested arrays or { shape, data }.
 */
import { Tensor, tensor, allocFloat, type DType, type NestedArray } from '../tensor.ts';
import { shapeSize } from '../shape.ts';
import { describe } from '../options.ts';
import { checkFiniteValues, checkNestedFinite, checkShapeList } from '../values.ts';

/** Training targets: one-hot rows [N, C] (categorical) or class ids [N] (sparse). */
export interface Targets {
  onehot?: Tensor;
  ids?: Int32Array;
}

export function samples(y: Targets): number {
  return y.onehot ? y.onehot.shape[0] : y.ids!.length;
}

export function pickTargets(y: Targets, idx: number[]): Targets {
  return y.onehot ? { onehot: rows(y.onehot, idx) } : { ids: Int32Array.from(idx, (k) => y.ids![k]) };
}

/** Rows idx of x along the first dimension (a copy, no tape). */
export function rows(x: Tensor, idx: number[]): Tensor {
  const inner = x.size / x.shape[0];
  const out = allocFrom(x.dtype, new Float64Array(0), idx.length * inner);
  idx.forEach((k, r) => out.set(x.data.subarray(k * inner, (k + 1) * inner), r * inner));
  return new Tensor(out, [idx.length, ...x.shape.slice(1)]);
}

export function stackRows(parts: Tensor[], N: number): Tensor {
  const inner = parts[0].size / parts[0].shape[0];
  const out = allocFrom(parts[0].dtype, new Float64Array(0), N * inner);
  let off = 0;
  for (const p of parts) {
    out.set(p.data, off);
    off += p.size;
  }
  return new Tensor(out, [N, ...parts[0].shape.slice(1)]);
}

/** Rows (or [B·T] positions) whose argmax of z matches the target class. */
export function countCorrect(z: Tensor, y: Targets): number {
  const C = z.shape[z.ndim - 1];
  const n = z.size / C;
  let correct = 0;
  for (let r = 0; r < n; r++) {
    const target = y.onehot ? argmaxAt(y.onehot.data, r * C, C) : y.ids![r];
    if (argmaxAt(z.data, r * C, C) === target) correct++;
  }
  return correct;
}

export function argmaxAt(a: ArrayLike<number>, off: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (a[off + k] > a[off + best]) best = k;
  return best;
}

export function range(a: number, b: number): number[] {
  return Array.from({ length: b - a }, (_, k) => a + k);
}

export function allocFrom(dtype: DType, src: ArrayLike<number>, n = src.length): Float32Array | Float64Array {
  const out = allocFloat(dtype, n);
  if (src.length) out.set(src);
  return out;
}

export function checkBatchSize(fn: string, b: number): number {
  if (!Number.isInteger(b) || b < 1) throw new Error(`${fn}: options.batchSize expected a positive integer, got ${b}`);
  return b;
}

/**
 * A weight given as a Tensor, nested arrays or { shape, data }, checked (a list of non-negative integers as the
 * shape, exactly that many finite numbers as data) and returned as { shape, data } without copying.
 */
export function asShaped(fn: string, what: string, w: unknown): { shape: number[]; data: ArrayLike<number> } {
  if (w instanceof Tensor) return { shape: w.shape, data: checkFiniteValues(fn, what, w.data, w.size) };
  if (w && typeof w === 'object' && !Array.isArray(w) && 'shape' in w) {
    const shape = checkShapeList(fn, what, (w as { shape: unknown }).shape);
    return { shape: [...shape], data: checkFiniteValues(fn, what, (w as { data?: unknown }).data, shapeSize(shape)) };
  }
  if (Array.isArray(w) || typeof w === 'number') {
    checkNestedFinite(fn, what, w);
    const t = tensor(w as NestedArray, { dtype: 'float64' });
    return { shape: t.shape, data: t.data };
  }
  throw new Error(`${fn}: ${what} expected a Tensor, nested arrays or { shape, data }, got ${describe(w)}`);
}

/** 'lstm/lstm_cell/kernel:0' → 'lstm/kernel' (Keras's variable names), 'dense/bias:0' → 'dense/bias'. */
export function normaliseName(name: string): string {
  return name.replace(/:\d+$/, '').replace(/\/lstm_cell(_\d+)?\//, '/');
}
