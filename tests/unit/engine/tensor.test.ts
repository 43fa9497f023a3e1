import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor, tensor, zeros, ones, randn, Rng, noGrad, isGradEnabled, add, mul, sum, matmul } from '../../../src/engine/index.ts';

test('tensor() infers shape and dtype; values are copied', () => {
  const t = tensor([[1, 2, 3], [4, 5, 6]]);
  assert.deepEqual(t.shape, [2, 3]);
  assert.equal(t.dtype, 'float32');
  assert.equal(t.size, 6);
  assert.deepEqual(t.toArray(), [[1, 2, 3], [4, 5, 6]]);
  const src = Float64Array.of(1, 2, 3, 4);
  const u = tensor(src, { shape: [2, 2] });
  assert.equal(u.dtype, 'float64');
  src[0] = 99;
  assert.equal(u.data[0], 1);
  assert.equal(tensor(3.5).item(), 3.5);
  assert.deepEqual(tensor(3.5).shape, []);
  assert.equal(tensor([0.1], { dtype: 'float64' }).data[0], 0.1);
  assert.equal(tensor([0.1]).data[0], Math.fround(0.1));
});

test('tensor() rejects ragged arrays and mismatched shapes with clear messages', () => {
  assert.throws(() => tensor([[1, 2], [3]]), { message: 'tensor: values expected a rectangular nested array of numbers, got a ragged array' });
  assert.throws(() => tensor([1, 2, 3], { shape: [2, 2] }), { message: 'tensor: shape expected 3 elements to match the values, got [2, 2]' });
  assert.throws(() => new Tensor(new Float32Array(5), [2, 3]), { message: 'Tensor: data expected 6 values for shape [2, 3], got 5' });
  assert.throws(() => tensor([1], { dtype: 'int8' as never }), { message: "tensor: dtype expected 'float32' or 'float64', got int8" });
});

test('zeros, ones, randn', () => {
  assert.deepEqual(Array.from(zeros([2, 2]).data), [0, 0, 0, 0]);
  assert.deepEqual(Array.from(ones([3], { dtype: 'float64' }).data), [1, 1, 1]);
  const a = randn([4, 5], new Rng(3), { dtype: 'float64' });
  const b = randn([4, 5], new Rng(3), { dtype: 'float64' });
  assert.deepEqual(a.data, b.data);
  assert.throws(() => zeros([2, -1]), { message: 'zeros: shape expected an array of non-negative integers, got [2, -1]' });
  assert.throws(() => randn([2], undefined as never), { message: 'randn: rng expected an Rng, got undefined' });
});

test('backward fills .grad of leaves; gradients accumulate until zeroGrad', () => {
  const x = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
  const y = sum(mul(x, x)); // Σ x² → ∂/∂x = 2x
  y.backward();
  assert.deepEqual(Array.from(x.grad!.data), [2, 4, 6]);
  sum(mul(x, 3)).backward();
  assert.deepEqual(Array.from(x.grad!.data), [5, 7, 9]);
  x.zeroGrad();
  assert.equal(x.grad, null);
});

test('intermediate tensors keep no .grad; constants get none', () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const c = tensor([5, 6]);
  const h = mul(x, c);
  sum(h).backward();
  assert.equal(h.grad, null);
  assert.equal(c.grad, null);
  assert.deepEqual(Array.from(x.grad!.data), [5, 6]);
});

test('a value used on two paths receives both contributions', () => {
  const x = tensor([[1, 2], [3, 4]], { dtype: 'float64', requiresGrad: true });
  const w = tensor([[1, 0], [0, 1]], { dtype: 'float64' });
  const y = add(matmul(x, w), x); // 2x
  sum(y).backward();
  assert.deepEqual(Array.from(x.grad!.data), [2, 2, 2, 2]);
});

test('backward on a non-scalar needs a gradient of the same shape', () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const y = mul(x, 2);
  assert.throws(() => y.backward(), { message: 'backward: grad expected for a non-scalar tensor, got none for shape [2]' });
  assert.throws(() => y.backward(tensor([1, 1, 1])), { message: 'backward: grad expected shape [2], got [3]' });
  y.backward(tensor([1, 10]));
  assert.deepEqual(Array.from(x.grad!.data), [2, 20]);
});

test('a graph is consumed by backward (like PyTorch without retain_graph)', () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const y = sum(mul(x, x));
  y.backward();
  assert.throws(() => y.backward(), { message: "backward: the graph through 'sum' was already used by a backward pass; run the forward pass again (carry state between batches with .detach())" });
});

test('backward on a tensor without grad is an error', () => {
  assert.throws(() => sum(tensor([1, 2])).backward(), {
    message: 'backward: tensor expected requiresGrad, got a tensor that does not require grad',
  });
});

test('noGrad records nothing and restores the mode, even after a throw', () => {
  const x = tensor([1, 2], { requiresGrad: true });
  const y = noGrad(() => mul(x, 2));
  assert.equal(y.requiresGrad, false);
  assert.equal(y.node, null);
  assert.equal(isGradEnabled(), true);
  assert.throws(() => noGrad(() => { throw new Error('boom'); }));
  assert.equal(isGradEnabled(), true);
});

test('item, detach and toString', () => {
  const x = tensor([[2]], { requiresGrad: true });
  assert.equal(x.item(), 2);
  assert.throws(() => tensor([1, 2]).item(), { message: 'item: tensor expected shape [] or [1], got [2]' });
  const d = mul(x, 3).detach();
  assert.equal(d.requiresGrad, false);
  assert.equal(d.node, null);
  assert.equal(String(x), 'Tensor([1, 1], float32, requiresGrad)');
});

test('retainGrad keeps the gradient of an intermediate tensor (complete, accumulated like a leaf)', () => {
  const x = tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
  const h = mul(x, 2).retainGrad();
  const y = add(sum(mul(h, h)), sum(h)); // ∂y/∂h = 2h + 1 (two consumers of h)
  y.backward();
  assert.deepEqual(Array.from(h.grad!.data), [5, 9, 13]);
  assert.deepEqual(Array.from(x.grad!.data), [10, 18, 26]);
  const z = mul(x, 1).retainGrad();
  sum(z).backward();
  assert.deepEqual(Array.from(z.grad!.data), [1, 1, 1]);
});
