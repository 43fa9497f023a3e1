/** Matrix products: matmul (A·B) and linear (x·Wᵀ + b, PyTorch's F.linear). */
import { Tensor, allocFloat, type FloatArray } from '../tensor.ts';
import { record } from '../autograd.ts';
import { gemm } from '../kernels/gemm.ts';
import { checkTensor, checkDtype } from './check.ts';
import { fmtShape } from '../shape.ts';

/**
 * Matrix product. a: [M, K] or [..., M, K] (leading dimensions are folded into rows), b: [K, N] → [..., M, N].
 * Backward: ∂A = ∂C·Bᵀ, ∂B = Aᵀ·∂C.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  checkTensor('matmul', 'a', a);
  checkTensor('matmul', 'b', b);
  if (a.ndim < 2) throw new Error(`matmul: a expected shape [M, K], got ${fmtShape(a.shape)}`);
  const K = a.shape[a.ndim - 1];
  if (b.ndim !== 2 || b.shape[0] !== K) throw new Error(`matmul: b expected shape [${K}, N], got ${fmtShape(b.shape)}`);
  checkDtype('matmul', 'b', b, a.dtype);
  const M = a.size / Math.max(K, 1);
  const N = b.shape[1];
  const out = new Tensor(allocFloat(a.dtype, M * N), [...a.shape.slice(0, -1), N]);
  gemm(false, false, M, N, K, a.data, 0, b.data, 0, out.data, 0, false);
  record('matmul', [a, b], [out], ([g], [ga, gb]) => {
    if (ga) gemm(false, true, M, K, N, g!, 0, b.data, 0, ga, 0, true); // ∂A[M,K] += ∂C[M,N]·Bᵀ
    if (gb) gemm(true, false, K, N, M, a.data, 0, g!, 0, gb, 0, true); // ∂B[K,N] += Aᵀ·∂C
  });
  return out;
}

/**
 * Affine map y = x·Wᵀ + b with PyTorch's layout. x: [..., I], weight: [O, I], bias: [O] or null → [..., O].
 * Backward: ∂x = ∂y·W, ∂W = ∂yᵀ·x, ∂b = Σ_rows ∂y.
 */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  checkTensor('linear', 'x', x);
  checkTensor('linear', 'weight', weight);
  if (weight.ndim !== 2) throw new Error(`linear: weight expected shape [O, I], got ${fmtShape(weight.shape)}`);
  const [O, I] = weight.shape;
  if (x.ndim < 1 || x.shape[x.ndim - 1] !== I) throw new Error(`linear: x expected shape [..., ${I}], got ${fmtShape(x.shape)}`);
  checkDtype('linear', 'weight', weight, x.dtype);
  if (bias !== null) {
    checkTensor('linear', 'bias', bias);
    if (bias.ndim !== 1 || bias.shape[0] !== O) throw new Error(`linear: bias expected shape [${O}], got ${fmtShape(bias.shape)}`);
    checkDtype('linear', 'bias', bias, x.dtype);
  }
  const M = x.size / Math.max(I, 1);
  const out = new Tensor(allocFloat(x.dtype, M * O), [...x.shape.slice(0, -1), O]);
  const y = out.data;
  if (bias) for (let r = 0; r < M; r++) y.set(bias.data, r * O);
  gemm(false, true, M, O, I, x.data, 0, weight.data, 0, y, 0, bias !== null);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  record('linear', inputs, [out], ([g], [gx, gw, gb]) => {
    if (gx) gemm(false, false, M, I, O, g!, 0, weight.data, 0, gx, 0, true); // ∂x[M,I] += ∂y[M,O]·W[O,I]
    if (gw) gemm(true, false, O, I, M, g!, 0, x.data, 0, gw, 0, true); // ∂W[O,I] += ∂yᵀ·x
    if (gb) addRowSums(g!, M, O, gb);
  });
  return out;
}

/** gb[o] += Σ_r g[r, o] for g [M, O], row after row (each add rounded to gb's precision, as before). */
function addRowSums(g: FloatArray, M: number, O: number, gb: FloatArray): void {
  for (let r = 0, row = 0; r < M; r++, row += O) {
    for (let o = 0; o < O; o++) gb[o] += g[row + o];
  }
}
