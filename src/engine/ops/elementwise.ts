/**
 * Element-wise add, sub and mul with NumPy/PyTorch broadcasting (a bias row [C] against [N, C], a column
 * [N, 1] against [N, C], a scalar against anything). A number is accepted for b and becomes a constant.
 */
import { Tensor, allocFloat, type FloatArray } from '../tensor.ts';
import { record } from '../autograd.ts';
import { checkTensor, checkDtype } from './check.ts';
import { fmtShape, sameShape, shapeSize } from '../shape.ts';

/** a + b, broadcast. */
export function add(a: Tensor, b: Tensor | number): Tensor {
  return binary('add', a, b, (x, y) => x + y, (g) => g, (g) => g);
}

/** a − b, broadcast. */
export function sub(a: Tensor, b: Tensor | number): Tensor {
  return binary('sub', a, b, (x, y) => x - y, (g) => g, (g) => -g);
}

/** a ⊙ b (element-wise product, the chapter's *), broadcast. */
export function mul(a: Tensor, b: Tensor | number): Tensor {
  return binary('mul', a, b, (x, y) => x * y, (g, _x, y) => g * y, (g, x) => g * x);
}

type Partial = (g: number, x: number, y: number) => number;

function binary(
  fn: string,
  a: Tensor,
  bIn: Tensor | number,
  f: (x: number, y: number) => number,
  da: Partial,
  db: Partial,
): Tensor {
  checkTensor(fn, 'a', a);
  const b = typeof bIn === 'number' ? new Tensor(allocFloat(a.dtype, 1).fill(bIn), []) : checkTensor(fn, 'b', bIn);
  checkDtype(fn, 'b', b, a.dtype);
  const shape = broadcastShape(fn, a.shape, b.shape);
  const n = shapeSize(shape);
  const ia = sameShape(a.shape, shape) ? null : broadcastIndex(a.shape, shape);
  const ib = sameShape(b.shape, shape) ? null : broadcastIndex(b.shape, shape);
  const A = a.data;
  const B = b.data;
  const out = new Tensor(allocFloat(a.dtype, n), shape);
  const y = out.data;
  if (!ia && !ib) for (let k = 0; k < n; k++) y[k] = f(A[k], B[k]);
  else for (let k = 0; k < n; k++) y[k] = f(A[ia ? ia[k] : k], B[ib ? ib[k] : k]);
  record(fn, [a, b], [out], ([g], [ga, gb]) => {
    // A broadcast input receives the sum of the gradients of every output element it was copied to.
    for (let k = 0; k < n; k++) {
      const ka = ia ? ia[k] : k;
      const kb = ib ? ib[k] : k;
      if (ga) ga[ka] += da(g![k], A[ka], B[kb]);
      if (gb) gb[kb] += db(g![k], A[ka], B[kb]);
    }
  });
  return out;
}

/** The broadcast result shape of two shapes (aligned at the trailing dimension). */
export function broadcastShape(fn: string, a: readonly number[], b: readonly number[]): number[] {
  const r = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let k = 0; k < r; k++) {
    const da = a[a.length - r + k] ?? 1;
    const db = b[b.length - r + k] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`${fn}: b expected shape broadcastable to ${fmtShape(a)}, got ${fmtShape(b)}`);
    }
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** For each element of `outShape`, the flat index of the element of `inShape` broadcast to it. */
function broadcastIndex(inShape: readonly number[], outShape: readonly number[]): Int32Array {
  const r = outShape.length;
  const strides = new Array<number>(r).fill(0);
  let s = 1;
  for (let k = inShape.length - 1; k >= 0; k--) {
    strides[r - inShape.length + k] = inShape[k] === 1 ? 0 : s;
    s *= inShape[k];
  }
  const n = shapeSize(outShape);
  const idx = new Int32Array(n);
  const counter = new Array<number>(r).fill(0);
  let off = 0;
  for (let k = 0; k < n; k++) {
    idx[k] = off;
    for (let d = r - 1; d >= 0; d--) {
      counter[d]++;
      off += strides[d];
      if (counter[d] < outShape[d]) break;
      off -= strides[d] * counter[d];
      counter[d] = 0;
    }
  }
  return idx;
}

/** Unary element-wise op whose derivative is written in terms of the output y. */
export function unaryFromOutput(
  fn: string,
  x: Tensor,
  f: (v: number) => number,
  dydx: (y: number) => number,
): Tensor {
  checkTensor(fn, 'x', x);
  const out = new Tensor(allocFloat(x.dtype, x.size), x.shape);
  const X = x.data;
  const Y: FloatArray = out.data;
  for (let k = 0; k < X.length; k++) Y[k] = f(X[k]);
  record(fn, [x], [out], ([g], [gx]) => {
    for (let k = 0; k < Y.length; k++) gx![k] += g![k] * dydx(Y[k]);
  });
  return out;
}
