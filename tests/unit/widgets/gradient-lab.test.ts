import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_SETTINGS,
  INPUT_SIZE,
  firstToLastRatio,
  formatSci,
  formatSetting,
  gradientNorms,
  inputSequence,
  makeLstm,
  sampleSteps,
  unroll,
  curveOf,
  recurrentTerm,
  type GradientSettings,
  type ModelKind,
  type Nudge,
} from '../../../src/widgets/gradient-lab/model.ts';
import { RNN_EXPLODES_FROM_SCALE, RNN_VANISHES_UP_TO_SCALE, trendOf, textFor } from '../../../src/widgets/gradient-lab/labels.ts';
import { SCALE } from '../../../src/widgets/gradient-lab/state.ts';
import { clipGradNorm, lstmStep, tensor, type LstmStepParams } from '../../../src/engine/index.ts';

const small: GradientSettings = { ...DEFAULT_SETTINGS, T: 6, hidden: 3, scale: 1.3, forgetBias: 1, seed: 5 };

/** L for the model with x replaced by `xs` and an optional nudge of h_t / C_t. */
function lossOf(kind: ModelKind, s: GradientSettings, xs: Float64Array[], nudge?: Nudge): number {
  return unroll(kind, s, xs, nudge).loss.item();
}

/** Central differences of L with respect to every entry of a vector. */
function numericGrad(n: number, f: (delta: Float64Array) => number, eps = 1e-6): Float64Array {
  const g = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const d = new Float64Array(n);
    d[j] = eps;
    const plus = f(d);
    d[j] = -eps;
    g[j] = (plus - f(d)) / (2 * eps);
  }
  return g;
}
const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((a, x) => a + x * x, 0));

for (const kind of ['rnn', 'lstm'] as const) {
  test(`${kind}: ‖∂L/∂x_t‖ and ‖∂L/∂h_t‖ equal finite differences at every step`, () => {
    const xs = inputSequence(small.T, small.seed);
    const result = gradientNorms(small)[kind];
    for (let t = 1; t <= small.T; t++) {
      const gx = numericGrad(INPUT_SIZE, (d) => lossOf(kind, small, xs.map((x, k) => (k === t - 1 ? x.map((v, j) => v + d[j]) : x))));
      assert.ok(Math.abs(norm(gx) - result.norms.x![t - 1]) <= 1e-7 * (1 + norm(gx)), `x_${t}: ${norm(gx)} vs ${result.norms.x![t - 1]}`);
      const gh = numericGrad(small.hidden, (d) => lossOf(kind, small, xs, { t, h: d }));
      assert.ok(Math.abs(norm(gh) - result.norms.h![t - 1]) <= 1e-7 * (1 + norm(gh)), `h_${t}: ${norm(gh)} vs ${result.norms.h![t - 1]}`);
    }
  });
}

/**
 * L = ½‖h_T‖² from the readable lstmStep on the lab's LSTM weights, with C_t changed by `dc` before h_t is
 * formed from it (h_t = o_t * tanh(C_t + dc)): the derivative then runs through h_t and through C_{t+1}.
 */
function lstmLossWithCellNudge(s: GradientSettings, xs: Float64Array[], t: number, dc: Float64Array): number {
  const cell = makeLstm(s);
  const H = s.hidden;
  const p: LstmStepParams = {
    inputSize: INPUT_SIZE,
    hiddenSize: H,
    weightIh: cell.weight_ih.data as Float64Array,
    weightHh: cell.weight_hh.data as Float64Array,
    biasIh: cell.bias_ih.data as Float64Array,
    biasHh: cell.bias_hh.data as Float64Array,
  };
  let h: Float64Array = new Float64Array(H);
  let c: Float64Array = new Float64Array(H);
  xs.forEach((x, k) => {
    const r = lstmStep(p, x, h, c);
    c = r.c;
    h = r.h;
    if (k === t - 1) {
      c = c.map((v, j) => v + dc[j]);
      h = r.o.map((o, j) => o * Math.tanh(c[j]));
    }
  });
  return 0.5 * h.reduce((a, v) => a + v * v, 0);
}

test('lstm: ‖∂L/∂C_t‖ is the total derivative (finite differences through h_t and C_{t+1})', () => {
  const xs = inputSequence(small.T, small.seed);
  const result = gradientNorms(small).lstm;
  for (let t = 1; t <= small.T; t++) {
    const gc = numericGrad(small.hidden, (d) => lstmLossWithCellNudge(small, xs, t, d));
    assert.ok(Math.abs(norm(gc) - result.norms.c![t - 1]) <= 1e-7 * (1 + norm(gc)), `C_${t}: ${norm(gc)} vs ${result.norms.c![t - 1]}`);
  }
  assert.equal(gradientNorms(small).rnn.norms.c, null);
});

