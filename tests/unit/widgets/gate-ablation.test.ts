/** Gate ablation widget: the tasks, training runs, lockstep chunks, URL state and the summary sentence. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LSTM_VARIANTS, Rng } from '../../../src/engine/index.ts';
import { D, K, QUERY, VOCAB, recallBatch } from '../../../src/widgets/memory-race/task.ts';
import { INPUT_SIZE, MARK, lastMarkBatch, markedSequenceText, withMarkChannel } from '../../../src/widgets/gate-ablation/last-mark-task.ts';
import { AblationTrainer, DEFAULTS, DELAY_MIN, INITS, TASKS, VARIANTS, configFor, parameterCount, summarize, type ResultRow } from '../../../src/widgets/gate-ablation/model.ts';
import { AblationRun, configsFor } from '../../../src/widgets/gate-ablation/run.ts';
import { DEFAULT_VARIANTS, isValidSelection, stateFromSearch, unavailableVariants } from '../../../src/widgets/gate-ablation/state.ts';
import { EQUATIONS, textFor } from '../../../src/widgets/gate-ablation/labels.ts';
import { parseState, writeState } from '../../../src/widgets/shared/url-state.ts';
import { SCHEMA, URL_PREFIX } from '../../../src/widgets/gate-ablation/state.ts';

test('last-mark task: M marks at distinct times, the target is the latest mark, one-hot plus the flag', () => {
  const N = 12;
  const M = 4;
  const batch = lastMarkBatch(64, N, M, new Rng(3));
  const T = N + 2;
  assert.equal(batch.steps, T);
  assert.equal(batch.x.length, 64 * T * INPUT_SIZE);
  let targetWasNotFirstMark = 0;
  for (let b = 0; b < 64; b++) {
    const times = [];
    for (let t = 0; t < T; t++) {
      const id = batch.ids[b * T + t];
      const row = batch.x.subarray((b * T + t) * INPUT_SIZE, (b * T + t + 1) * INPUT_SIZE);
      assert.equal(row[id], 1);
      assert.equal(row.reduce((a, v) => a + v, 0), 1 + batch.marked[b * T + t]);
      assert.equal(row[MARK], batch.marked[b * T + t]);
      if (batch.marked[b * T + t]) {
        assert.ok(id < K, 'marks are symbols A–D');
        times.push(t);
      }
      if (t === T - 1) assert.equal(id, QUERY);
      else assert.ok(id < K + D);
    }
    assert.equal(times.length, M);
    assert.ok(times.at(-1)! <= N);
    assert.equal(batch.y[b], batch.ids[b * T + times.at(-1)!]);
    if (batch.y[b] !== batch.ids[b * T + times[0]]) targetWasNotFirstMark++;
  }
  // The answer differs from the first mark often: holding the first one is not enough.
  assert.ok(targetWasNotFirstMark > 30, `${targetWasNotFirstMark}`);
  assert.deepEqual(lastMarkBatch(64, N, M, new Rng(3)), batch);
  assert.equal(lastMarkBatch(1, 1, 9, new Rng(1)).marked.reduce((a, v) => a + v, 0), 2); // at most N + 1 marks
  assert.throws(() => lastMarkBatch(1, 4, 0, new Rng(1)), /marks/);
  assert.match(markedSequenceText(batch, 0, ['A', 'B', 'C', 'D', 'w', 'x', 'y', 'z', '?']), /^([A-Dw-z]\*? ){13}\?$/);
});

test('delayed recall in the marked layout: the same sequence, its first symbol marked', () => {
  const plain = recallBatch(5, 6, new Rng(2));
  const marked = withMarkChannel(plain);
  assert.deepEqual(marked.ids, plain.ids);
  assert.deepEqual(marked.y, plain.y);
  for (let k = 0; k < plain.ids.length; k++) {
    for (let v = 0; v < VOCAB; v++) assert.equal(marked.x[k * INPUT_SIZE + v], plain.x[k * VOCAB + v]);
    assert.equal(marked.x[k * INPUT_SIZE + MARK], k % plain.steps === 0 ? 1 : 0);
  }
});

test('default run: the vanilla LSTM learns the last-mark task; without a forget gate or an input gate it does not', () => {
  // The claim the figure's caption makes, at the default settings and seed (N = 40, 4 marks, chrono, 250 steps).
  assert.equal(DEFAULTS.task, 'last-mark');
  const final = (variant: 'vanilla' | 'no-forget-gate' | 'no-input-gate') => {
    const t = new AblationTrainer(configFor(variant, { evalEvery: DEFAULTS.maxSteps }));
    while (!t.done) t.step();
    return t.history.at(-1)!;
  };
  const vanilla = final('vanilla');
  assert.equal(vanilla.step, DEFAULTS.maxSteps);
  assert.ok(vanilla.accuracy >= 0.9, `vanilla ${vanilla.accuracy}`);
  for (const v of ['no-forget-gate', 'no-input-gate'] as const) {
    const p = final(v);
    assert.ok(p.accuracy <= 0.6, `${v} ${p.accuracy}`);
  }
});

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

test('delayed recall with a short delay: accuracy rises well above chance (vanilla and GRU)', () => {
  for (const variant of ['vanilla', 'gru'] as const) {
    const t = new AblationTrainer(configFor(variant, { task: 'recall', delay: 3, init: 'forget-bias', maxSteps: 150, evalEvery: 25 }));
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
  const I = INPUT_SIZE;
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
  assert.equal(d.task, 'last-mark');
  const search = writeState(SCHEMA, URL_PREFIX, { ...d, v: [0, 7], task: 'recall', n: 9, seed: 42, init: 'forget-bias' }, '?x=1');
  assert.equal(search, '?x=1&ablate.v=0%2C7&ablate.task=recall&ablate.n=9&ablate.seed=42&ablate.init=forget-bias');
  const s = stateFromSearch(search);
  assert.deepEqual(configsFor(s).map((c) => [c.variant, c.task, c.delay, c.seed, c.init]), [['vanilla', 'recall', 9, 42, 'forget-bias'], ['gru', 'recall', 9, 42, 'forget-bias']]);
  assert.equal(stateFromSearch('?ablate.task=nope').task, 'last-mark');
  assert.deepEqual(stateFromSearch('?ablate.v=3').v, d.v); // one variant: too few
  assert.deepEqual(stateFromSearch('?ablate.v=0,1,2,3,4').v, d.v); // five: too many
  assert.deepEqual(stateFromSearch('?ablate.v=1,1').v, d.v); // duplicates
  assert.deepEqual(stateFromSearch('?ablate.v=4,0').v, [0, 4]);
  assert.equal(stateFromSearch('?ablate.n=0').n, DELAY_MIN, 'below the range: the nearest valid length');
});

test('URL state: fractional or too few variant indices never reach a run, and the link says so', () => {
  const d = stateFromSearch('');
  for (const raw of ['0.5,1.5', '0,1.5', '1.5,2.5,3', '-1,2', '0,8']) {
    const { state, notices } = parseState(SCHEMA, URL_PREFIX, `?ablate.v=${encodeURIComponent(raw)}`);
    assert.ok(isValidSelection(state), `${raw} gives ${state.v}`);
    assert.ok(configsFor(state).length >= 2, `${raw}: at least two variants train`);
    assert.deepEqual(notices.map((n) => n.field), ['v'], `${raw} is reported`);
  }
  // Whole indices that the schema drops leave too few: the defaults, not a one-variant run.
  assert.deepEqual(stateFromSearch('?ablate.v=0,1.5').v, d.v);
  assert.deepEqual(stateFromSearch('?ablate.v=0.5,1.5').v, d.v);
  // A valid list of whole indices is used as written, silently.
  assert.deepEqual(parseState(SCHEMA, URL_PREFIX, '?ablate.v=1,7').notices, []);
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
    textFor('en').summary(s, 300, 20, 'recall'),
    'After 300 steps of delayed recall with N = 20: NFG, CIFG reached 90\u00a0% (fastest NFG, step 60); LSTM did not — lowest LSTM at 50\u00a0% (chance 25\u00a0%).',
  );
  assert.equal(
    textFor('zh-CN').summary(s, 300, 20, 'recall'),
    '延迟回忆任务，N = 20，训练 300 步后：NFG、CIFG 达到了 90\u00a0%（最快的是 NFG，第 60 步）；LSTM 没有达到，最低的 LSTM 为 50\u00a0%（随机猜测为 25\u00a0%）。',
  );
  assert.equal(summarize(rows.slice(1)).kind, 'all-learned');
  assert.equal(
    textFor('en').summary(summarize(rows.slice(1)), 250, 40, 'last-mark'),
    'After 250 steps of last mark with N = 40: every variant recalls the last marked symbol at least 90\u00a0% of the time; NFG got there first (step 60).',
  );
  assert.equal(summarize([rows[0]]).kind, 'none-learned');
  assert.equal(textFor('en').chartAlt(rows, 'accuracy'), 'Held-out accuracy at step 300: LSTM 50\u00a0%, NFG 100\u00a0%, CIFG 97\u00a0%.');
  for (const v of VARIANTS) {
    assert.ok(EQUATIONS.en[v].length > 0);
    assert.equal(textFor('zh-cn').equation(v), EQUATIONS['zh-cn'][v]);
    if (v !== 'gru') assert.notEqual(textFor('en').name(v), textFor('zh-cn').name(v), `${v} is translated`);
  }
});

test('the limit of four: the other variants are unavailable, and the hint says why in both languages', () => {
  const d = stateFromSearch('');
  assert.equal(d.v.length, 4);
  assert.deepEqual(unavailableVariants(d), ['no-output-gate', 'peepholes', 'no-output-activation', 'gru']);
  assert.deepEqual(unavailableVariants({ ...d, v: [0, 1, 2] }), []);
  assert.deepEqual(unavailableVariants({ ...d, v: [0] }), []);
  const en = textFor('en');
  const zh = textFor('zh-cn');
  assert.equal(en.pickHint(4), 'Up to four variants at a time: uncheck one to pick another.');
  assert.equal(zh.pickHint(4), '一次最多选 4 个变体：先取消勾选一个，才能选另一个。');
  assert.equal(en.pickHint(3), '');
  assert.equal(zh.pickHint(2), '');
  assert.equal(en.pickHint(1), 'Pick at least 2 variants.');
  assert.equal(zh.pickHint(1), '请至少选择 2 个变体。');
});

test('the status before a run is true for the default picks and for any other count', () => {
  const en = textFor('en');
  const zh = textFor('zh-cn');
  const n = stateFromSearch('').v.length;
  assert.equal(en.idle(n), 'Four variants are picked; press “Start training”, or change the picks.');
  assert.equal(zh.idle(n), '已选好 4 个变体：按“开始训练”，或更改所选的变体。');
  assert.equal(en.idle(2), 'Two variants are picked; press “Start training”, or change the picks.');
  assert.equal(zh.idle(3), '已选好 3 个变体：按“开始训练”，或更改所选的变体。');
  assert.equal(en.idle(1), 'Pick at least two variants, then press “Start training”.');
  assert.equal(zh.idle(0), '请至少选择两个变体，再按“开始训练”。');
});

test('results: "so far" and "not yet" while training, final wording once the run has finished', () => {
  const en = textFor('en');
  const zh = textFor('zh-cn');
  assert.equal(en.resultsCaption(false), 'Results so far (held-out set of 128 sequences)');
  assert.equal(en.resultsCaption(true), 'Final results (held-out set of 128 sequences)');
  assert.equal(zh.resultsCaption(false), '目前的结果（留出集，128 个序列）');
  assert.equal(zh.resultsCaption(true), '最终结果（留出集，128 个序列）');
  assert.equal(en.notReached(false), 'not yet');
  assert.equal(en.notReached(true), 'not reached');
  assert.equal(zh.notReached(false), '尚未达到');
  assert.equal(zh.notReached(true), '未达到');
  const rows: ResultRow[] = [
    { variant: 'vanilla', steps: 250, accuracy: 0.62, loss: 0.9, stepsToTarget: null },
    { variant: 'gru', steps: 250, accuracy: 0.4, loss: 1.2, stepsToTarget: null },
  ];
  const s = summarize(rows);
  assert.match(en.summary(s, 120, 40, 'last-mark'), /: no variant has reached 90\u00a0% yet; best LSTM at 62\u00a0%/);
  assert.match(en.summary(s, 250, 40, 'last-mark', true), /: no variant reached 90\u00a0%; best LSTM at 62\u00a0%/);
  assert.match(zh.summary(s, 120, 40, 'last-mark'), /：还没有变体达到 90\u00a0%；/);
  assert.match(zh.summary(s, 250, 40, 'last-mark', true), /：没有变体达到 90\u00a0%；/);
  assert.equal(en.cellLabel(en.colAccuracy, 'LSTM'), 'Accuracy, LSTM');
  assert.equal(zh.cellLabel(zh.colAccuracy, 'LSTM'), '准确率，LSTM');
});

test('zh-cn: no English left in the widget text, the variants table included', () => {
  const zh = textFor('zh-cn');
  // Names that stay in Latin letters in the Chinese book: models, variant abbreviations, tools and authors.
  const allowed = new Set(['LSTM', 'GRU', 'NFG', 'NIG', 'NOG', 'CIFG', 'PH', 'NOAF', 'JavaScript', 'PyTorch', 'Jozefowicz', 'Tallec', 'Ollivier', 'Greff', 'chrono']);
  const rows: ResultRow[] = [
    { variant: 'vanilla', steps: 250, accuracy: 0.95, loss: 0.1, stepsToTarget: 90 },
    { variant: 'no-forget-gate', steps: 250, accuracy: 0.3, loss: 1.3, stepsToTarget: null },
  ];
  const texts: string[] = [
    zh.title, zh.fallback, zh.variantsHeading, zh.colVariant, zh.colChange, zh.colParams, zh.caption, zh.lookFor, zh.pick, zh.delay, zh.task,
    zh.seed, zh.init, zh.step, zh.elapsed, zh.accuracyChart, zh.lossChart, zh.accuracyAxis, zh.lossAxis, zh.stepAxis,
    zh.colAccuracy, zh.colLoss, zh.colTo90, zh.running, zh.paused, zh.start, zh.pause, zh.resume, zh.reset, zh.copy,
    zh.tableCaption(16), zh.params(1412), zh.seconds(1500), zh.finished(1500), zh.chartAlt(rows, 'accuracy'), zh.chartAlt(rows, 'loss'), zh.chartAlt([], 'loss'),
    ...[0, 1, 2, 3, 4].flatMap((n) => [zh.pickHint(n), zh.idle(n)]),
    ...[false, true].flatMap((f) => [zh.resultsCaption(f), zh.notReached(f), zh.summary(summarize(rows), 250, 40, 'last-mark', f)]),
    ...TASKS.map((k) => zh.taskName(k)),
    ...INITS.map((k) => zh.initName(k)),
    ...VARIANTS.map((v) => zh.name(v)),
    // In the equations only the words in \text{…} are prose.
    ...VARIANTS.flatMap((v) => [...zh.equation(v).matchAll(/\\text\{([^}]*)\}/g)].map((m) => m[1])),
  ];
  const english = texts.flatMap((text) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !allowed.has(w)).map((w) => `${w} in “${text}”`));
  assert.deepEqual(english, []);
  assert.match(zh.equation('peepholes'), /\\text\{ 中同样加 \}/);
  assert.doesNotMatch(zh.equation('peepholes'), /likewise/);
  assert.match(textFor('en').equation('peepholes'), /\\text\{likewise \}/);
});

test('the variants a link can name are the engine’s LSTM variants, in its order, then the GRU', () => {
  // settings.ts spells the list out so that the page's first script need not load the engine.
  assert.deepEqual(VARIANTS, [...LSTM_VARIANTS, 'gru']);
});
