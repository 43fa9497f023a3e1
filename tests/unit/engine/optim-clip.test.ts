import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor, type Tensor } from '../../../src/engine/tensor.ts';
import { Adam, SGD, RMSprop, clipGradNorm } from '../../../src/engine/optim/index.ts';

function param(values: number[], grad: number[] | null): Tensor {
  const p = tensor(Float64Array.from(values), { requiresGrad: true });
  if (grad) p.grad = tensor(Float64Array.from(grad));
  return p;
}

test('clipGradNorm: one L2 norm over all gradients, coefficient max / (norm + 1e-6)', () => {
  // ‖g‖ = √(3² + 4² + 12²) = 13 across two parameters
  const a = param([0, 0], [3, 4]);
  const b = param([0], [12]);
  const norm = clipGradNorm([a, b], 6.5);
  assert.equal(norm, 13);
  const c = 6.5 / (13 + 1e-6);
  assert.deepEqual([...a.grad!.data], [3 * c, 4 * c]);
  assert.deepEqual([...b.grad!.data], [12 * c]);
});

test('clipGradNorm: below the threshold gradients are untouched (coefficient capped at 1)', () => {
  const a = param([0, 0], [0.3, 0.4]);
  assert.equal(clipGradNorm([a], 1), 0.5);
  assert.deepEqual([...a.grad!.data], [0.3, 0.4]);
  // At exactly the threshold the 1e-6 still makes the coefficient just below 1, as in PyTorch.
  const b = param([0], [2]);
  clipGradNorm([b], 2);
  assert.equal(b.grad!.data[0], 2 * (2 / (2 + 1e-6)));
});

test('clipGradNorm: parameters without gradients are ignored; none at all gives 0', () => {
  const a = param([1], null);
  const b = param([1], [5]);
  assert.equal(clipGradNorm([a, b], 1), 5);
  assert.equal(a.grad, null);
  assert.equal(clipGradNorm([a], 1), 0);
});

test('clipGradNorm: infinity norm and a NaN gradient propagate like PyTorch', () => {
  const a = param([0, 0, 0], [1, -7, 2]);
  assert.equal(clipGradNorm([a], 3.5, Infinity), 7);
  assert.ok(Math.abs(a.grad!.data[1] + 3.5) < 1e-6);
  const n = param([0, 0], [NaN, 1]);
  assert.ok(Number.isNaN(clipGradNorm([n], 1)));
  assert.ok(Number.isNaN(n.grad!.data[1]));
  assert.throws(() => clipGradNorm([a], -1), { message: 'clipGradNorm: maxNorm expected a finite number ≥ 0, got -1' });
  assert.throws(() => clipGradNorm([a], 1, 1), { message: 'clipGradNorm: normType expected 2 or Infinity, got 1' });
});

test('SGD without momentum is θ − η g; with momentum the first step copies the gradient into the buffer', () => {
  const p = param([1, 2], [0.5, -1]);
  new SGD([p], { lr: 0.1 }).step();
  assert.deepEqual([...p.data], [1 - 0.05, 2 + 0.1]);
  const q = param([0], [1]);
  const opt = new SGD([q], { lr: 1, momentum: 0.9 });
  opt.step(); // b = 1, θ = −1
  opt.step(); // b = 0.9 + 1 = 1.9, θ = −2.9
  assert.ok(Math.abs(q.data[0] + 2.9) < 1e-15);
});

test('Adam: the first step moves every weight by about lr (bias correction)', () => {
  const p = param([0, 0, 0], [1e-3, -5, 100]);
  new Adam([p], { lr: 0.01 }).step();
  for (const [k, sign] of [[0, -1], [1, 1], [2, -1]] as const) assert.ok(Math.abs(p.data[k] - sign * 0.01) < 1e-7, `θ[${k}] = ${p.data[k]}`);
});

test('optimizers skip parameters whose grad is null, zeroGrad zeroes in place or drops', () => {
  const a = param([1], null);
  const b = param([1], [1]);
  const opt = new Adam([a, b], { lr: 0.1 });
  opt.step();
  assert.equal(a.data[0], 1);
  assert.notEqual(b.data[0], 1);
  const g = b.grad!;
  opt.zeroGrad();
  assert.equal(b.grad, g);
  assert.equal(g.data[0], 0);
  opt.zeroGrad(true);
  assert.equal(b.grad, null);
});

test('optimizer state survives stateDict → JSON → loadStateDict', () => {
  const make = () => param([0.5, -0.25], [0.1, 0.2]);
  const p = make();
  const opt = new RMSprop([p], { lr: 0.01, momentum: 0.5, centered: true });
  opt.step();
  const saved = JSON.parse(JSON.stringify(opt.stateDict()));
  const q = make();
  q.data.set(p.data);
  const opt2 = new RMSprop([q], { lr: 0.01, momentum: 0.5, centered: true });
  opt2.loadStateDict(saved);
  opt.step();
  opt2.step();
  assert.deepEqual([...q.data], [...p.data]);
  assert.throws(() => opt2.loadStateDict({ optimizer: 'RMSprop', lr: 1, params: [] }), { message: 'RMSprop.loadStateDict: state.params expected 1 entries, got 0' });
});

test('optimizer arguments are checked by name', () => {
  const p = param([0], [0]);
  assert.throws(() => new Adam([]), { message: 'Adam: params expected at least one parameter tensor, got []' });
  assert.throws(() => new Adam([p, p]), { message: 'Adam: params[1] expected each parameter once, got a repeat of an earlier entry' });
  assert.throws(() => new Adam([p], { lr: -1 }), { message: 'Adam: options.lr expected a finite number ≥ 0, got -1' });
  assert.throws(() => new Adam([p], { betas: [0.9, 1] }), { message: 'Adam: options.betas[1] expected a number in [0, 1), got 1' });
  assert.throws(() => new SGD([p], {} as never), { message: 'SGD: options.lr expected a learning rate, e.g. { lr: 0.1 }, got none' });
  assert.throws(() => new SGD([p], { lr: 0.1, nesterov: true }), /nesterov expected momentum > 0 and dampening 0/);
  assert.throws(() => new RMSprop([{} as Tensor]), { message: 'RMSprop: params[0] expected a Tensor with float32 or float64 data, got an object without typed-array data' });
});
