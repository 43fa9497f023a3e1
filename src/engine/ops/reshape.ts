/**
 * Shape ops: reshape, concat, slice, transpose. reshape returns a view sharing x's data (like PyTorch's view:
 * no op writes into its inputs, and an in-place optimizer update of a parameter shows through its views);
 * the others copy.
 */
import { Tensor, allocFloat } from '../tensor.ts';
import { addInto, isUntouched, record } from '../autograd.ts';
import { checkTensor, checkDtype } from './check.ts';
import { fmtShape, normDim, shapeSize } from '../shape.ts';

/** Same values in a new shape with as many elements (a view: no copy); one dimension may be -1 (inferred). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', 'x', x);
  const known = shape.filter((d) => d !== -1);
  const free = shape.length - known.length;
  const knownSize = shapeSize(known);
  const resolved = shape.map((d) => (d === -1 ? x.size / Math.max(knownSize, 1) : d));
  if (free > 1 || known.some((d) => !Number.isInteger(d) || d < 0) || !resolved.every(Number.isInteger) || shapeSize(resolved) !== x.size) {
    throw new Error(`reshape: shape expected ${x.size} elements to match x of shape ${fmtShape(x.shape)}, got ${fmtShape(shape)}`);
  }
  const out = new Tensor(x.data, resolved);
  record('reshape', [x], [out], ([g], [gx]) => {
    // ∂x = ∂out, element for element. x's buffer is usually fresh (the reshape is x's only consumer): copy.
    if (isUntouched(gx!)) gx!.set(g!);
    else addInto(gx!, g!);
  });
  return out;
}

/** Joins tensors along `dim`; all other dimensions must agree. */
export function concat(ts: readonly Tensor[], dim = 0): Tensor {
  if (!Array.isArray(ts) || ts.length === 0) throw new Error('concat: ts expected a non-empty array of tensors, got ' + (Array.isArray(ts) ? '[]' : typeof ts));
  ts.forEach((t, k) => checkTensor('concat', `ts[${k}]`, t));
  const first = ts[0];
  const d = normDim('concat', dim, first.ndim);
  for (let k = 1; k < ts.length; k++) {
    const t = ts[k];
    checkDtype('concat', `ts[${k}]`, t, first.dtype);
    const ok = t.ndim === first.ndim && t.shape.every((s: number, j: number) => j === d || s === first.shape[j]);
    if (!ok) {
      const want = first.shape.map((s: number, j: number) => (j === d ? '*' : s));
      throw new Error(`concat: ts[${k}] expected shape ${fmtShape(want)}, got ${fmtShape(t.shape)}`);
    }
  }
  const inner = shapeSize(first.shape.slice(d + 1));
  const outer = shapeSize(first.shape.slice(0, d));
  const total = ts.reduce((s, t) => s + t.shape[d], 0);
  const shape = first.shape.slice();
  shape[d] = total;
  const out = new Tensor(allocFloat(first.dtype, outer * total * inner), shape);
  const Y = out.data;
  let at = 0;
  const offsets: number[] = [];
  for (const t of ts) {
    offsets.push(at);
    const w = t.shape[d] * inner;
    for (let a = 0; a < outer; a++) Y.set(t.data.subarray(a * w, (a + 1) * w), (a * total + at) * inner);
    at += t.shape[d];
  }
  record('concat', ts.slice(), [out], ([g], gIn) => {
    ts.forEach((t, k) => {
      const gt = gIn[k];
      if (!gt) return;
      const w = t.shape[d] * inner;
      for (let a = 0; a < outer; a++) {
        const src = (a * total + offsets[k]) * inner;
        for (let j = 0; j < w; j++) gt[a * w + j] += g![src + j];
      }
    });
  });
  return out;
}

/** Elements start ≤ index < end along `dim` (negative start/end count from the end, like Python). */
export function slice(x: Tensor, dim: number, start: number, end?: number): Tensor {
  checkTensor('slice', 'x', x);
  const d = normDim('slice', dim, x.ndim);
  const C = x.shape[d];
  const s = start < 0 ? start + C : start;
  const e = end === undefined ? C : end < 0 ? end + C : end;
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > C || s > e) {
    throw new Error(`slice: range expected 0 ≤ start ≤ end ≤ ${C} along dim ${d}, got [${start}, ${end ?? C})`);
  }
  const inner = shapeSize(x.shape.slice(d + 1));
  const outer = shapeSize(x.shape.slice(0, d));
  const w = (e - s) * inner;
  const shape = x.shape.slice();
  shape[d] = e - s;
  const out = new Tensor(allocFloat(x.dtype, outer * w), shape);
  for (let a = 0; a < outer; a++) out.data.set(x.data.subarray((a * C + s) * inner, (a * C + s) * inner + w), a * w);
  record('slice', [x], [out], ([g], [gx]) => {
    for (let a = 0; a < outer; a++) {
      const dst = (a * C + s) * inner;
      for (let j = 0; j < w; j++) gx![dst + j] += g![a * w + j];
    }
  });
  return out;
}

/** Swaps two dimensions (a copy, e.g. [B, T, H] ↔ [T, B, H]). */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor('transpose', 'x', x);
  const a = normDim('transpose', dim0, x.ndim);
  const b = normDim('transpose', dim1, x.ndim);
  const shape = x.shape.slice();
  shape[a] = x.shape[b];
  shape[b] = x.shape[a];
  // Map each output element to its source: walk output indices, source strides permuted.
  const inStrides = x.shape.map((_, k) => shapeSize(x.shape.slice(k + 1)));
  const srcStrides = inStrides.slice();
  srcStrides[a] = inStrides[b];
  srcStrides[b] = inStrides[a];
  const n = x.size;
  const idx = new Int32Array(n);
  const counter = new Array<number>(shape.length).fill(0);
  let off = 0;
  for (let k = 0; k < n; k++) {
    idx[k] = off;
    for (let d = shape.length - 1; d >= 0; d--) {
      counter[d]++;
      off += srcStrides[d];
      if (counter[d] < shape[d]) break;
      off -= srcStrides[d] * counter[d];
      counter[d] = 0;
    }
  }
  const out = new Tensor(allocFloat(x.dtype, n), shape);
  for (let k = 0; k < n; k++) out.data[k] = x.data[idx[k]];
  record('transpose', [x], [out], ([g], [gx]) => {
    for (let k = 0; k < n; k++) gx![idx[k]] += g![k];
  });
  return out;
}
