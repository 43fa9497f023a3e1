import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/rng.ts';
import { CHANCE, D, K, QUERY, VOCAB, recallBatch, sequenceText } from '../../../src/widgets/memory-race/task.ts';
import {
  BATCH_SIZE,
  DEFAULT_RACE,
  LSTM_HIDDEN,
  Racer,
  chronoInit,
  lstmParams,
  matchedRnnHidden,
  rnnParams,
  trailingMean,
} from '../../../src/widgets/memory-race/model.ts';
import { LSTM } from '../../../src/engine/nn/lstm.ts';

test('task: symbol first, N distractors, then the query; the target is the first symbol', () => {
  const N = 7;
  const batch = recallBatch(64, N, new Rng(3));
  assert.equal(batch.steps, N + 2);
  const seen = new Set<number>();
  for (let b = 0; b < 64; b++) {
    const ids = batch.ids.subarray(b * (N + 2), (b + 1) * (N + 2));
    assert.equal(ids[0], batch.y[b]);
    assert.ok(ids[0] >= 0 && ids[0] < K);
    for (let t = 1; t <= N; t++) assert.ok(ids[t] >= K && ids[t] < K + D, `distractor at ${t}: ${ids[t]}`);
    assert.equal(ids[N + 1], QUERY);
    seen.add(ids[0]);
    // One-hot rows that agree with the ids.
    for (let t = 0; t < N + 2; t++) {
      const row = batch.x.subarray(((b * (N + 2)) + t) * VOCAB, ((b * (N + 2)) + t + 1) * VOCAB);
      assert.equal(row.reduce((a, v) => a + v, 0), 1);
      assert.equal(row[ids[t]], 1);
    }
  }
  assert.equal(seen.size, K, 'all four symbols occur in 64 draws');
  assert.deepEqual(recallBatch(4, N, new Rng(3)).ids, recallBatch(4, N, new Rng(3)).ids);
  assert.match(sequenceText(batch, 0), /^[A-D]( [w-z]){7} \?$/);
  assert.equal(CHANCE, 0.25);
  assert.throws(() => recallBatch(0, 3, new Rng(1)), /recallBatch: batchSize expected a positive integer, got 0/);
});

test('equal parameter budget: the formulas match the engine and the two racers are within 3 %', () => {
  const lstm = new Racer('lstm', DEFAULT_RACE);
  const rnn = new Racer('rnn', DEFAULT_RACE);
  assert.equal(lstm.numParameters, lstmParams(LSTM_HIDDEN));
  assert.equal(rnn.numParameters, rnnParams(matchedRnnHidden()));
  assert.equal(lstm.numParameters, 1796);
  assert.equal(rnn.hidden, 35);
  assert.ok(Math.abs(rnn.numParameters - lstm.numParameters) / lstm.numParameters < 0.03, `${rnn.numParameters} vs ${lstm.numParameters}`);
});

test('chrono init: b_f = log u with u in [1, T − 1], b_i = −b_f, the bias_hh rows zero', () => {
  const T = 62;
  const lstm = new LSTM({ inputSize: VOCAB, hiddenSize: 8, rng: new Rng(1) });
  chronoInit(lstm, T, new Rng(2));
  const { biasIh, biasHh } = lstm.layerWeights(0);
  for (let j = 0; j < 8; j++) {
    const bf = biasIh.data[8 + j];
    assert.ok(bf >= 0 && bf <= Math.log(T - 1) + 1e-6, `b_f ${bf}`);
    assert.ok(Math.abs(biasIh.data[j] + bf) < 1e-6);
    assert.equal(biasHh.data[8 + j], 0);
    assert.equal(biasHh.data[j], 0);
  }
});

test('with the default settings the LSTM learns the delay-60 task within 200 steps and the RNN stays near chance', () => {
  const steps = 200;
  const lstm = new Racer('lstm', DEFAULT_RACE);
  const rnn = new Racer('rnn', DEFAULT_RACE);
  for (let s = 0; s < steps; s++) {
    assert.equal(lstm.train().status, 'ok');
    assert.equal(rnn.train().status, 'ok');
  }
  const lstmEval = lstm.evaluate(256, new Rng(12345));
  const rnnEval = rnn.evaluate(256, new Rng(12345));
  assert.equal(DEFAULT_RACE.N, 60);
  assert.ok(lstmEval.accuracy >= 0.9, `LSTM accuracy ${lstmEval.accuracy}`);
  assert.ok(rnnEval.accuracy <= 0.4, `RNN accuracy ${rnnEval.accuracy}`);
});

test('a step with NaN is reported and leaves the model and Adam untouched; training then continues', () => {
  const racer = new Racer('lstm', { ...DEFAULT_RACE, N: 5 });
  racer.train();
  const before = racer.snapshot();
  const adamBefore = JSON.stringify(racer.optimizer.stateDict());
  const bad = recallBatch(BATCH_SIZE, 5, new Rng(9));
  bad.x[3] = NaN;
  const report = racer.train(bad);
  assert.equal(report.status, 'nonfinite-loss');
  assert.match(report.message!, /loss is NaN; parameters and optimizer state left unchanged/);
  assert.equal(report.step, 1, 'a skipped step is not counted');
  assert.deepEqual(racer.snapshot(), before);
  assert.equal(JSON.stringify(racer.optimizer.stateDict()), adamBefore);
  const next = racer.train();
  assert.equal(next.status, 'ok');
  assert.equal(next.step, 2);
  assert.ok(Number.isFinite(next.loss));
  assert.ok(racer.snapshot().every((p) => p.every(Number.isFinite)));
});

test('trailingMean averages the last values', () => {
  assert.equal(trailingMean([1, 2, 3, 4], 2), 3.5);
  assert.equal(trailingMean([1], 20), 1);
  assert.ok(Number.isNaN(trailingMean([], 3)));
});
