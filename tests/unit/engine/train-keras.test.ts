import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run as runKeras } from '../../../src/examples/keras-model.ts';
import { makeFirstDigitTask } from '../../../src/examples/first-digit-task.ts';
import { Rng } from '../../../src/engine/rng.ts';
import { Adam } from '../../../src/engine/optim/index.ts';
import { sequential, lstm, dense } from '../../../src/engine/keras/index.ts';

test('the Keras-shaped model learns the 10-class first-digit task to ≥ 90 % test accuracy (seed 7)', async () => {
  const epochsSeen: number[] = [];
  const r = await runKeras({ onEpochEnd: (epoch) => void epochsSeen.push(epoch) });
  console.log(`# keras example: test accuracy ${r.accuracy}, loss ${r.loss.toFixed(4)}, epoch losses ${r.losses.map((l) => l.toFixed(3)).join(' ')}`);
  assert.ok(r.accuracy >= 0.9, `test accuracy ${r.accuracy}`);
  assert.equal(r.losses.length, 15);
  assert.deepEqual(epochsSeen, [...Array(15).keys()]);
  assert.ok(r.losses[14] < r.losses[0] / 4, 'training loss falls');
  assert.equal(r.history.valLoss!.length, 15);
  assert.ok(r.history.valAccuracy![14] >= 0.9);
  assert.match(r.summary, /Total params: 14,154/);
});

test('fit is deterministic: the same seed gives bit-identical histories', async () => {
  const a = await runKeras({ epochs: 2, samples: 96 });
  const b = await runKeras({ epochs: 2, samples: 96 });
  assert.deepEqual(a.history, b.history);
  assert.deepEqual(a.model.exportKerasWeights(), b.model.exportKerasWeights());
});

test('sparse labels, an optimizer instance, and a non-finite loss that stops training without damage', async () => {
  const rng = new Rng(4);
  const data = makeFirstDigitTask(64, 4, rng);
  const model = sequential([lstm(8), dense(10, { activation: 'softmax' })], { rng, dtype: 'float64' });
  model.build([4, 10]);
  model.compile({ loss: 'sparseCategoricalCrossentropy', optimizer: (params) => new Adam(params, { lr: 0.02 }), metrics: ['accuracy'] });
  const h = await model.fit(data.x, data.labels, { epochs: 3, batchSize: 16 });
  assert.equal(h.history.loss.length, 3);
  assert.ok(h.history.loss[2] < h.history.loss[0]);
  // Poison one weight (in place: setWeights refuses NaN): the first step's loss is NaN, so fit stops there and
  // leaves every weight as it was.
  model.layers[1].weightList()[1][1].data[0] = NaN; // dense/bias[0]
  const before = model.exportKerasWeights();
  const stopped = await model.fit(data.x, data.labels, { epochs: 2, batchSize: 16 });
  assert.equal(stopped.history.loss.length, 0);
  assert.equal(stopped.stopReason, 'Sequential.fit: epoch 0, batch 0: trainStep: loss is NaN; parameters and optimizer state left unchanged');
  assert.deepEqual(model.exportKerasWeights(), before);
});

test('the façade checks its inputs by name', () => {
  const rng = new Rng(1);
  assert.throws(() => sequential([], { rng }), { message: 'sequential: layers expected a non-empty array of layers, got []' });
  assert.throws(() => sequential([lstm(4)], {} as never), { message: 'sequential: options.rng expected an Rng (e.g. new Rng(42)), got undefined' });
  const m = sequential([lstm(4), dense(3)], { rng });
  assert.throws(() => m.compile({ loss: 'categoricalCrossentropy' }), {
    message: "Sequential.compile: the last layer expected dense(C, { activation: 'softmax' }) for categoricalCrossentropy, got Dense 'dense'",
  });
  assert.throws(() => m.summary(), /Sequential.summary: model expected to be built/);
  const ok = sequential([lstm(4, { inputShape: [5, 2] }), dense(3, { activation: 'softmax' })], { rng });
  ok.compile({ loss: 'categoricalCrossentropy', optimizer: 'sgd' });
  assert.throws(() => ok.predict([[[1, 2, 3]]]), { message: 'Sequential.build: inputShape expected [..., 2] (the model is built), got [1, 3]' });
  assert.throws(() => ok.evaluate([[[1, 2]]], [[1, 0]]), { message: 'Sequential.evaluate: x expected shape [N, 5, 2], got [1, 1, 2]' });
  const x = Array.from({ length: 2 }, () => Array.from({ length: 5 }, () => [0, 1]));
  assert.throws(() => ok.evaluate(x, [[1, 0], [0, 1]]), { message: 'Sequential.evaluate: y expected one-hot targets of shape [2, 3] for categoricalCrossentropy, got [2, 2]' });
  assert.throws(() => dense(3, { activation: 'relu' as never }), /dense: options.activation expected 'softmax', 'linear', 'sigmoid' or 'tanh', got "relu"/);
  assert.throws(() => lstm(0), { message: 'lstm: units expected a positive integer, got 0' });
});