test('the written-out LSTM equals the engine’s LSTMCell step by step', () => {
  const s = { ...small, T: 4 };
  const xs = inputSequence(s.T, s.seed);
  const cell = makeLstm(s);
  let state: [ReturnType<typeof tensor>, ReturnType<typeof tensor>] | null = null;
  for (const x of xs) state = cell.forward(tensor(x, { shape: [1, INPUT_SIZE], dtype: 'float64' }), state);
  const hT = state![0].data;
  const expected = 0.5 * Array.from(hT).reduce((a, v) => a + v * v, 0);
  assert.ok(Math.abs(lossOf('lstm', s, xs) - expected) < 1e-14, `${lossOf('lstm', s, xs)} vs ${expected}`);
});

test('the RNN’s gradient vanishes with scale < 1 and explodes with scale > 1', () => {
  const base = { ...DEFAULT_SETTINGS, T: 100 };
  const low = firstToLastRatio(gradientNorms({ ...base, scale: 0.5 }).rnn.norms.h)!;
  const high = firstToLastRatio(gradientNorms({ ...base, scale: 2 }).rnn.norms.h)!;
  assert.ok(low < 1e-20, `scale 0.5: ratio ${low}`);
  assert.ok(high > 1e3, `scale 2: ratio ${high}`);
  assert.equal(trendOf(low), 'vanishes');
  assert.equal(trendOf(high), 'explodes');
  // With s < 1 the bound ‖∂h_T/∂h_t‖ ≤ s^(T−t) (tanh′ ≤ 1, ‖W_hh‖ = s) must hold at every step.
  const n = gradientNorms({ ...base, scale: 0.5 }).rnn.norms.h!;
  for (let t = 1; t <= 100; t++) assert.ok(n[t - 1] <= n[99] * 0.5 ** (100 - t) * (1 + 1e-9), `step ${t}`);
});

test('with the default settings the LSTM keeps far more gradient than the RNN', () => {
  const r = gradientNorms({ ...DEFAULT_SETTINGS });
  const rnn = firstToLastRatio(r.rnn.norms.h)!;
  const lstm = firstToLastRatio(r.lstm.norms.h)!;
  assert.ok(rnn < 1e-6 && lstm > 1e-2, `rnn ${rnn}, lstm ${lstm}`);
});

test('clipping changes the parameter gradient only: the state gradients stay, the W_hh terms and ‖∇θL‖ shrink by one factor', () => {
  const s = { ...DEFAULT_SETTINGS, T: 40, scale: 2 };
  const free = gradientNorms(s);
  const clipped = gradientNorms({ ...s, clip: true, maxNorm: 1 });
  for (const kind of ['rnn', 'lstm'] as const) {
    const a = free[kind];
    const b = clipped[kind];
    assert.equal(b.paramNorm, a.paramNorm, 'the reported norm is the one before clipping');
    const factor = Math.min(1, 1 / (a.paramNorm + 1e-6));
    assert.ok(Math.abs(b.clipFactor - factor) <= 1e-12 * factor, `${kind}: factor ${b.clipFactor} vs ${factor}`);
    assert.ok(a.paramNorm > 1 && b.clipFactor < 1);
    assert.ok(Math.abs(b.clippedNorm - 1) < 1e-5, `${kind}: ‖∇θL‖ after clipping to 1 is ${b.clippedNorm}`);
    // clip_grad_norm_ runs after the backward pass: ∂L/∂x_t, ∂L/∂h_t (and ∂L/∂C_t) are bit for bit the same.
    for (const q of ['x', 'h', 'c'] as const) assert.deepEqual(b.norms[q] && Array.from(b.norms[q]!), a.norms[q] && Array.from(a.norms[q]!), `${kind} ${q}`);
    assert.deepEqual(Array.from(b.norms.w!), Array.from(a.norms.w!), 'norms.w is before clipping');
    for (let t = 0; t < s.T; t++) assert.ok(Math.abs(b.clippedW[t] - factor * a.norms.w![t]) <= 1e-12 * a.norms.w![t] + 1e-300);
    assert.equal(curveOf(b, 'h', true), b.norms.h, 'the chart draws ∂L/∂h_t unclipped');
    assert.equal(curveOf(b, 'w', true), b.clippedW, 'and the W_hh terms after clipping');
    const ra = firstToLastRatio(a.norms.w, 2)!;
    assert.ok(Math.abs(firstToLastRatio(b.clippedW, 2)! - ra) <= 1e-9 * ra, 'the ratio between early and late terms stays');
  }
  // Below the threshold nothing changes.
  const loose = gradientNorms({ ...s, clip: true, maxNorm: 1e9 });
  assert.equal(loose.rnn.clipFactor, 1);
  assert.equal(loose.rnn.clippedNorm, loose.rnn.paramNorm);
  assert.deepEqual(Array.from(loose.rnn.clippedW), Array.from(free.rnn.norms.w!));
});

