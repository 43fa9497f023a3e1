import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/rng.ts';
import { CHANCE, D, K, QUERY, VOCAB, recallBatch, sequenceText } from '../../../src/widgets/memory-race/task.ts';
import {
  BATCH_SIZE,
  DEFAULT_RACE,
  LSTM_HIDDEN,
  Racer,
  lstmParams,
  matchedRnnHidden,
  TARGET_ACCURACY,
  finishingOrder,
  firstStepReaching,
  rnnParams,
  trailingMean,
  reachedSteps,
} from '../../../src/widgets/memory-race/model.ts';
import { textFor } from '../../../src/widgets/memory-race/labels.ts';

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

test('firstStepReaching: the step of the first smoothed accuracy at or above 90 %, null before that', () => {
  assert.equal(TARGET_ACCURACY, 0.9);
  const curve = [
    { step: 1, accuracy: 0.25 },
    { step: 2, accuracy: 0.89 },
    { step: 3, accuracy: 0.9 },
    { step: 4, accuracy: 0.5 },
    { step: 5, accuracy: 1 },
  ];
  assert.equal(firstStepReaching(curve), 3);
  assert.equal(firstStepReaching(curve.slice(0, 2)), null);
  assert.equal(firstStepReaching([]), null);
  assert.equal(firstStepReaching(curve, 0.95), 5);
  // Exactly 90 % counts: a mean of 20 batches with 576 of 640 right (sums of k/32 are exact in floating point).
  assert.equal(firstStepReaching([{ step: 7, accuracy: trailingMean([...Array(16).fill(29 / 32), ...Array(4).fill(28 / 32)], 20) }]), 7);
  // Steps come from the points, not their positions (skipped steps leave gaps).
  assert.equal(firstStepReaching([{ step: 10, accuracy: 0.2 }, { step: 12, accuracy: 0.93 }]), 12);
});

test('reachedSteps keeps the first step once found and fills in the other racer later', () => {
  const curves = { lstm: [{ step: 1, accuracy: 0.3 }], rnn: [{ step: 1, accuracy: 0.3 }] };
  let reached = reachedSteps(curves);
  assert.deepEqual(reached, { lstm: null, rnn: null });
  curves.lstm.push({ step: 2, accuracy: 0.91 }, { step: 3, accuracy: 0.95 });
  curves.rnn.push({ step: 2, accuracy: 0.4 });
  reached = reachedSteps(curves);
  assert.deepEqual(reached, { lstm: 2, rnn: null });
  // The LSTM dips and comes back: its step stays 2.
  curves.lstm.push({ step: 4, accuracy: 0.5 }, { step: 5, accuracy: 0.99 });
  curves.rnn.push({ step: 5, accuracy: 0.92 });
  reached = reachedSteps(curves);
  assert.deepEqual(reached, { lstm: 2, rnn: 5 });
  assert.deepEqual(finishingOrder(reached), ['lstm', 'rnn']);
  assert.deepEqual(finishingOrder({ lstm: null, rnn: 752 }), ['rnn', 'lstm']);
  assert.deepEqual(finishingOrder({ lstm: 40, rnn: 40 }), ['lstm', 'rnn']);
  assert.deepEqual(finishingOrder({ lstm: null, rnn: null }), ['lstm', 'rnn']);
});

test('the summary says who reached 90 % first, in both languages', () => {
  const done = { lstm: { step: 1500, accuracy: 1, loss: 0 }, rnn: { step: 1500, accuracy: 1, loss: 0 } };
  const en = textFor('en');
  const zh = textFor('zh-CN');
  const both = { reached: { lstm: 118, rnn: 752 }, finished: true };
  assert.match(en.summary(done, 21, both), /^The LSTM reached 90 % at step 118, the RNN at step 752\. After 21 s of training: /);
  assert.match(zh.summary(done, 21, both), /^LSTM 在第 118 步达到 90 %，RNN 在第 752 步达到。训练 21 秒后：/);
  const rnnOnly = { reached: { lstm: null, rnn: 752 }, finished: false };
  assert.match(en.summary(done, 21, rnnOnly), /^The RNN reached 90 % at step 752; the LSTM has not reached 90 % yet\./);
  assert.match(zh.summary(done, 21, rnnOnly), /^RNN 在第 752 步达到 90 %；LSTM 尚未达到 90 %。/);
  const lstmOnly = { reached: { lstm: 118, rnn: null }, finished: true };
  assert.match(en.summary(done, 21, lstmOnly), /^The LSTM reached 90 % at step 118; the RNN did not reach 90 % before training ended\./);
  assert.match(zh.summary(done, 21, lstmOnly), /^LSTM 在第 118 步达到 90 %；RNN 到训练结束时仍未达到 90 %。/);
  assert.match(en.summary(done, 3, { reached: { lstm: null, rnn: null }, finished: false }), /^Neither network has reached 90 % yet\./);
  assert.match(zh.summary(done, 3, { reached: { lstm: null, rnn: null }, finished: true }), /^两个网络都没有达到 90 %。/);
  // Before any training there is no race to report.
  const none = { lstm: null, rnn: null };
  const idle = { reached: { lstm: null, rnn: null }, finished: false };
  assert.equal(en.summary(none, 0, idle), 'After 0 s of training: the LSTM has not trained yet; the RNN has not trained yet. Chance is 25 %.');
  assert.doesNotMatch(zh.summary(none, 0, idle), /90 %/);
  // Readout names and units.
  assert.equal(en.reachedLabel('LSTM'), 'LSTM: step at 90 %');
  assert.equal(zh.reachedLabel('LSTM'), 'LSTM：达到 90 % 的步数');
  assert.equal(en.seconds(0), '0.0 s');
  assert.equal(zh.seconds(0), '0.0 秒');
});

test('the Chinese text calls the vanilla network “RNN” throughout, as its labels do', () => {
  const zh = textFor('zh-CN');
  const all = [zh.title, zh.fallback, zh.caption, zh.lookFor, zh.budget(16, 1796, 35, 1754, 'zh-CN'), zh.summary({ lstm: null, rnn: null }, 0, { reached: { lstm: null, rnn: null }, finished: false })];
  for (const text of all) assert.doesNotMatch(text, /循环神经网络/, text);
  assert.match(zh.title, /RNN/);
  assert.match(zh.budget(16, 1796, 35, 1754, 'zh-CN'), /H = 35 的 RNN 有/);
});

test('the captions’ “What to look for” say that with the PyTorch default the RNN can win, in both languages', () => {
  assert.match(textFor('en').lookFor, /the LSTM usually does not learn a 60-step delay within the 1,500 steps, and the RNN can then win the race/);
  assert.match(textFor('zh-CN').lookFor, /LSTM 通常无法在 1,500 步内学会 60 步的延迟，这时 RNN 反而可能直接赢得比赛/);
});
