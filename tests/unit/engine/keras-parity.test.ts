import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/rng.ts';
import { tensor, type Tensor } from '../../../src/engine/tensor.ts';
import { crossEntropy } from '../../../src/engine/ops/cross-entropy.ts';
import { sequential, lstm, dense, kerasLstmToTorch, torchLstmToKeras } from '../../../src/engine/keras/index.ts';
import { lstmStep } from '../../../src/engine/lstm-step.ts';
import { assertClose, loadTorchFixture, ErrorLog, type FixtureTensor } from './helpers-training.ts';

interface KerasFixture {
  sizes: { B: number; T: number; I: number; H1: number; H2: number; C: number };
  x: FixtureTensor;
  y: FixtureTensor;
  labels: number[];
  weights: Record<string, FixtureTensor>;
  order: string[];
  hidden1: FixtureTensor;
  hidden2: FixtureTensor;
  logits: FixtureTensor;
  probs: FixtureTensor;
  loss: number;
  grads: Record<string, FixtureTensor>;
  inputGrad: FixtureTensor;
  paramCounts: Record<string, number>;
}

const fx = loadTorchFixture<KerasFixture>('keras_model.json');
const { B, T, I, H1, H2, C } = fx.sizes;
const errors = new ErrorLog();

function model(dtype: 'float32' | 'float64') {
  const m = sequential([lstm(H1, { returnSequences: true }), lstm(H2), dense(C, { activation: 'softmax' })], { rng: new Rng(0), dtype });
  m.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
  m.loadKerasWeights(fx.weights);
  return m;
}

for (const [dtype, tol] of [['float64', 1e-10], ['float32', 1e-4]] as const) {
  test(`Keras-shaped model: forward, loss and every gradient match PyTorch (${dtype}, ${tol})`, () => {
    const m = model(dtype);
    const x = tensor(fx.x.data, { shape: fx.x.shape, dtype, requiresGrad: true });
    const y = tensor(fx.y.data, { shape: fx.y.shape, dtype });
    const [l1, l2, d] = m.layers;
    const h1 = l1.call(x); // [B, T, H1]
    const h2 = l2.call(h1); // [B, H2]
    const z = d.call(h2, true); // [B, C] logits
    errors.add(`${dtype} hidden`, assertClose(h1.data, fx.hidden1.data, tol, 'lstm output'));
    errors.add(`${dtype} hidden`, assertClose(h2.data, fx.hidden2.data, tol, 'lstm_1 output'));
    errors.add(`${dtype} logits`, assertClose(z.data, fx.logits.data, tol, 'logits'));
    errors.add(`${dtype} probs`, assertClose(m.predict(x).data, fx.probs.data, tol, 'predict'));
    const loss = crossEntropy(z, y);
    errors.add(`${dtype} loss`, assertClose([loss.item()], [fx.loss], tol, 'loss'));
    loss.backward();
    const named = new Map<string, Tensor>(m.layers.flatMap((l) => l.weightList().map(([n, t]) => [`${l.name}/${n}`, t] as const)));
    for (const name of fx.order) {
      errors.add(`${dtype} grads`, assertClose(named.get(name)!.grad!.data, fx.grads[name].data, tol, `∂L/∂${name}`));
    }
    errors.add(`${dtype} input grad`, assertClose(x.grad!.data, fx.inputGrad.data, tol, '∂L/∂x'));
    // evaluate() computes the same loss through the façade (one-hot targets, mean over the batch).
    const ev = m.evaluate(x, y);
    assertClose([ev.loss], [fx.loss], tol, 'evaluate loss');
    assert.equal(ev.accuracy, fx.labels.filter((c, n) => argmax(fx.probs.data.slice(n * C, n * C + C)) === c).length / B);
  });
}

test('parameter counts follow 4·(H·(I + H) + H) per LSTM layer (one bias, as Keras)', () => {
  const m = model('float64');
  assert.deepEqual(m.layers.map((l) => l.countParams()), [fx.paramCounts.lstm, fx.paramCounts.lstm_1, fx.paramCounts.dense]);
  // The article's model on 1 feature: 66,560 + 131,584 + 1,290 = 199,434 (Keras's summary for input_shape=(T, 1)).
  const article = sequential([lstm(128, { returnSequences: true, inputShape: [null, 1] }), lstm(128), dense(10, { activation: 'softmax' })], { rng: new Rng(1) });
  const summary = article.summary();
  assert.match(summary, /lstm \(LSTM\) +\(None, None, 128\) +66560/);
  assert.match(summary, /lstm_1 \(LSTM\) +\(None, 128\) +131584/);
  assert.match(summary, /dense \(Dense\) +\(None, 10\) +1290/);
  assert.match(summary, /Total params: 199,434/);
});

