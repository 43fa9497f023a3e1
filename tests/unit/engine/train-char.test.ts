import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run as runChar } from '../../../src/examples/char-model.ts';
import { run as runPytorch } from '../../../src/examples/pytorch-model.ts';
import { ENGLISH_TEXT } from '../../../src/examples/corpus.ts';

test('a character LSTM trained with truncated BPTT gets below 2.5 bits per character on a short English text', async () => {
  const r = await runChar({ steps: 80, hiddenSize: 48, sampleLength: 80 });
  const start = r.losses[0];
  console.log(`# char model: V = ${r.vocabSize}, first step ${start.toFixed(3)} bits, whole-text ${r.bpc.toFixed(3)} bpc; sample ${JSON.stringify(r.sample)}`);
  assert.ok(Math.abs(start - Math.log2(r.vocabSize)) < 0.5, `an untrained model is near uniform: ${start} vs log2 V = ${Math.log2(r.vocabSize)}`);
  assert.ok(r.bpc < 2.5, `bits per character ${r.bpc}`);
  assert.equal(r.sample.length, 80);
  for (const ch of r.sample) assert.ok(ENGLISH_TEXT.includes(ch), `sampled character ${JSON.stringify(ch)} comes from the vocabulary`);
});

test('the same seed gives the same losses and the same sampled text', async () => {
  const a = await runChar({ steps: 4, hiddenSize: 16, sampleLength: 40 });
  const b = await runChar({ steps: 4, hiddenSize: 16, sampleLength: 40 });
  assert.deepEqual(a.losses, b.losses);
  assert.equal(a.sample, b.sample);
  const c = await runChar({ steps: 4, hiddenSize: 16, sampleLength: 40, seed: 2 });
  assert.notEqual(c.sample, a.sample);
});

test("the article's PyTorch LSTMModel learns the first-digit task to ≥ 90 % test accuracy", async () => {
  const r = await runPytorch({ numEpochs: 12 });
  console.log(`# pytorch example: test accuracy ${r.accuracy}, epoch losses ${r.losses.map((l) => l.toFixed(3)).join(' ')}`);
  assert.ok(r.accuracy >= 0.9, `test accuracy ${r.accuracy}`);
  assert.deepEqual(r.model.namedParameters().map(([n]) => n), [
    'lstm.weight_ih_l0', 'lstm.weight_hh_l0', 'lstm.bias_ih_l0', 'lstm.bias_hh_l0',
    'lstm.weight_ih_l1', 'lstm.weight_hh_l1', 'lstm.bias_ih_l1', 'lstm.bias_hh_l1',
    'fc.weight', 'fc.bias',
  ]);
});
