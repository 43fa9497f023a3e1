/** Shared argument handling for RNN and GRU: layout, initial state, validation. */
import { Tensor, zeros, type DType } from '../tensor.ts';
import { checkTensor, checkShape, checkDtype } from '../ops/check.ts';
import { transpose } from '../ops/reshape.ts';

/** Validates x and h0 and returns x time-major [T, B, I], h0 [L, B, H] and B. */
export function prepareRecurrentInput(
  fn: string,
  x: Tensor,
  h0: Tensor | null | undefined,
  o: { inputSize: number; hiddenSize: number; numLayers: number; batchFirst: boolean; dtype: DType },
): { xs: Tensor; h0: Tensor; B: number; T: number } {
  checkTensor(fn, 'x', x);
  checkShape(fn, 'x', x, o.batchFirst ? ['B', 'T', o.inputSize] : ['T', 'B', o.inputSize]);
  checkDtype(fn, 'x', x, o.dtype);
  const B = o.batchFirst ? x.shape[0] : x.shape[1];
  const T = o.batchFirst ? x.shape[1] : x.shape[0];
  let h: Tensor;
  if (h0) {
    h = checkTensor(fn, 'h0', h0);
    checkShape(fn, 'h0', h, [o.numLayers, B, o.hiddenSize]);
    checkDtype(fn, 'h0', h, o.dtype);
  } else {
    h = zeros([o.numLayers, B, o.hiddenSize], { dtype: o.dtype });
  }
  return { xs: o.batchFirst ? transpose(x, 0, 1) : x, h0: h, B, T };
}