test('export → import round trip is exact, and Keras variable names are accepted', () => {
  const a = model('float64');
  const exported = a.exportKerasWeights();
  assert.deepEqual(exported.map((w) => w.name), fx.order);
  assert.deepEqual(exported[0].shape, [I, 4 * H1]);
  assert.deepEqual(exported[1].shape, [H1, 4 * H1]);
  assert.deepEqual(exported[2].shape, [4 * H1]);
  const b = sequential([lstm(H1, { returnSequences: true }), lstm(H2), dense(C, { activation: 'softmax' })], { rng: new Rng(99), dtype: 'float64' });
  b.loadKerasWeights(JSON.parse(JSON.stringify(exported)));
  assert.deepEqual(b.exportKerasWeights(), exported);
  // Keras's own names (from model.weights) load too.
  const c = sequential([lstm(H1, { returnSequences: true }), lstm(H2), dense(C, { activation: 'softmax' })], { rng: new Rng(5), dtype: 'float64' });
  const kerasNames: Record<string, string> = {
    'lstm/kernel': 'lstm/lstm_cell/kernel:0',
    'lstm/recurrent_kernel': 'lstm/lstm_cell/recurrent_kernel:0',
    'lstm/bias': 'lstm/lstm_cell/bias:0',
    'lstm_1/kernel': 'lstm_1/lstm_cell_1/kernel:0',
    'lstm_1/recurrent_kernel': 'lstm_1/lstm_cell_1/recurrent_kernel:0',
    'lstm_1/bias': 'lstm_1/lstm_cell_1/bias:0',
    'dense/kernel': 'dense/kernel:0',
    'dense/bias': 'dense/bias:0',
  };
  c.loadKerasWeights(exported.map((w) => ({ ...w, name: kerasNames[w.name] })));
  assert.deepEqual(c.exportKerasWeights(), exported);
  // getWeights / setWeights in Keras order.
  const d = sequential([lstm(H1, { returnSequences: true }), lstm(H2), dense(C, { activation: 'softmax' })], { rng: new Rng(6), dtype: 'float64' });
  d.setWeights(a.getWeights());
  assert.deepEqual(d.exportKerasWeights(), exported);
});

test('bad weights are rejected by name and shape, and nothing changes', () => {
  const m = model('float64');
  const before = m.exportKerasWeights();
  const bad = structuredClone(fx.weights);
  bad['lstm_1/recurrent_kernel'] = { shape: [H2, 4 * H2 + 1], data: new Array(H2 * (4 * H2 + 1)).fill(0) };
  assert.throws(() => m.loadKerasWeights(bad), {
    message: `Sequential.setWeights: weights[4] (lstm_1/recurrent_kernel) expected shape [${H2}, ${4 * H2}], got [${H2}, ${4 * H2 + 1}]`,
  });
  const missing = structuredClone(fx.weights) as Record<string, FixtureTensor>;
  delete missing['dense/bias'];
  assert.throws(() => m.loadKerasWeights(missing), { message: "Sequential.loadKerasWeights: weights expected 'dense/bias', got none" });
  const extra = { ...structuredClone(fx.weights), 'dense_1/bias': { shape: [1], data: [0] } };
  assert.throws(() => m.loadKerasWeights(extra), /got unexpected 'dense_1\/bias'/);
  assert.deepEqual(m.exportKerasWeights(), before);
});

test('Keras ↔ PyTorch layout conversion matches lstmStep (kernel = W_ihᵀ, bias = b_ih + b_hh)', () => {
  const kernel = fx.weights['lstm/kernel'].data;
  const recurrent = fx.weights['lstm/recurrent_kernel'].data;
  const bias = fx.weights['lstm/bias'].data;
  const torchW = kerasLstmToTorch({ kernel, recurrentKernel: recurrent, bias }, I, H1);
  // Run the first sample through lstmStep (PyTorch layout) and compare with the Keras layer's output.
  let h: ArrayLike<number> = new Float64Array(H1);
  let c: ArrayLike<number> = new Float64Array(H1);
  for (let t = 0; t < T; t++) {
    const x = fx.x.data.slice(t * I, (t + 1) * I);
    ({ h, c } = lstmStep({ inputSize: I, hiddenSize: H1, ...torchW }, x, h, c));
    assertClose(h, fx.hidden1.data.slice(t * H1, (t + 1) * H1), 1e-12, `h_${t}`);
  }
  // Splitting the bias across b_ih and b_hh converts back to the same single Keras bias.
  const split = { ...torchW, biasIh: torchW.biasIh.map((b) => b / 2), biasHh: torchW.biasIh.map((b) => b / 2) };
  const back = torchLstmToKeras(split, I, H1);
  assertClose(back.kernel, kernel, 0, 'kernel');
  assertClose(back.recurrentKernel, recurrent, 0, 'recurrent kernel');
  assertClose(back.bias, bias, 1e-15, 'bias');
  assert.throws(() => kerasLstmToTorch({ kernel: [1], recurrentKernel: recurrent, bias }, I, H1), {
    message: `kerasLstmToTorch: kernel expected ${I * 4 * H1} values for shape [${I}, ${4 * H1}], got 1`,
  });
});


function argmax(a: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < a.length; k++) if (a[k] > a[best]) best = k;
  return best;
}

test('finite differences confirm the Keras layers’ gradients in Keras layout (float64, ≤ 1e-6)', async () => {
  const { gradcheck } = await import('./gradcheck.ts');
  const m = sequential([lstm(3, { returnSequences: true }), lstm(2), dense(4, { activation: 'softmax' })], { rng: new Rng(11), dtype: 'float64' });
  m.build([4, 2]);
  const x = tensor(Float64Array.from({ length: 2 * 4 * 2 }, (_, k) => Math.sin(k * 1.7)), { shape: [2, 4, 2], dtype: 'float64', requiresGrad: true });
  const weights = m.layers.flatMap((l) => l.weightList().map(([, t]) => t));
  const r = gradcheck((xx) => m.forward(xx), [x, ...weights]); // probabilities [2, 4] through softmax
  errors.add('gradcheck', r.maxRelError);
  assert.ok(r.maxRelError <= 1e-6, `max relative error ${r.maxRelError} at ${r.worst}`);
});

test('parity summary', () => {
  console.log(`# Keras model parity (max error vs PyTorch): ${errors.summary()}`);
});
