/** Gate ablation widget: task, training run, lockstep chunks, URL state and the summary sentence. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { K, VOCAB } from '../../../src/widgets/memory-race/task.ts';
import { AblationTrainer, DEFAULTS, VARIANTS, configFor, parameterCount, summarize, type ResultRow } from '../../../src/widgets/gate-ablation/model.ts';
import { AblationRun } from '../../../src/widgets/gate-ablation/run.ts';
import { DEFAULT_VARIANTS, configsFor, stateFromSearch } from '../../../src/widgets/gate-ablation/state.ts';
import { EQUATIONS, textFor } from '../../../src/widgets/gate-ablation/labels.ts';
import { writeState } from '../../../src/widgets/shared/url-state.ts';
import { SCHEMA, URL_PREFIX } from '../../../src/widgets/gate-ablation/state.ts';

test('a short training run with a fixed seed reproduces bit-identically', () => {
  const run = () => {
    const t = new AblationTrainer(configFor('coupled', { delay: 4, maxSteps: 20, evalEvery: 5 }));
    const losses: number[] = [];
    while (!t.done) losses.push(t.step());
    return { losses, history: t.history, weights: Array.from(t.model.parameters()[0].data) };
  };
  const a = run();
  const b = run();
  assert.equal(a.losses.length, 20);
  assert.deepEqual(a.losses, b.losses);
  assert.deepEqual(a.history, b.history);
  assert.deepEqual(a.weights, b.weights);
  assert.deepEqual(a.history.map((p) => p.step), [5, 10, 15, 20]);
});

test('training on a short delay improves accuracy well above chance (vanilla and GRU)', () => {
  for (const variant of ['vanilla', 'gru'] as const) {
    const t = new AblationTrainer(configFor(variant, { delay: 3, maxSteps: 150, evalEvery: 25 }));
    const first = t.evaluate();
    while (!t.done) t.step();
    const last = t.history.at(-1)!;
    assert.ok(last.accuracy >= 0.9, `${variant}: accuracy ${first.accuracy} → ${last.accuracy}`);
    assert.ok(last.loss < first.loss);
    assert.ok(t.stepsToTarget !== null && t.stepsToTarget <= 150);
  }
});

test('every variant gets the same held-out set and batches: the runs differ only by the cell', () => {
  const a = new AblationTrainer(configFor('vanilla', { delay: 4, maxSteps: 1 }));
  const b = new AblationTrainer(configFor('vanilla', { delay: 4, maxSteps: 1 }));
  assert.deepEqual(a.evaluate(), b.evaluate());
  assert.notDeepEqual(
    new AblationTrainer(configFor('vanilla', { delay: 4, seed: 2 })).evaluate(),
    a.evaluate(),
  );
});

test('AblationRun advances the variants in lockstep and reports each evaluation once', () => {
  const run = new AblationRun(['vanilla', 'no-forget-gate', 'gru'].map((v) => configFor(v as 'vanilla', { delay: 2, maxSteps: 12, evalEvery: 4 })));
  let clock = 0;
  run.chunk(3, () => clock++); // three rounds of one step each
  assert.deepEqual(run.trainers.map((t) => t.steps), [3, 3, 3]);
  assert.equal(run.step, 3);
  assert.equal(run.newPoints().length, 0);
  run.chunk(0, () => 0);
  assert.equal(run.step, 4);
  const points = run.newPoints();
  assert.deepEqual(points.map((p) => [p.variant, p.point.step]), [['vanilla', 4], ['no-forget-gate', 4], ['gru', 4]]);
  assert.deepEqual(run.newPoints(), []);
  while (!run.done) run.chunk(1000);
  assert.equal(run.step, 12);
  assert.deepEqual(run.rows().map((r) => r.steps), [12, 12, 12]);
});

test('parameter counts at equal hidden size: fixed gates remove their rows, peepholes add 3H, GRU has 3 blocks', () => {
  const H = DEFAULTS.hiddenSize;
  const I = VOCAB;
  const head = H * K + K;
  const blocks = (G: number) => G * H * (I + H) + 2 * G * H + head;
  assert.equal(parameterCount('vanilla', H), blocks(4));
  assert.equal(parameterCount('no-forget-gate', H), blocks(3));
  assert.equal(parameterCount('coupled', H), blocks(3));
  assert.equal(parameterCount('peepholes', H), blocks(4) + 3 * H);
  assert.equal(parameterCount('gru', H), blocks(3));
});

test('URL state: defaults, a restored selection, and malformed selections fall back', () => {
  const d = stateFromSearch('');
  assert.deepEqual(configsFor(d).map((c) => c.variant), DEFAULT_VARIANTS);
  assert.equal(d.n, DEFAULTS.delay);
  const search = writeState(SCHEMA, URL_PREFIX, { ...d, v: [0, 7], n: 9, seed: 42, init: 'chrono' }, '?x=1');
  assert.equal(search, '?x=1&ablate.v=0%2C7&ablate.n=9&ablate.seed=42&ablate.init=chrono');
  const s = stateFromSearch(search);
  assert.deepEqual(configsFor(s).map((c) => [c.variant, c.delay, c.seed, c.init]), [['vanilla', 9, 42, 'chrono'], ['gru', 9, 42, 'chrono']]);
  assert.deepEqual(stateFromSearch('?ablate.v=3').v, d.v); // one variant: too few
  assert.deepEqual(stateFromSearch('?ablate.v=0,1,2,3,4').v, d.v); // five: too many
  assert.deepEqual(stateFromSearch('?ablate.v=1,1').v, d.v); // duplicates
  assert.deepEqual(stateFromSearch('?ablate.v=4,0').v, [0, 4]);
  assert.equal(stateFromSearch('?ablate.n=0').n, DEFAULTS.delay);
});

test('summary sentence in both languages states the numbers', () => {
  const rows: ResultRow[] = [
    { variant: 'vanilla', steps: 300, accuracy: 0.5, loss: 0.69, stepsToTarget: null },
    { variant: 'no-forget-gate', steps: 300, accuracy: 1, loss: 0.002, stepsToTarget: 60 },
    { variant: 'coupled', steps: 300, accuracy: 0.97, loss: 0.01, stepsToTarget: 110 },
  ];
  const s = summarize(rows);
  assert.equal(s.kind, 'some-learned');
  assert.equal(
    textFor('en').summary(s, 300, 20),
    'After 300 steps with N = 20: NFG, CIFG reached 90\u00a0% (fastest NFG, step 60); LSTM did not — lowest LSTM at 50\u00a0% (chance 25\u00a0%).',
  );
  assert.equal(
    textFor('zh-CN').summary(s, 300, 20),
    'N = 20，训练 300 步后：NFG、CIFG 达到了 90\u00a0%（最快的是 NFG，第 60 步）；LSTM 没有达到，最低的 LSTM 为 50\u00a0%（随机猜测为 25\u00a0%）。',
  );
  assert.equal(summarize(rows.slice(1)).kind, 'all-learned');
  assert.equal(summarize([rows[0]]).kind, 'none-learned');
  assert.equal(textFor('en').chartAlt(rows, 'accuracy'), 'Held-out accuracy at step 300: LSTM 50\u00a0%, NFG 100\u00a0%, CIFG 97\u00a0%.');
  for (const v of VARIANTS) {
    assert.ok(EQUATIONS[v].length > 0);
    if (v !== 'gru') assert.notEqual(textFor('en').name(v), textFor('zh-cn').name(v), `${v} is translated`);
  }
});
