/**
 * Loaders check every number and every shape before they change anything: a failed load of any kind leaves
 * the model (and the optimizer) exactly as it was, and the message names the key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Adam, AdamW, Embedding, Linear, Module, RMSprop, Rng, SGD, dense, lstm, sequential, tensor, sum, mul,
  type OptimizerState, type Tensor,
} from '../../../src/engine/index.ts';

class Small extends Module {
  fc = new Linear({ inFeatures: 2, outFeatures: 3, rng: new Rng(1), dtype: 'float64' });
  head = new Linear({ inFeatures: 3, outFeatures: 1, rng: new Rng(2), dtype: 'float64' });
}

const plain = (m: Module) => Object.fromEntries(Object.entries(m.stateDict()).map(([k, t]) => [k, { shape: [...t.shape], data: Array.from(t.data) }]));
const snapshot = (m: Module) => m.parameters().map((p) => Array.from(p.data));

test('loadStateDict rejects strings, NaN, ±Infinity and array-likes, naming the key and the position', () => {
  const m = new Small();
  const before = snapshot(m);
  const cases: [unknown, string][] = [
    [['0.5', 0.1, 0.2], "loadStateDict: 'head.weight'[0] expected a finite number, got '0.5'"],
    [['0x10', 0.1, 0.2], "loadStateDict: 'head.weight'[0] expected a finite number, got '0x10'"],
    [[0.5, NaN, 0.2], "loadStateDict: 'head.weight'[1] expected a finite number, got NaN"],
    [[0.5, 0.1, -Infinity], "loadStateDict: 'head.weight'[2] expected a finite number, got -Infinity"],
    [{ length: 3 }, "loadStateDict: 'head.weight' expected an array of numbers, got an object"],
    [[0.5, 0.1], "loadStateDict: 'head.weight' expected 3 values, got 2"],
  ];
  for (const [data, message] of cases) {
    const sd = plain(m);
    sd['head.weight'] = { shape: [1, 3], data: data as number[] };
    assert.throws(() => m.loadStateDict(sd), { message });
    assert.deepEqual(snapshot(m), before, 'nothing changed');
  }
  const sd = plain(m);
  sd['fc.bias'] = { shape: ['3'] as never, data: [1, 2, 3] };
  assert.throws(() => m.loadStateDict(sd), { message: "loadStateDict: 'fc.bias' shape expected a list of non-negative integers, got ['3']" });
  assert.throws(() => m.loadStateDict({ ...plain(m), 'fc.bias': 7 } as never), { message: "loadStateDict: 'fc.bias' expected a Tensor or { shape, data }, got 7" });
  assert.throws(() => m.loadStateDict([] as never), { message: 'loadStateDict: sd expected an object of tensors, got an array' });
  assert.deepEqual(snapshot(m), before);
});

test('loadStateDict({ strict: false }) loads the matching keys and reports the rest, like PyTorch', () => {
  const m = new Small();
  const other = new Small();
  other.fc.bias!.data.fill(0.25);
  const sd: Record<string, { shape: number[]; data: number[] }> = { 'fc.bias': plain(other)['fc.bias'], 'extra.weight': { shape: [1], data: [1] } };
  const headBefore = Array.from(m.head.weight.data);
  assert.deepEqual(m.loadStateDict(sd, { strict: false }), { missingKeys: ['fc.weight', 'head.weight', 'head.bias'], unexpectedKeys: ['extra.weight'] });
  assert.deepEqual(Array.from(m.fc.bias!.data), [0.25, 0.25, 0.25]);
  assert.deepEqual(Array.from(m.head.weight.data), headBefore);
  // Still all-or-nothing over the keys it loads, and still strict by default.
  const before = snapshot(m);
  const bad = { 'fc.bias': { shape: [3], data: [1, 2, 3] }, 'head.bias': { shape: [1], data: [NaN] } };
  assert.throws(() => m.loadStateDict(bad, { strict: false }), { message: "loadStateDict: 'head.bias'[0] expected a finite number, got NaN" });
  assert.deepEqual(snapshot(m), before);
  assert.throws(() => m.loadStateDict(sd), { message: /^loadStateDict: unexpected key 'extra.weight'/ });
  assert.deepEqual(m.loadStateDict(plain(other)), { missingKeys: [], unexpectedKeys: [] });
  assert.throws(() => m.loadStateDict(plain(other), { strict: 'no' } as never), { message: "loadStateDict: options.strict expected true or false, got 'no'" });
});

/** One Adam step on a fresh parameter, so the state has moments. */
function stepped<O extends SGD | Adam | RMSprop>(make: (p: Tensor[]) => O): { opt: O; p: Tensor } {
  const p = tensor([0.5, -0.25], { dtype: 'float64', requiresGrad: true });
  const opt = make([p]);
  sum(mul(p, p)).backward();
  opt.step();
  return { opt, p };
}

