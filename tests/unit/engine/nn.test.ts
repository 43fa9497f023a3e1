/** Layers: PyTorch names and layouts, initialisation, state dicts, argument errors, and consistency checks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Rng, Tensor, Module, LSTM, LSTMCell, RNN, GRU, Linear, Embedding, lstmStep, randn, tensor, zeros, sum, mul, reshape,
  crossEntropy, noGrad,
} from '../../../src/engine/index.ts';

const d64 = 'float64' as const;

class CharModel extends Module {
  embed: Embedding;
  lstm: LSTM;
  fc: Linear;
  _notAParameter = tensor([1], { requiresGrad: true });
  constructor(rng: Rng, dtype: 'float32' | 'float64' = 'float32') {
    super();
    this.embed = new Embedding({ numEmbeddings: 10, embeddingDim: 4, rng, dtype });
    this.lstm = new LSTM({ inputSize: 4, hiddenSize: 6, numLayers: 2, batchFirst: true, rng, dtype });
    this.fc = new Linear({ inFeatures: 6, outFeatures: 10, rng, dtype });
  }
}

test('namedParameters uses PyTorch names, order and shapes', () => {
  const m = new CharModel(new Rng(1));
  const names = m.namedParameters().map(([n, p]) => `${n} ${JSON.stringify(p.shape)}`);
  assert.deepEqual(names, [
    'embed.weight [10,4]',
    'lstm.weight_ih_l0 [24,4]', 'lstm.weight_hh_l0 [24,6]', 'lstm.bias_ih_l0 [24]', 'lstm.bias_hh_l0 [24]',
    'lstm.weight_ih_l1 [24,6]', 'lstm.weight_hh_l1 [24,6]', 'lstm.bias_ih_l1 [24]', 'lstm.bias_hh_l1 [24]',
    'fc.weight [10,6]', 'fc.bias [10]',
  ]);
  assert.equal(m.parameters().length, 11);
  assert.ok(m.parameters().every((p) => p.requiresGrad));
  // eq-param-count: 4((I + H)H + H) per layer, two biases in PyTorch → 4H(I + H) + 8H.
  assert.equal(m.lstm.numParameters(), 24 * 4 + 24 * 6 + 48 + (24 * 6 + 24 * 6 + 48));
  assert.deepEqual(new GRU({ inputSize: 3, hiddenSize: 2, rng: new Rng(0) }).namedParameters().map(([n, p]) => `${n} ${p.shape}`), [
    'weight_ih_l0 6,3', 'weight_hh_l0 6,2', 'bias_ih_l0 6', 'bias_hh_l0 6',
  ]);
  assert.deepEqual(new LSTMCell({ inputSize: 3, hiddenSize: 2, rng: new Rng(0) }).namedParameters().map(([n]) => n), [
    'weight_ih', 'weight_hh', 'bias_ih', 'bias_hh',
  ]);
  assert.deepEqual(Object.keys(new Linear({ inFeatures: 2, outFeatures: 1, bias: false, rng: new Rng(0) }).stateDict()), ['weight']);
});

test('initialisation follows PyTorch defaults and is bit-identical for a seed', () => {
  const H = 50;
  const lstm = new LSTM({ inputSize: 20, hiddenSize: H, rng: new Rng(3) });
  const bound = 1 / Math.sqrt(H);
  for (const p of lstm.parameters()) assert.ok(p.data.every((v) => Math.abs(v) <= bound));
  const w = lstm.layerWeights(0).weightHh.data;
  const maxAbs = Math.max(...Array.from(w, Math.abs));
  assert.ok(maxAbs > 0.95 * bound, 'uniform should reach near the bound');
  const fc = new Linear({ inFeatures: 100, outFeatures: 30, rng: new Rng(3) });
  assert.ok(fc.weight.data.every((v) => Math.abs(v) <= 0.1) && fc.bias!.data.every((v) => Math.abs(v) <= 0.1));
  const emb = new Embedding({ numEmbeddings: 200, embeddingDim: 50, rng: new Rng(3), dtype: d64 });
  const e = Array.from(emb.weight.data);
  const mean = e.reduce((s, v) => s + v, 0) / e.length;
  const std = Math.sqrt(e.reduce((s, v) => s + (v - mean) ** 2, 0) / e.length);
  assert.ok(Math.abs(mean) < 0.03 && Math.abs(std - 1) < 0.03, `N(0, 1): mean ${mean}, std ${std}`);
  const again = new LSTM({ inputSize: 20, hiddenSize: H, rng: new Rng(3) });
  lstm.parameters().forEach((p, k) => assert.deepEqual(p.data, again.parameters()[k].data));
});

test('layers require an explicit Rng and valid sizes', () => {
  assert.throws(() => new LSTM({ inputSize: 3, hiddenSize: 4 } as never), { message: 'LSTM: rng expected an Rng (e.g. new Rng(42)), got undefined' });
  assert.throws(() => new Linear({ inFeatures: 0, outFeatures: 2, rng: new Rng(1) }), { message: 'Linear: inFeatures expected a positive integer, got 0' });
  assert.throws(() => new GRU({ inputSize: 2, hiddenSize: 2.5, rng: new Rng(1) }), { message: 'GRU: hiddenSize expected a positive integer, got 2.5' });
  assert.throws(() => new RNN({ inputSize: 2, hiddenSize: 2, nonlinearity: 'relu' as never, rng: new Rng(1) }), {
    message: "RNN: nonlinearity expected 'tanh', got relu",
  });
  assert.throws(() => new Embedding({ numEmbeddings: 3, embeddingDim: 2, rng: new Rng(1), dtype: 'int32' as never }), {
    message: "Embedding: dtype expected 'float32' or 'float64', got int32",
  });
});

test('stateDict → loadStateDict round-trips into a fresh model (also from plain { shape, data })', () => {
  const a = new CharModel(new Rng(1));
  const b = new CharModel(new Rng(2));
  const json = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(a.stateDict()).map(([k, t]) => [k, { shape: t.shape, data: Array.from(t.data) }]))));
  b.loadStateDict(json);
  a.parameters().forEach((p, k) => assert.deepEqual(p.data, b.parameters()[k].data));
  const c = new CharModel(new Rng(5), d64);
  c.loadStateDict(a.stateDict());
  assert.equal(c.parameters()[0].data[0], a.parameters()[0].data[0]);
});

test('loadStateDict is strict, names the key and both shapes, and changes nothing on error', () => {
  const m = new CharModel(new Rng(1));
  const good = m.stateDict();
  const before = Float32Array.from(m.fc.bias!.data);
  const src = new CharModel(new Rng(9)).stateDict();
  const { 'fc.bias': _drop, ...missing } = src;
  assert.throws(() => m.loadStateDict(missing), { message: "loadStateDict: missing key 'fc.bias' (expected shape [10])" });
  assert.throws(() => m.loadStateDict({ ...src, 'fc.scale': zeros([3]) }), (e: Error) =>
    e.message.startsWith("loadStateDict: unexpected key 'fc.scale' with shape [3]; expected keys: embed.weight, "));
  assert.throws(() => m.loadStateDict({ ...src, 'lstm.weight_ih_l0': zeros([24, 5]) }), {
    message: "loadStateDict: 'lstm.weight_ih_l0' expected shape [24, 4], got [24, 5]",
  });
  assert.deepEqual(m.fc.bias!.data, before, 'a failed load must not change parameters');
  assert.equal(good['fc.bias'], m.fc.bias, 'stateDict holds the live parameters');
});

test('fields starting with _ are not parameters; zeroGrad clears every gradient', () => {
  const m = new CharModel(new Rng(1));
  assert.ok(!m.namedParameters().some(([n]) => n.includes('_notAParameter')));
  const [out] = m.lstm.forward(m.embed.forward([[1, 2], [3, 4]]));
  crossEntropy(reshape(m.fc.forward(out), [-1, 10]), [1, 2, 3, 4]).backward();
  assert.ok(m.parameters().every((p) => p.grad !== null));
  m.zeroGrad();
  assert.ok(m.parameters().every((p) => p.grad === null));
});

test('LSTM forward agrees with lstmStep (the chapter equations) step by step', () => {
  const I = 3;
  const H = 4;
  const lstm = new LSTM({ inputSize: I, hiddenSize: H, rng: new Rng(11), dtype: d64 });
  const x = randn([5, 1, I], new Rng(12), { dtype: d64 });
  const [out, [hN, cN]] = lstm.forward(x);
  const w = lstm.layerWeights(0);
  const p = { inputSize: I, hiddenSize: H, weightIh: w.weightIh.data as Float64Array, weightHh: w.weightHh.data as Float64Array, biasIh: w.biasIh.data as Float64Array, biasHh: w.biasHh.data as Float64Array };
  let h: ArrayLike<number> = new Float64Array(H);
  let c: ArrayLike<number> = new Float64Array(H);
  for (let t = 0; t < 5; t++) {
    const r = lstmStep(p, x.data.subarray(t * I, t * I + I), h, c);
    for (let j = 0; j < H; j++) assert.ok(Math.abs(out.data[t * H + j] - r.h[j]) < 1e-14);
    h = r.h;
    c = r.c;
  }
  for (let j = 0; j < H; j++) assert.ok(Math.abs(hN.data[j] - h[j]) < 1e-14 && Math.abs(cN.data[j] - c[j]) < 1e-14);
});

test('LSTMCell equals a 1-step LSTM with the same weights', () => {
  const cell = new LSTMCell({ inputSize: 3, hiddenSize: 2, rng: new Rng(4), dtype: d64 });
  const lstm = new LSTM({ inputSize: 3, hiddenSize: 2, rng: new Rng(0), dtype: d64 });
  lstm.loadStateDict(Object.fromEntries(Object.entries(cell.stateDict()).map(([k, v]) => [`${k}_l0`, v])));
  const x = randn([4, 3], new Rng(5), { dtype: d64 });
  const [h, c] = cell.forward(x);
  const [, [hN, cN]] = lstm.forward(reshape(x, [1, 4, 3]));
  assert.deepEqual(h.data, hN.data);
  assert.deepEqual(c.data, cN.data);
});

test('batchFirst and time-major give the same numbers', () => {
  const a = new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, rng: new Rng(6), dtype: d64 });
  const b = new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, batchFirst: true, rng: new Rng(6), dtype: d64 });
  const xT = randn([4, 2, 2], new Rng(1), { dtype: d64 }); // [T, B, I]
  const xB = new Tensor(new Float64Array(16), [2, 4, 2]);
  for (let t = 0; t < 4; t++) for (let bb = 0; bb < 2; bb++) for (let i = 0; i < 2; i++) xB.data[(bb * 4 + t) * 2 + i] = xT.data[(t * 2 + bb) * 2 + i];
  const [oT, [hT]] = a.forward(xT);
  const [oB, [hB]] = b.forward(xB);
  assert.deepEqual(hT.data, hB.data);
  assert.equal(oB.data[(1 * 4 + 2) * 3 + 1], oT.data[(2 * 2 + 1) * 3 + 1]);
});

test('workspaces are reused safely: two forwards before one backward, and repeated steps are identical', () => {
  const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, rng: new Rng(8), dtype: d64 });
  const x1 = randn([3, 2, 2], new Rng(1), { dtype: d64 });
  const x2 = randn([3, 2, 2], new Rng(2), { dtype: d64 });
  const loss = (x: Tensor) => sum(mul(lstm.forward(x)[0], 1));
  loss(x1).backward();
  const g1 = Float64Array.from(lstm.parameters()[0].grad!.data);
  lstm.zeroGrad();
  loss(x2).backward();
  const g2 = Float64Array.from(lstm.parameters()[0].grad!.data);
  lstm.zeroGrad();
  const l1 = loss(x1); // both graphs alive at once: each must keep its own cache
  const l2 = loss(x2);
  l2.backward();
  assert.deepEqual(lstm.parameters()[0].grad!.data, g2);
  lstm.zeroGrad();
  l1.backward();
  assert.deepEqual(lstm.parameters()[0].grad!.data, g1);
  // Same input again (a reused workspace) gives bit-identical gradients.
  lstm.zeroGrad();
  loss(x1).backward();
  assert.deepEqual(lstm.parameters()[0].grad!.data, g1);
});

test('the generation stepper reproduces LSTM.forward one step at a time (float64, 2 layers)', () => {
  const V = 5;
  const lstm = new LSTM({ inputSize: V, hiddenSize: 4, numLayers: 2, rng: new Rng(9), dtype: d64 });
  const ids = [3, 0, 4, 4, 1];
  const x = zeros([ids.length, 1, V], { dtype: d64 });
  ids.forEach((id, t) => (x.data[t * V + id] = 1));
  const [out] = noGrad(() => lstm.forward(x));
  const s = lstm.stepper();
  const s2 = lstm.stepper();
  ids.forEach((id, t) => {
    const h = s.stepIndex(id);
    const h2 = s2.step(x.data.subarray(t * V, t * V + V));
    for (let j = 0; j < 4; j++) {
      assert.ok(Math.abs(h[j] - out.data[t * 4 + j]) < 1e-14, `step ${t} unit ${j}`);
      assert.ok(Math.abs(h2[j] - out.data[t * 4 + j]) < 1e-14);
    }
  });
  s.reset();
  assert.ok(s.h.every((a) => a.every((v) => v === 0)));
  assert.throws(() => s.stepIndex(5), { message: 'LstmStepper.stepIndex: id expected an integer in [0, 5), got 5' });
  assert.throws(() => s.step([1, 2]), { message: 'LstmStepper.step: x expected shape [1, 5], got [2]' });
});

test('layer forward errors name the function, the argument, the expected and the actual shape', () => {
  const rng = new Rng(1);
  const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true, rng });
  assert.throws(() => lstm.forward(zeros([2, 5, 2])), { message: 'LSTM.forward: x expected shape [B, T, 3], got [2, 5, 2]' });
  assert.throws(() => lstm.forward(zeros([5, 3])), { message: 'LSTM.forward: x expected shape [B, T, 3], got [5, 3]' });
  assert.throws(() => lstm.forward(zeros([2, 5, 3]), [zeros([1, 2, 4]), zeros([2, 2, 4])]), {
    message: 'LSTM.forward: h0 expected shape [2, 2, 4], got [1, 2, 4]',
  });
  assert.throws(() => lstm.forward(zeros([2, 5, 3], { dtype: d64 })), { message: 'LSTM.forward: x expected dtype float32, got float64' });
  const cell = new LSTMCell({ inputSize: 3, hiddenSize: 4, rng });
  assert.throws(() => cell.forward(zeros([2, 3]), [zeros([2, 4]), zeros([2, 3])]), { message: 'LSTMCell.forward: c expected shape [2, 4], got [2, 3]' });
  const rnn = new RNN({ inputSize: 3, hiddenSize: 4, rng });
  assert.throws(() => rnn.forward(zeros([5, 2, 4])), { message: 'RNN.forward: x expected shape [T, B, 3], got [5, 2, 4]' });
  const gru = new GRU({ inputSize: 3, hiddenSize: 4, rng });
  assert.throws(() => gru.forward(zeros([5, 2, 3]), zeros([1, 3, 4])), { message: 'GRU.forward: h0 expected shape [1, 2, 4], got [1, 3, 4]' });
  const fc = new Linear({ inFeatures: 3, outFeatures: 2, rng });
  assert.throws(() => fc.forward(zeros([4, 2])), { message: 'linear: x expected shape [..., 3], got [4, 2]' });
});

test('Linear.forwardInto equals forward without touching the tape', () => {
  const fc = new Linear({ inFeatures: 3, outFeatures: 2, rng: new Rng(2), dtype: d64 });
  const x = [0.5, -1, 2, 1, 1, 1];
  const want = fc.forward(tensor(x, { shape: [2, 3], dtype: d64 })).data;
  const out = new Float64Array(4);
  assert.equal(fc.forwardInto(x, out), out);
  for (let k = 0; k < 4; k++) assert.ok(Math.abs(out[k] - want[k]) < 1e-15);
  assert.throws(() => fc.forwardInto([1, 2]), { message: 'Linear.forwardInto: x expected shape [B·3], got [2]' });
  assert.throws(() => fc.forwardInto(x, new Float64Array(3)), { message: 'Linear.forwardInto: out expected shape [4], got [3]' });
});

test('truncated BPTT: carrying detached state between batches works; undetached state explains the fix', () => {
  const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, batchFirst: true, rng: new Rng(3), dtype: d64 });
  const batch = (seed: number) => randn([2, 4, 2], new Rng(seed), { dtype: d64 });
  let [out, [h, c]] = lstm.forward(batch(1));
  sum(out).backward();
  [out, [h, c]] = lstm.forward(batch(2), [h.detach(), c.detach()]);
  sum(out).backward();
  const [out2] = lstm.forward(batch(3), [h, c]); // not detached: reaches the consumed graph of batch 2
  assert.throws(() => sum(out2).backward(), {
    message: "backward: the graph through 'LSTM.forward' was already used by a backward pass; run the forward pass again (carry state between batches with .detach())",
  });
});

test('a frozen parameter (requiresGrad = false) stays in the state dict and gets no gradient', () => {
  const m = new CharModel(new Rng(1), d64);
  m.embed.weight.requiresGrad = false;
  assert.equal(m.namedParameters()[0][0], 'embed.weight');
  const [out] = m.lstm.forward(m.embed.forward([[1, 2]]));
  sum(out).backward();
  assert.equal(m.embed.weight.grad, null);
  assert.notEqual(m.lstm.parameters()[0].grad, null);
});

test('arrays of modules are named like PyTorch ModuleList entries', () => {
  class Stack extends Module {
    layers = [new Linear({ inFeatures: 2, outFeatures: 3, rng: new Rng(1) }), new Linear({ inFeatures: 3, outFeatures: 1, bias: false, rng: new Rng(2) })];
  }
  assert.deepEqual(new Stack().namedParameters().map(([n]) => n), ['layers.0.weight', 'layers.0.bias', 'layers.1.weight']);
});

test('LSTM workspaces are lent per forward and come back after backward (no reallocation per step)', async () => {
  const { WorkspacePool } = await import('../../../src/engine/ops/lstm-layer.ts');
  const pool = new WorkspacePool();
  const a = pool.acquire(true, 3, 2, 4, 5);
  const b = pool.acquire(true, 3, 2, 4, 5);
  assert.notEqual(a, b, 'two live forwards need two workspaces');
  pool.release(a);
  assert.equal(pool.acquire(true, 3, 2, 4, 5), a, 'a released workspace of the same shape is reused');
  assert.notEqual(pool.acquire(true, 3, 2, 4, 6), b);
});
