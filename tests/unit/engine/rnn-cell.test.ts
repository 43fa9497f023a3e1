import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RNN, RNNCell, Rng, mul, randn, reshape, slice, sum, zeros, type Tensor } from '../../../src/engine/index.ts';

test('RNNCell stepped by hand equals nn.RNN with the same weights, and each h_t keeps ∂L/∂h_t', () => {
  const I = 3, H = 4, B = 2, T = 5;
  const cell = new RNNCell({ inputSize: I, hiddenSize: H, rng: new Rng(3), dtype: 'float64' });
  const rnn = new RNN({ inputSize: I, hiddenSize: H, rng: new Rng(3), dtype: 'float64' });
  // Same draw order as PyTorch (weight_ih, weight_hh, bias_ih, bias_hh), so the same seed gives the same weights.
  assert.deepEqual(Object.keys(cell.stateDict()), ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']);
  for (const [name, p] of cell.namedParameters()) assert.deepEqual(p.data, rnn.stateDict()[`${name}_l0`].data, name);
  const x = randn([T, B, I], new Rng(4), { dtype: 'float64' });
  const [out] = rnn.forward(x);
  let h: Tensor = zeros([B, H], { dtype: 'float64' });
  const hs: Tensor[] = [];
  for (let t = 0; t < T; t++) {
    h = cell.forward(reshape(slice(x, 0, t, t + 1), [B, I]), h);
    hs.push(h.retainGrad());
    for (let k = 0; k < B * H; k++) assert.ok(Math.abs(h.data[k] - out.data[t * B * H + k]) < 1e-15, `t=${t}`);
  }
  // L = ½‖h_T‖²: ∂L/∂h_T = h_T, and every earlier step has a gradient.
  mul(sum(mul(h, h)), 0.5).backward();
  assert.deepEqual(Array.from(hs[T - 1].grad!.data), Array.from(h.data));
  for (const ht of hs) assert.ok(ht.grad !== null);
  assert.throws(() => cell.forward(zeros([B, I + 1], { dtype: 'float64' })), { message: `RNNCell.forward: x expected shape [B, ${I}], got [${B}, ${I + 1}]` });
  assert.throws(() => cell.forward(zeros([B, I], { dtype: 'float64' }), zeros([B, H + 1], { dtype: 'float64' })), { message: `RNNCell.forward: h expected shape [${B}, ${H}], got [${B}, ${H + 1}]` });
});