test('Optimizer.loadStateDict: the wrong kind of state, a missing buffer or a non-numeric lr throws and changes nothing', () => {
  const { opt: adam, p } = stepped((ps) => new Adam(ps, { lr: 0.1 }));
  const before = JSON.stringify(adam.stateDict());
  const sgd = stepped((ps) => new SGD(ps, { lr: 0.1, momentum: 0.9 })).opt.stateDict();
  const cases: [unknown, string][] = [
    [sgd, "Adam.loadStateDict: state.optimizer expected 'Adam', got 'SGD'"],
    [{ ...sgd, optimizer: 'Adam' }, 'Adam.loadStateDict: state.params[0].buffers.momentumBuffer is not kept by this Adam; expected expAvg, expAvgSq'],
    [{ lr: 0.1, params: [{ step: 1, buffers: {} }] }, "Adam.loadStateDict: state.optimizer expected 'Adam', got none"],
    [{ optimizer: 'Adam', lr: 'abc', params: [] }, "Adam.loadStateDict: state.lr expected a finite number ≥ 0, got 'abc'"],
    [{ optimizer: 'Adam', lr: 0.1, params: [{ step: 1 }] }, 'Adam.loadStateDict: state.params[0].buffers expected an object of named arrays (expAvg, expAvgSq), got none'],
    [{ optimizer: 'Adam', lr: 0.1, params: [{ step: 1, buffers: { expAvg: [0, 0] } }] }, 'Adam.loadStateDict: state.params[0].buffers.expAvgSq expected after 1 steps, got none'],
    [{ optimizer: 'Adam', lr: 0.1, params: [{ step: 1.5, buffers: {} }] }, 'Adam.loadStateDict: state.params[0].step expected an integer ≥ 0, got 1.5'],
    [{ optimizer: 'Adam', lr: 0.1, params: [{ step: 1, buffers: { expAvg: [0, NaN], expAvgSq: [0, 0] } }] }, 'Adam.loadStateDict: state.params[0].buffers.expAvg[1] expected a finite number, got NaN'],
    [{ optimizer: 'Adam', lr: 0.1, params: [{ step: 1, buffers: { expAvg: { length: 2 }, expAvgSq: [0, 0] } }] }, 'Adam.loadStateDict: state.params[0].buffers.expAvg expected an array of numbers, got an object'],
    [{ optimizer: 'Adam', lr: 0.1, params: [], epoch: 3 }, "Adam.loadStateDict: unknown key 'state.epoch'. Accepted: state.optimizer, state.lr, state.params"],
  ];
  for (const [state, message] of cases) {
    assert.throws(() => adam.loadStateDict(state as OptimizerState), { message });
    assert.equal(JSON.stringify(adam.stateDict()), before, message);
  }
  // AdamW is its own kind; a state of the same kind round-trips through JSON and the next steps agree.
  assert.throws(() => new AdamW([p], { lr: 0.1 }).loadStateDict(JSON.parse(before)), { message: "AdamW.loadStateDict: state.optimizer expected 'AdamW', got 'Adam'" });
  const q = tensor(Array.from(p.data), { dtype: 'float64', requiresGrad: true });
  const copy = new Adam([q], { lr: 0.1 });
  copy.loadStateDict(JSON.parse(before));
  for (const [o, t] of [[adam, p], [copy, q]] as const) {
    o.zeroGrad();
    sum(mul(t, t)).backward();
    o.step();
  }
  assert.deepEqual(Array.from(q.data), Array.from(p.data));
});