for (const kind of ['rnn', 'lstm'] as const) {
  test(`${kind}: the step terms of ∂L/∂W_hh sum to the backward pass’s W_hh.grad, before and after clip_grad_norm_`, () => {
    const xs = inputSequence(small.T, small.seed);
    const u = unroll(kind, small, xs);
    u.loss.backward();
    const rows = u.recurrent.weight.shape[0];
    assert.equal(rows, kind === 'rnn' ? small.hidden : 4 * small.hidden);
    const sum = new Float64Array(rows * small.hidden);
    const result = gradientNorms(small)[kind];
    for (let t = 1; t <= small.T; t++) {
      const term = recurrentTerm(u, t);
      term.forEach((v, k) => (sum[k] += v));
      assert.ok(Math.abs(norm(term) - result.norms.w![t - 1]) <= 1e-12 * (1 + norm(term)), `step ${t}: ${norm(term)} vs ${result.norms.w![t - 1]}`);
    }
    assert.equal(result.norms.w![0], 0, 'h_0 = 0: step 1 adds nothing');
    const grad = u.recurrent.weight.grad!.data;
    const scale = Math.max(...Array.from(grad, Math.abs));
    grad.forEach((g, k) => assert.ok(Math.abs(g - sum[k]) <= 1e-12 * scale, `W_hh.grad[${k}]: ${g} vs Σ_t ${sum[k]}`));
    // clip_grad_norm_ scales W_hh.grad, and so the sum of the terms, by the factor the result reports.
    const clip = { ...small, clip: true, maxNorm: result.paramNorm / 3 };
    const factor = gradientNorms(clip)[kind].clipFactor;
    clipGradNorm(u.params, clip.maxNorm);
    grad.forEach((g, k) => assert.ok(Math.abs(g - factor * sum[k]) <= 1e-12 * scale, `clipped W_hh.grad[${k}]`));
  });
}

test('results are deterministic from the seed and change with it', () => {
  const a = gradientNorms({ ...small });
  const b = gradientNorms({ ...small });
  const c = gradientNorms({ ...small, seed: 6 });
  assert.deepEqual(Array.from(a.lstm.norms.h!), Array.from(b.lstm.norms.h!));
  assert.notDeepEqual(Array.from(a.lstm.norms.h!), Array.from(c.lstm.norms.h!));
});

test('bad settings are rejected with a message naming the field', () => {
  assert.throws(() => gradientNorms({ ...small, T: 201 }), /gradientNorms: T expected an integer in \[2, 200\], got 201/);
  assert.throws(() => gradientNorms({ ...small, scale: NaN }), /gradientNorms: scale expected a finite number, got NaN/);
});

test('formatting and sampled steps', () => {
  assert.equal(formatSci(3.214e-18), '3.21 × 10⁻¹⁸');
  assert.equal(formatSci(-0.5), '−5.00 × 10⁻¹');
  assert.equal(formatSci(4.2), '4.20');
  assert.equal(formatSci(0), '0');
  assert.equal(formatSci(Infinity), '∞');
  assert.equal(formatSetting(-3), '\u22123');
  assert.equal(formatSetting(-3.5), '\u22123.5');
  assert.equal(formatSetting(0.1 + 0.2), '0.3');
  assert.equal(formatSetting(100), '100');
  assert.deepEqual(sampleSteps(100), [1, 21, 41, 60, 80, 100]);
  assert.deepEqual(sampleSteps(3), [1, 2, 3]);
});

