/** Forward values of the ops against closed forms, NaN propagation, and their argument errors (exact texts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  tensor, matmul, linear, add, sub, mul, sigmoid, tanh, softmax, logSoftmax, sum, mean, reshape, concat, slice,
  transpose, embedding, crossEntropy, zeros,
} from '../../../src/engine/index.ts';

const d64 = { dtype: 'float64' as const };
const close = (a: ArrayLike<number>, b: number[], tol = 1e-12) => {
  assert.equal(a.length, b.length);
  for (let k = 0; k < b.length; k++) assert.ok(Math.abs(a[k] - b[k]) <= tol, `index ${k}: ${a[k]} vs ${b[k]}`);
};

test('matmul and linear', () => {
  const a = tensor([[1, 2], [3, 4]], d64);
  const b = tensor([[5, 6, 7], [8, 9, 10]], d64);
  assert.deepEqual(matmul(a, b).toArray(), [[21, 24, 27], [47, 54, 61]]);
  const w = tensor([[1, 0], [1, 1], [0, 2]], d64); // [O=3, I=2]
  assert.deepEqual(linear(a, w, tensor([1, 1, 1], d64)).toArray(), [[2, 4, 5], [4, 8, 9]]);
  assert.deepEqual(linear(a, w).toArray(), [[1, 3, 4], [3, 7, 8]]);
});

test('matmul and linear report shape and dtype errors', () => {
  const a = zeros([2, 3]);
  assert.throws(() => matmul(a, zeros([4, 2])), { message: 'matmul: b expected shape [3, N], got [4, 2]' });
  assert.throws(() => matmul(zeros([3]), a), { message: 'matmul: a expected shape [M, K], got [3]' });
  assert.throws(() => matmul(a, zeros([3, 2], d64)), { message: 'matmul: b expected dtype float32, got float64' });
  assert.throws(() => matmul(a, [[1]] as never), { message: 'matmul: b expected a Tensor, got an array' });
  assert.throws(() => linear(a, zeros([4, 2])), { message: 'linear: x expected shape [..., 2], got [2, 3]' });
  assert.throws(() => linear(a, zeros([4, 3]), zeros([3])), { message: 'linear: bias expected shape [4], got [3]' });
});

test('add, sub, mul broadcast like PyTorch', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(add(x, tensor([10, 20, 30])).toArray(), [[11, 22, 33], [14, 25, 36]]);
  assert.deepEqual(sub(x, tensor([[1], [4]])).toArray(), [[0, 1, 2], [0, 1, 2]]);
  assert.deepEqual(mul(tensor([[2], [3]]), tensor([1, 10])).toArray(), [[2, 20], [3, 30]]);
  assert.deepEqual(mul(x, 2).toArray(), [[2, 4, 6], [8, 10, 12]]);
  assert.throws(() => add(x, tensor([1, 2])), { message: 'add: b expected shape broadcastable to [2, 3], got [2]' });
});

test('sigmoid and tanh match closed forms, stay finite for huge inputs and propagate NaN', () => {
  const z = tensor([-800, -2, 0, 0.5, 800, Number.NaN], d64);
  const s = sigmoid(z).data;
  close(s.subarray(0, 5), [0, 1 / (1 + Math.exp(2)), 0.5, 1 / (1 + Math.exp(-0.5)), 1]);
  assert.ok(Number.isNaN(s[5]));
  const t = tanh(z).data;
  close(t.subarray(0, 5), [-1, Math.tanh(-2), 0, Math.tanh(0.5), 1]);
  assert.ok(Number.isNaN(t[5]));
});

test('softmax rows sum to 1, survive huge logits, and logSoftmax = log softmax', () => {
  const z = tensor([[1, 2, 3], [1000, 1000, 990]], d64);
  const p = softmax(z);
  const e = [Math.exp(1), Math.exp(2), Math.exp(3)];
  const se = e[0] + e[1] + e[2];
  close(p.data.subarray(0, 3), e.map((v) => v / se));
  close([p.data[3] + p.data[4] + p.data[5]], [1]);
  assert.ok(p.data.every(Number.isFinite));
  const lp = logSoftmax(z);
  close(lp.data, Array.from(p.data, Math.log), 1e-9);
  // Along dim 0 each column sums to 1.
  const p0 = softmax(tensor([[1, 2], [3, 4]], d64), 0).data;
  close([p0[0] + p0[2], p0[1] + p0[3]], [1, 1]);
  assert.throws(() => softmax(z, 2), { message: 'softmax: dim expected an integer in [-2, 1], got 2' });
});

test('sum and mean', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.equal(sum(x).item(), 21);
  assert.deepEqual(sum(x).shape, []);
  assert.deepEqual(sum(x, 0).toArray(), [5, 7, 9]);
  assert.deepEqual(sum(x, 1, true).toArray(), [[6], [15]]);
  assert.equal(mean(x).item(), 3.5);
  assert.deepEqual(mean(x, -1).toArray(), [2, 5]);
});

test('reshape, concat, slice, transpose', () => {
  const x = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(reshape(x, [3, -1]).toArray(), [[1, 2], [3, 4], [5, 6]]);
  assert.throws(() => reshape(x, [4, -1]), { message: 'reshape: shape expected 6 elements to match x of shape [2, 3], got [4, -1]' });
  assert.deepEqual(concat([x, tensor([[7, 8, 9]])], 0).toArray(), [[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
  assert.deepEqual(concat([x, tensor([[0], [0]])], 1).toArray(), [[1, 2, 3, 0], [4, 5, 6, 0]]);
  assert.throws(() => concat([x, tensor([[0, 0]])], 0), { message: 'concat: ts[1] expected shape [*, 3], got [1, 2]' });
  assert.deepEqual(slice(x, 1, 1).toArray(), [[2, 3], [5, 6]]);
  assert.deepEqual(slice(x, 0, -1).toArray(), [[4, 5, 6]]);
  assert.throws(() => slice(x, 1, 2, 5), { message: 'slice: range expected 0 ≤ start ≤ end ≤ 3 along dim 1, got [2, 5)' });
  assert.deepEqual(transpose(x, 0, 1).toArray(), [[1, 4], [2, 5], [3, 6]]);
  const y = tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);
  assert.deepEqual(transpose(y, 0, 2).toArray(), [[[1, 5], [3, 7]], [[2, 6], [4, 8]]]);
});

test('embedding gathers rows; ids are validated', () => {
  const w = tensor([[0, 0], [1, 1], [2, 2]]);
  assert.deepEqual(embedding(w, [[2, 0], [1, 1]]).toArray(), [[[2, 2], [0, 0]], [[1, 1], [1, 1]]]);
  assert.deepEqual(embedding(w, Int32Array.of(1, 2, 0, 0), [2, 2]).shape, [2, 2, 2]);
  assert.throws(() => embedding(w, [0, 3]), { message: 'embedding: ids[1] expected an integer id in [0, 3), got 3' });
  assert.throws(() => embedding(w, [0.5]), { message: 'embedding: ids[0] expected an integer id in [0, 3), got 0.5' });
  assert.throws(() => embedding(zeros([3]), [0]), { message: 'embedding: weight expected shape [V, E], got [3]' });
});

test('crossEntropy: closed form, one-hot equals class ids, stable for huge logits', () => {
  const z = tensor([[1, 2, 3], [0, 0, 0]], d64);
  const lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
  const want = ((lse - 3) + Math.log(3)) / 2;
  close([crossEntropy(z, [2, 1]).item()], [want]);
  close([crossEntropy(z, tensor([[0, 0, 1], [0, 1, 0]], d64)).item()], [want]);
  const big = tensor([[10000, 0, -10000]], d64);
  assert.equal(crossEntropy(big, [0]).item(), 0);
  assert.equal(crossEntropy(big, [2]).item(), 20000);
  assert.ok(Number.isNaN(crossEntropy(tensor([[Number.NaN, 0]], d64), [1]).item()));
});

test('crossEntropy argument errors', () => {
  const z = zeros([2, 3]);
  assert.throws(() => crossEntropy(z, [0, 1, 2]), { message: 'crossEntropy: target expected shape [2], got [3]' });
  assert.throws(() => crossEntropy(z, [0, 3]), { message: 'crossEntropy: target[1] expected an integer id in [0, 3), got 3' });
  assert.throws(() => crossEntropy(z, zeros([2, 4])), { message: 'crossEntropy: target expected shape [2, 3], got [2, 4]' });
  assert.throws(() => crossEntropy(zeros([2, 3, 1]), [0, 1]), { message: 'crossEntropy: logits expected shape [N, C], got [2, 3, 1]' });
});

test('lstmLayer validates every argument by name', async () => {
  const { lstmLayer } = await import('../../../src/engine/index.ts');
  const H = 2;
  const w = { weightIh: zeros([4 * H, 3]), weightHh: zeros([4 * H, H]), biasIh: zeros([4 * H]), biasHh: zeros([4 * H]) };
  const x = zeros([5, 1, 3]);
  const s = zeros([1, H]);
  assert.equal(lstmLayer(x, s, s, w)[0].shape.join(), '5,1,2');
  assert.throws(() => lstmLayer(zeros([5, 1, 4]), s, s, w), { message: 'lstmLayer: x expected shape [T, B, 3], got [5, 1, 4]' });
  assert.throws(() => lstmLayer(x, zeros([2, H]), s, w), { message: 'lstmLayer: h0 expected shape [1, 2], got [2, 2]' });
  assert.throws(() => lstmLayer(x, s, s, { ...w, weightHh: zeros([6, H]) }), { message: 'lstmLayer: weightHh expected shape [4H, H], got [6, 2]' });
  assert.throws(() => lstmLayer(x, s, s, { ...w, biasHh: zeros([7]) }), { message: 'lstmLayer: biasHh expected shape [8], got [7]' });
  assert.throws(() => lstmLayer(x, s, zeros([1, H], { dtype: 'float64' }), w), { message: 'lstmLayer: c0 expected dtype float32, got float64' });
  assert.throws(() => lstmLayer(zeros([1, 5, 4]), s, s, w, { batchFirst: true }), { message: 'lstmLayer: x expected shape [B, T, 3], got [1, 5, 4]' });
});

test('rnnLayer validates its arguments by name', async () => {
  const { rnnLayer } = await import('../../../src/engine/ops/rnn-layer.ts');
  const w = { weightIh: zeros([2, 3]), weightHh: zeros([2, 2]), biasIh: zeros([2]), biasHh: zeros([2]) };
  assert.deepEqual(rnnLayer(zeros([4, 1, 3]), zeros([1, 2]), w)[0].shape, [4, 1, 2]);
  assert.throws(() => rnnLayer(zeros([4, 1, 2]), zeros([1, 2]), w), { message: 'rnnLayer: x expected shape [T, B, 3], got [4, 1, 2]' });
  assert.throws(() => rnnLayer(zeros([4, 1, 3]), zeros([2, 2]), w), { message: 'rnnLayer: h0 expected shape [1, 2], got [2, 2]' });
  assert.throws(() => rnnLayer(zeros([4, 1, 3]), zeros([1, 2]), { ...w, weightIh: zeros([3, 3]) }), { message: 'rnnLayer: weightIh expected shape [2, I], got [3, 3]' });
});
