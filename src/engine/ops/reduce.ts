/** Reductions: sum and mean over all elements or along one dimension (keepDim like PyTorch's keepdim). */
import { Tensor, allocFloat } from '../tensor.ts';
import { record } from '../autograd.ts';
import { checkTensor } from './check.ts';
import { normDim, shapeSize } from '../shape.ts';

/** Σ over all elements (→ shape []) or along `dim` (that dimension removed unless keepDim). */
export function sum(x: Tensor, dim?: number, keepDim = false): Tensor {
  return reduce('sum', x, dim, keepDim, false);
}

/** Mean over all elements (→ shape []) or along `dim`. */
export function mean(x: Tensor, dim?: number, keepDim = false): Tensor {
  return reduce('mean', x, dim, keepDim, true);
}

function reduce(fn: string, x: Tensor, dim: number | undefined, keepDim: boolean, average: boolean): Tensor {
  checkTensor(fn, 'x', x);
  const X = x.data;
  if (dim === undefined) {
    let s = 0;
    for (let k = 0; k < X.length; k++) s += X[k];
    const scale = average ? 1 / X.length : 1;
    const out = new Tensor(allocFloat(x.dtype, 1), keepDim ? x.shape.map(() => 1) : []);
    out.data[0] = s * scale;
    record(fn, [x], [out], ([g], [gx]) => {
      const v = g![0] * scale;
      for (let k = 0; k < gx!.length; k++) gx![k] += v;
    });
    return out;
  }
  const d = normDim(fn, dim, x.ndim);
  const C = x.shape[d];
  const inner = shapeSize(x.shape.slice(d + 1));
  const outer = shapeSize(x.shape.slice(0, d));
  const scale = average ? 1 / C : 1;
  const shape = keepDim ? x.shape.map((s, k) => (k === d ? 1 : s)) : x.shape.filter((_, k) => k !== d);
  const out = new Tensor(allocFloat(x.dtype, outer * inner), shape);
  const Y = out.data;
  for (let a = 0; a < outer; a++) {
    for (let b = 0; b < inner; b++) {
      let s = 0;
      for (let c = 0; c < C; c++) s += X[(a * C + c) * inner + b];
      Y[a * inner + b] = s * scale;
    }
  }
  record(fn, [x], [out], ([g], [gx]) => {
    for (let a = 0; a < outer; a++) {
      for (let b = 0; b < inner; b++) {
        const v = g![a * inner + b] * scale;
        for (let c = 0; c < C; c++) gx![(a * C + c) * inner + b] += v;
      }
    }
  });
  return out;
}
