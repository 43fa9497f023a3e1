import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/rng.ts';
import { Tensor, tensor } from '../../../src/engine/tensor.ts';
import { record } from '../../../src/engine/autograd.ts';
import { Linear } from '../../../src/engine/nn/linear.ts';
import { mul } from '../../../src/engine/ops/elementwise.ts';
import { linear } from '../../../src/engine/ops/matmul.ts';
import { crossEntropy } from '../../../src/engine/ops/cross-entropy.ts';
import { Adam, SGD } from '../../../src/engine/optim/index.ts';
import { trainStep } from '../../../src/engine/train/step.ts';
import { CharLSTM } from '../../../src/engine/train/char-model.ts';
import { TbpttTrainer } from '../../../src/engine/train/tbptt.ts';
import { CharVocab } from '../../../src/engine/text/vocab.ts';

/** Identity in the forward pass; its backward writes `value` into the gradient (a NaN injected on purpose). */
function poisonGrad(x: Tensor, value: number): Tensor {
  const out = new Tensor(x.data.slice(), x.shape);
  record('poisonGrad', [x], [out], (_g, [gx]) => {
    if (gx) gx.fill(value);
  });
  return out;
}

function setup() {
  const rng = new Rng(3);
  const fc = new Linear({ inFeatures: 3, outFeatures: 4, rng, dtype: 'float64' });
  const x = tensor(Float64Array.from([0.5, -1, 2, 1, 0, -0.5]), { shape: [2, 3] });
  const y = [1, 3];
  const opt = new Adam(fc.parameters(), { lr: 0.1 });
  const names = fc.namedParameters().map(([n]) => n);
  const forward = () => crossEntropy(fc.forward(x), y);
  // Two good steps first, so Adam's moments and step counts are not trivially zero.
  for (let k = 0; k < 2; k++) assert.equal(trainStep({ optimizer: opt, forward, names }).ok, true);
  const snapshot = () => ({ params: fc.parameters().map((p) => Array.from(p.data)), state: JSON.stringify(opt.stateDict()) });
  return { fc, x, y, opt, names, forward, snapshot };
}

test('a NaN loss is reported and leaves parameters and optimizer state exactly as they were', () => {
  const { fc, x, y, opt, names, snapshot } = setup();
  const before = snapshot();
  const r = trainStep({ optimizer: opt, names, maxNorm: 1, forward: () => mul(crossEntropy(fc.forward(x), y), NaN) });
  assert.equal(r.ok, false);
  assert.equal(r.status, 'nonfinite-loss');
  assert.equal(r.message, 'trainStep: loss is NaN; parameters and optimizer state left unchanged');
  assert.deepEqual(snapshot(), before);
});

test('a NaN or Infinity gradient is reported by parameter name and changes nothing', () => {
  for (const bad of [NaN, Infinity]) {
    const { fc, x, y, opt, names, snapshot } = setup();
    const before = snapshot();
    const r = trainStep({
      optimizer: opt,
      names,
      maxNorm: 1,
      forward: () => crossEntropy(poisonFc(fc, x, bad), y),
    });
    assert.equal(r.ok, false);
    assert.equal(r.status, 'nonfinite-grad');
    assert.equal(r.message, `trainStep: gradient of weight has ${bad} at index 0; parameters and optimizer state left unchanged`);
    assert.ok(Number.isFinite(r.loss));
    assert.deepEqual(snapshot(), before);
    // Training continues normally afterwards.
    const ok = trainStep({ optimizer: opt, names, forward: () => crossEntropy(fc.forward(x), y) });
    assert.equal(ok.ok, true);
    assert.notDeepEqual(snapshot().params, before.params);
  }
});

/** fc(x) with the weight passed through poisonGrad, so ∂L/∂weight becomes `bad` everywhere. */
function poisonFc(fc: Linear, x: Tensor, bad: number): Tensor {
  return linear(x, poisonGrad(fc.weight, bad), fc.bias);
}

test('trainStep clips with PyTorch semantics and reports the norm before clipping', () => {
  const { fc, x, y, names } = setup();
  const opt = new SGD(fc.parameters(), { lr: 0 });
  const r = trainStep({ optimizer: opt, names, maxNorm: 1e-3, forward: () => crossEntropy(fc.forward(x), y) });
  assert.equal(r.ok, true);
  assert.equal(r.clipped, true);
  let sq = 0;
  for (const p of fc.parameters()) for (const g of p.grad!.data) sq += g * g;
  assert.ok(Math.abs(Math.sqrt(sq) - 1e-3 * (r.gradNorm / (r.gradNorm + 1e-6))) < 1e-12, `clipped norm ${Math.sqrt(sq)}`);
  const free = trainStep({ optimizer: opt, names, forward: () => crossEntropy(fc.forward(x), y) });
  assert.equal(free.clipped, false);
  assert.ok(Math.abs(free.gradNorm - r.gradNorm) < 1e-12);
  assert.throws(() => trainStep({ optimizer: opt, forward: () => fc.forward(x) }), {
    message: 'trainStep: forward expected to return a scalar loss tensor, got shape [2, 4]',
  });
});

test('truncated BPTT carries (h, C) from one segment to the next and resets at each pass', () => {
  const text = 'the cat sat on the mat and the rat ate the hat; '.repeat(3);
  const vocab = CharVocab.fromText(text);
  const model = new CharLSTM({ vocabSize: vocab.size, hiddenSize: 8, embeddingDim: 4, rng: new Rng(2), dtype: 'float64' });
  const opt = new SGD(model.parameters(), { lr: 0 }); // lr 0: the weights never move, so losses can be recomputed
  const trainer = new TbpttTrainer({ model, optimizer: opt, ids: vocab.encode(text), batchSize: 2, seqLen: 5 });
  const [b0, b1] = trainer.batches;
  const r0 = trainer.step();
  const r1 = trainer.step();
  const out0 = model.forward(b0.inputs, 2, 5);
  const carried = model.forward(b1.inputs, 2, 5, [out0.state[0].detach(), out0.state[1].detach()]);
  const fresh = model.forward(b1.inputs, 2, 5);
  assert.equal(r0.loss, crossEntropy(out0.logits, b0.targets).item());
  assert.equal(r1.loss, crossEntropy(carried.logits, b1.targets).item());
  assert.notEqual(r1.loss, crossEntropy(fresh.logits, b1.targets).item());
  for (let k = 2; k < trainer.stepsPerEpoch; k++) trainer.step();
  const again = trainer.step(); // first segment of the second pass: zero state again
  assert.equal(again.epoch, 1);
  assert.equal(again.batch, 0);
  assert.equal(again.loss, r0.loss);
  assert.ok(Math.abs(again.bits - r0.loss / Math.LN2) < 1e-15);
});

test('TbpttTrainer rejects a corpus too short for its streams', () => {
  const model = new CharLSTM({ vocabSize: 3, hiddenSize: 4, rng: new Rng(0) });
  const opt = new SGD(model.parameters(), { lr: 0.1 });
  assert.throws(() => new TbpttTrainer({ model, optimizer: opt, ids: new Int32Array(10), batchSize: 4, seqLen: 8 }), /streamBatches: corpus expected at least/);
});