test('the sentence states the computed ratios in both languages', () => {
  const r = gradientNorms({ ...DEFAULT_SETTINGS });
  const en = textFor('en').describe(DEFAULT_SETTINGS, r, 'h');
  assert.match(en, new RegExp(`RNN’s ‖∂L/∂h_t‖ at t = 1 is ${formatSci(firstToLastRatio(r.rnn.norms.h)!)}`));
  assert.match(en, /it vanishes/);
  const zh = textFor('zh-CN').describe(DEFAULT_SETTINGS, r, 'c');
  assert.match(zh, /循环神经网络没有细胞状态/);
  assert.ok(zh.includes(formatSci(firstToLastRatio(r.lstm.norms.c)!)));
});

test('the sentence says how many times the value at t = T: 倍 in Chinese, “times” in English, for ratios above and below 1', () => {
  const r = gradientNorms({ ...DEFAULT_SETTINGS });
  const rnn = formatSci(firstToLastRatio(r.rnn.norms.h)!);
  const lstm = formatSci(firstToLastRatio(r.lstm.norms.h)!);
  const lstmC = firstToLastRatio(r.lstm.norms.c)!;
  assert.ok(firstToLastRatio(r.rnn.norms.h)! < 1 && lstmC > 1, 'one ratio below 1 and one above');
  const zh = textFor('zh-cn').describe(DEFAULT_SETTINGS, r, 'h');
  assert.ok(zh.includes(`循环神经网络在 t = 1 处的 ‖∂L/∂h_t‖ 是 t = T 处的 ${rnn} 倍（梯度消失）`), zh);
  assert.ok(zh.includes(`LSTM 的是 ${lstm} 倍`), zh);
  const zhC = textFor('zh-cn').describe(DEFAULT_SETTINGS, r, 'c');
  assert.ok(zhC.includes(`LSTM 在 t = 1 处的 ‖∂L/∂C_t‖ 是 t = T 处的 ${formatSci(lstmC)} 倍`), zhC);
  const en = textFor('en').describe(DEFAULT_SETTINGS, r, 'h');
  assert.ok(en.includes(`the RNN’s ‖∂L/∂h_t‖ at t = 1 is ${rnn} times its value at t = T (it vanishes)`), en);
  assert.ok(en.includes(`the LSTM’s is ${lstm} times its value at t = T`), en);
  const enC = textFor('en').describe(DEFAULT_SETTINGS, r, 'c');
  assert.ok(enC.includes(`the LSTM’s ‖∂L/∂C_t‖ at t = 1 is ${formatSci(lstmC)} times its value at t = T`), enC);
  for (const text of [zh, zhC, en, enC]) {
    assert.doesNotMatch(text, / of its value/);
    assert.doesNotMatch(text, /≈/, 'no rounded power of ten next to the exact one');
  }
});

test('with clipping on, the sentence says “multiplied by” only for a gradient that was clipped', () => {
  const loose = { ...DEFAULT_SETTINGS, scale: 1.5, clip: true, maxNorm: 100 };
  const r = gradientNorms(loose);
  assert.equal(r.rnn.clipFactor, 1);
  assert.equal(r.lstm.clipFactor, 1);
  const en = textFor('en').describe(loose, r, 'h');
  assert.doesNotMatch(en, /multiplied|by 1\.00|shrinks/, en);
  assert.match(en, /below the clipping threshold 100, so clipping did not change anything\./);
  const zh = textFor('zh-cn').describe(loose, r, 'h');
  assert.doesNotMatch(zh, /乘以|缩小/, zh);
  assert.match(zh, /都低于裁剪阈值 100，所以裁剪没有改变任何东西。/);

  // Only the RNN's norm is above the threshold: it is multiplied, the LSTM's is left alone.
  const lstmNorm = gradientNorms({ ...loose, clip: false }).lstm.paramNorm;
  const rnnNorm = r.rnn.paramNorm;
  assert.ok(lstmNorm < rnnNorm, `${lstmNorm} < ${rnnNorm}`);
  const mid = { ...loose, maxNorm: Math.round((lstmNorm + rnnNorm) / 2) };
  const m = gradientNorms(mid);
  assert.ok(m.rnn.clipFactor < 1 && m.lstm.clipFactor === 1);
  const enMid = textFor('en').describe(mid, m, 'h');
  assert.ok(enMid.includes(`multiplied the RNN’s parameter gradient ∇θL by ${formatSci(m.rnn.clipFactor)} (‖∇θL‖ ${formatSci(rnnNorm)} → ${formatSci(m.rnn.clippedNorm)})`), enMid);
  assert.match(enMid, /The LSTM’s gradient norm \([^)]*\) is below the threshold, so clipping did not change it\./);
  assert.match(enMid, /‖∂L\/∂h_t‖ is not a parameter gradient: clipping leaves it as drawn\.$/);
  const zhMid = textFor('zh-cn').describe(mid, m, 'h');
  assert.ok(zhMid.includes(`循环神经网络的参数梯度 ∇θL 乘以 ${formatSci(m.rnn.clipFactor)}（‖∇θL‖ ${formatSci(rnnNorm)} → ${formatSci(m.rnn.clippedNorm)}）`), zhMid);
  assert.match(zhMid, /LSTM 的梯度范数（[^）]*）低于阈值，裁剪没有改变它。/);

  // Both clipped: both factors are stated, and the ratios are said to stay.
  const tight = { ...loose, maxNorm: 0.1 };
  const t = gradientNorms(tight);
  const enTight = textFor('en').describe(tight, t, 'w');
  assert.ok(enTight.includes(`and the LSTM’s by ${formatSci(t.lstm.clipFactor)} (‖∇θL‖ ${formatSci(t.lstm.paramNorm)} → ${formatSci(t.lstm.clippedNorm)})`), enTight);
  // The W_hh terms are drawn after clipping and compared from t = 2 (h_0 = 0).
  assert.ok(enTight.includes(`the RNN’s ‖(∂L/∂W_hh)_t‖ at t = 2 is ${formatSci(firstToLastRatio(t.rnn.clippedW, 2)!)} times`), enTight);
  assert.match(enTight, /so the ratio between t = 2 and t = T is unchanged\.$/);
  assert.match(textFor('zh-cn').describe(tight, t, 'w'), /比值不变。$/);
  assert.match(textFor('zh-cn').describe(tight, t, 'x'), /不是参数梯度，裁剪不会改变它/);
});