test('Keras setWeights and loadKerasWeights: a failed load leaves an unbuilt model unbuilt and a built one unchanged', () => {
  const source = sequential([lstm(3), dense(2, { activation: 'softmax' })], { rng: new Rng(3) });
  source.build([4, 5]);
  const good = source.exportKerasWeights();
  const fresh = () => sequential([lstm(3), dense(2, { activation: 'softmax' })], { rng: new Rng(9) });

  const wrongShape = good.map((w) => (w.name === 'dense/kernel' ? { ...w, shape: [3, 3], data: new Array(9).fill(0) } : w));
  const m = fresh();
  assert.throws(() => m.loadKerasWeights(wrongShape), { message: 'Sequential.setWeights: weights[3] (dense/kernel) expected shape [3, 2], got [3, 3]' });
  assert.equal(m.built, false, 'still unbuilt');
  const nan = good.map((w) => (w.name === 'lstm/bias' ? { ...w, data: w.data.map((v, k) => (k === 2 ? NaN : v)) } : w));
  assert.throws(() => m.loadKerasWeights(nan), { message: "Sequential.loadKerasWeights: 'lstm/bias'[2] expected a finite number, got NaN" });
  assert.throws(() => m.setWeights(source.getWeights().map((t, k) => (k === 1 ? t.toArray() : t)).map((w, k) => (k === 1 ? [[...(w as number[][])[0].slice(0, -1), 'x' as never], ...(w as number[][]).slice(1)] : w))), {
    message: "Sequential.setWeights: weights[1][0][11] expected a finite number, got 'x'",
  });
  assert.equal(m.built, false, 'still unbuilt');
  // Two spellings of one Keras name.
  const twice = [...good, { ...good[0], name: 'lstm/lstm_cell/kernel:0' }];
  assert.throws(() => m.loadKerasWeights(twice), { message: "Sequential.loadKerasWeights: weights expected 'lstm/kernel' once, got it twice (as 'lstm/kernel' and 'lstm/lstm_cell/kernel:0')" });
  assert.equal(m.built, false);
  // A good load builds it; later failures leave the weights as they are.
  m.loadKerasWeights(good);
  assert.deepEqual(m.inputShape, [null, 5]);
  const before = JSON.stringify(m.exportKerasWeights());
  assert.throws(() => m.loadKerasWeights(nan), /expected a finite number, got NaN/);
  assert.throws(() => m.setWeights(wrongShape.map((w) => ({ shape: w.shape, data: w.data }))), /expected shape \[3, 2\], got \[3, 3\]/);
  assert.equal(JSON.stringify(m.exportKerasWeights()), before);
  assert.deepEqual(m.exportKerasWeights(), good);
});

test('Embedding ids out of range throw, naming the id and its position', () => {
  const e = new Embedding({ numEmbeddings: 4, embeddingDim: 2, rng: new Rng(1) });
  assert.throws(() => e.forward([0, 2 ** 32 + 1]), { message: 'embedding: ids[1] expected an integer id in [0, 4), got 4294967297' });
  assert.throws(() => e.forward(new Float64Array([1, 2 ** 32 + 1]) as never), { message: 'embedding: ids[1] expected an integer id in [0, 4), got 4294967297' });
  assert.throws(() => e.forward([[0, 1], [2, -1]]), { message: 'embedding: ids[1][1] expected an integer id in [0, 4), got -1' });
  assert.throws(() => e.forward([[0, 1.5]]), { message: 'embedding: ids[0][1] expected an integer id in [0, 4), got 1.5' });
  assert.throws(() => e.forward([4]), { message: 'embedding: ids[0] expected an integer id in [0, 4), got 4' });
  assert.throws(() => e.forward(['1'] as never), { message: "embedding: ids[0] expected an integer id in [0, 4), got '1'" });
  assert.deepEqual(e.forward([3, 0]).shape, [2, 2]);
});
