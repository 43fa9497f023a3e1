/** Finite-difference gradient checks (float64) for every tape op: max relative error ≤ 1e-6. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Rng, Tensor, randn, tensor, matmul, linear, add, sub, mul, sigmoid, tanh, softmax, logSoftmax, sum, mean, reshape,
  concat, slice, transpose, embedding, crossEntropy, lstmLayer,
} from '../../../src/engine/index.ts';
import { gradcheck } from './gradcheck.ts';
import { rnnLayer } from '../../../src/engine/ops/rnn-layer.ts';

const rnnLayerFn = (...args: Parameters<typeof rnnLayer>): Tensor[] => rnnLayer(...args);

const rng = new Rng(2026);
const r = (...shape: number[]): Tensor => randn(shape, rng, { dtype: 'float64', requiresGrad: true });

function check(name: string, f: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[]): void {
  test(`gradcheck: ${name}`, () => {
    const res = gradcheck(f, inputs);
    assert.ok(res.checked > 0, 'nothing was checked');
    assert.ok(res.maxRelError <= 1e-6, `max relative error ${res.maxRelError.toExponential(2)} (${res.worst})`);
  });
}

check('matmul [3,4]·[4,2]', matmul, [r(3, 4), r(4, 2)]);
check('matmul [2,3,4]·[4,5] (leading dims folded)', matmul, [r(2, 3, 4), r(4, 5)]);
check('linear with bias', linear, [r(5, 3), r(4, 3), r(4)]);
check('linear without bias, 3-D input', (x, w) => linear(x, w, null), [r(2, 3, 3), r(4, 3)]);
check('add same shape', add, [r(3, 4), r(3, 4)]);
check('add bias row [4] to [3, 4]', add, [r(3, 4), r(4)]);
check('add column [3, 1] to [3, 4]', add, [r(3, 4), r(3, 1)]);
check('add both broadcast [3, 1] + [1, 4]', add, [r(3, 1), r(1, 4)]);
check('add number', (a) => add(a, 2.5), [r(2, 3)]);
check('sub bias row', sub, [r(3, 4), r(4)]);
check('sub broadcast the other way [4] − [3, 4]', sub, [r(4), r(3, 4)]);
check('mul same shape', mul, [r(3, 4), r(3, 4)]);
check('mul broadcast [2, 3, 4] ⊙ [3, 1]', mul, [r(2, 3, 4), r(3, 1)]);
check('mul x ⊙ x (one input used twice)', (a) => mul(a, a), [r(3, 3)]);
check('sigmoid', sigmoid, [r(3, 5)]);
check('tanh', tanh, [r(3, 5)]);
check('softmax last dim', (x) => softmax(x), [r(3, 5)]);
check('softmax dim 0', (x) => softmax(x, 0), [r(3, 5)]);
check('softmax middle dim of 3-D', (x) => softmax(x, 1), [r(2, 3, 4)]);
check('logSoftmax last dim', (x) => logSoftmax(x), [r(4, 6)]);
check('logSoftmax dim 0', (x) => logSoftmax(x, 0), [r(4, 6)]);
check('sum all', (x) => sum(x), [r(3, 4)]);
check('sum dim 1', (x) => sum(x, 1), [r(3, 4, 2)]);
check('sum dim -1 keepDim', (x) => sum(x, -1, true), [r(3, 4)]);
check('mean all', (x) => mean(x), [r(3, 4)]);
check('mean dim 0', (x) => mean(x, 0), [r(3, 4)]);
check('reshape with -1', (x) => reshape(x, [-1, 2]), [r(3, 4)]);
// An intermediate tensor read by a reshape and by another op: whichever backward runs first, both add up.
check('reshape of a shared intermediate, reshape recorded last', (x, w) => {
  const y = mul(x, x);
  const other = mul(y, w);
  return add(reshape(y, [4, 3]), reshape(other, [4, 3]));
}, [r(3, 4), r(3, 4)]);
check('reshape of a shared intermediate, reshape recorded first', (x, w) => {
  const y = mul(x, x);
  const viewed = reshape(y, [2, 6]);
  return add(reshape(mul(y, w), [2, 6]), viewed);
}, [r(3, 4), r(3, 4)]);
check('concat dim 0', (a, b) => concat([a, b], 0), [r(2, 3), r(4, 3)]);
check('concat dim 1 of three', (a, b, c) => concat([a, b, c], 1), [r(2, 3), r(2, 1), r(2, 2)]);
check('slice dim 1', (x) => slice(x, 1, 1, 3), [r(3, 4)]);
check('slice negative start', (x) => slice(x, 0, -2), [r(4, 3)]);
check('transpose 0,1 of 3-D', (x) => transpose(x, 0, 1), [r(2, 3, 4)]);
check('transpose 1,2 of 3-D', (x) => transpose(x, 1, 2), [r(2, 3, 4)]);
check('embedding with repeated ids', (w) => embedding(w, [[1, 3, 1], [0, 3, 3]]), [r(5, 3)]);
check('crossEntropy from class ids', (z) => crossEntropy(z, [2, 0, 4, 4]), [r(4, 5)]);
check('crossEntropy from one-hot targets', (z) => crossEntropy(z, tensor([[0, 1, 0], [1, 0, 0]], { dtype: 'float64' })), [r(2, 3)]);
check('crossEntropy soft targets (gradient w.r.t. logits and targets)', (z, t) => crossEntropy(z, t), [
  r(2, 3),
  tensor([[0.2, 0.5, 0.3], [0.6, 0.1, 0.3]], { dtype: 'float64', requiresGrad: true }),
]);
check('crossEntropy with huge logits stays exact', (z) => crossEntropy(add(z, 500), [1, 2]), [r(2, 3)]);

check('rnnLayer fused BPTT: out and hN through x, h0 and all weights', (x, h0, wi, wh, bi, bh) =>
  rnnLayerFn(x, h0, { weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh }), [r(4, 2, 3), r(2, 3), r(3, 3), r(3, 3), r(3), r(3)]);

function lstmInputs(I: number, H: number, batchFirst: boolean, B = 2, T = 4): Tensor[] {
  return [batchFirst ? r(B, T, I) : r(T, B, I), r(B, H), r(B, H), r(4 * H, I), r(4 * H, H), r(4 * H), r(4 * H)];
}
for (const batchFirst of [false, true]) {
  check(`lstmLayer fused BPTT (${batchFirst ? 'batch first' : 'time major'}): out, hN, cN`, (x, h0, c0, wi, wh, bi, bh) => {
    const [out, hN, cN] = lstmLayer(x, h0, c0, { weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh }, { batchFirst });
    return [out, hN, cN];
  }, lstmInputs(3, 4, batchFirst));
}
// Batch first with x an intermediate (as an embedding's output is): its gradient is written straight into x's
// fresh buffer, or added when another op reads x too.
check('lstmLayer batch first, x computed (its only reader)', (x, h0, c0, wi, wh, bi, bh) =>
  lstmLayer(mul(x, x), h0, c0, { weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh }, { batchFirst: true })[0], lstmInputs(3, 4, true));
check('lstmLayer batch first, x computed and read again after', (x, h0, c0, wi, wh, bi, bh) => {
  const xx = mul(x, x);
  const [out] = lstmLayer(xx, h0, c0, { weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh }, { batchFirst: true });
  return [out, mul(xx, xx)];
}, lstmInputs(3, 4, true));
check('lstmLayer batch first, x computed and read before', (x, h0, c0, wi, wh, bi, bh) => {
  const xx = mul(x, x);
  const sq = mul(xx, xx);
  const [out] = lstmLayer(xx, h0, c0, { weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh }, { batchFirst: true });
  return [sq, out];
}, lstmInputs(3, 4, true));
check('lstmLayer: loss through hN only (no output gradient)', (x, h0, c0, wi, wh, bi, bh) =>
  lstmLayer(x, h0, c0, { weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh })[1], lstmInputs(2, 3, false, 3, 5));
check('lstmLayer: loss through cN only', (x, h0, c0, wi, wh, bi, bh) =>
  lstmLayer(x, h0, c0, { weightIh: wi, weightHh: wh, biasIh: bi, biasHh: bh })[2], lstmInputs(2, 3, false, 1, 6));

test('gradcheck itself fails on a wrong backward (the check can fail)', async () => {
  const { record } = await import('../../../src/engine/autograd.ts');
  // y = x², but the backward claims 3x: the helper must report a large error.
  const badSquare = (x: Tensor): Tensor => {
    const out = new Tensor(x.data.map((v) => v * v), x.shape);
    record('badSquare', [x], [out], ([g], [gx]) => {
      for (let k = 0; k < g!.length; k++) gx![k] += g![k] * 3 * x.data[k];
    });
    return out;
  };
  const res = gradcheck(badSquare, [r(2, 2)]);
  assert.ok(res.maxRelError > 0.1, `expected a failure, got ${res.maxRelError}`);
});