test('settings in the text use the typographic minus (b_f = −3), like every other number', () => {
  const s = { ...DEFAULT_SETTINGS, T: 20, forgetBias: -3 };
  const r = gradientNorms(s);
  for (const lang of ['en', 'zh-cn']) {
    const text = textFor(lang);
    for (const q of ['h', 'c'] as const) {
      const sentence = text.describe(s, r, q);
      assert.ok(sentence.includes('b_f = \u22123'), sentence);
      assert.doesNotMatch(sentence, /-/, 'no hyphen-minus anywhere in the sentence');
    }
    assert.ok(text.tableCaption(s).includes('b_f = \u22123'));
  }
});

test('the caption’s thresholds for s are what the model computes with the default settings', () => {
  // Step s along its slider as a reader does; the RNN's ratio at t = 1 over t = T decides (trendOf).
  const trends: [number, string][] = [];
  for (let k = 0; ; k++) {
    const s = Math.round((SCALE.min + k * SCALE.step) * 100) / 100;
    if (s > RNN_EXPLODES_FROM_SCALE) break;
    trends.push([s, trendOf(firstToLastRatio(gradientNorms({ ...DEFAULT_SETTINGS, scale: s }).rnn.norms.h))]);
  }
  const firstExploding = trends.find(([, t]) => t === 'explodes')?.[0];
  const lastVanishing = trends.filter(([, t]) => t === 'vanishes').at(-1)?.[0];
  assert.equal(firstExploding, RNN_EXPLODES_FROM_SCALE, JSON.stringify(trends));
  assert.equal(lastVanishing, RNN_VANISHES_UP_TO_SCALE, JSON.stringify(trends));
  assert.ok(trends.every(([s, t]) => (s <= RNN_VANISHES_UP_TO_SCALE) === (t === 'vanishes')), 'vanishing exactly up to the stated s');
  // s = 1.5 is above 1 and yet does not explode: the caption's "What to look for" must not claim that s > 1 does.
  assert.equal(trends.find(([s]) => s === 1.5)?.[1], 'holds');
  const en = textFor('en').lookFor;
  assert.doesNotMatch(en, /s > 1 can blow it up/);
  assert.ok(en.includes(`(T = ${DEFAULT_SETTINGS.T})`) && en.includes('up to s = 1.3') && en.includes('(exploding) at s = 1.8'), en);
  const zh = textFor('zh-cn').lookFor;
  assert.doesNotMatch(zh, /s > 1 时可能爆炸/);
  assert.ok(zh.includes(`（T = ${DEFAULT_SETTINGS.T}）`) && zh.includes('直到 s = 1.3 仍低于 10⁻³') && zh.includes('到 s = 1.8 才首次超过 10³'), zh);
});
