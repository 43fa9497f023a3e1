/**
 * Every number chapter 5 prints comes from src/chapters/practice-numbers.ts. These tests recompute
 * each of them independently, with closed forms written here (4·(H·(H+I)+H) per Keras LSTM layer,
 * a second bias vector for PyTorch, log₂ V, softmax at a temperature by hand), and check the
 * numeric exercise answers of both language editions against their formulas.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  exampleCorpus,
  forgetGateAtBiasOne,
  HIDDEN_SIZE,
  INPUT_SIZE,
  keras,
  kerasParamCounts,
  kerasSmall,
  NUM_CLASSES,
  SHAKESPEARE_VOCAB,
  STEPS,
  temperatureTable,
  torch,
  uniformCharLoss,
  uniformDigitLoss,
} from '../../../src/chapters/practice-numbers.ts';

const read = (path: string) => readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');

/** One LSTM layer: four gates, each W ∈ ℝ^{H×(H+I)} plus `biases` bias vectors of length H. */
const lstmLayer = (I: number, H: number, biases: 1 | 2) => 4 * (H * (H + I) + biases * H);
/** A dense layer with bias. */
const denseLayer = (I: number, O: number) => I * O + O;
/** softmax(z / τ), written out. */
const softmaxAt = (z: readonly number[], tau: number) => {
  const e = z.map((v) => Math.exp(v / tau));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
};

test('the Keras model has 4·(H·(H+I)+H) parameters per LSTM layer', () => {
  assert.equal(INPUT_SIZE, 10);
  assert.equal(NUM_CLASSES, 10);
  assert.equal(HIDDEN_SIZE, 128);
  assert.equal(STEPS, 20);
  const H = 128;
  const expected = [lstmLayer(10, H, 1), lstmLayer(H, H, 1), denseLayer(H, 10)];
  assert.deepEqual(expected, [71_168, 131_584, 1_290]);
  assert.deepEqual(keras.layers, expected);
  assert.equal(keras.total, expected[0]! + expected[1]! + expected[2]!);
  // The sequence length does not change the weights.
  assert.deepEqual(kerasParamCounts(128, 3), keras);
});

test('the small Keras example has the counts of its own defaults', () => {
  const src = read('../../../src/examples/keras-model.ts');
  const defaults = /const \{[^}]*\bunits = (\d+), steps = (\d+)/.exec(src);
  assert.ok(defaults, 'keras-model.ts destructures units and steps with defaults');
  const units = Number(defaults[1]);
  assert.equal(units, 32);
  assert.equal(Number(defaults[2]), 6);
  const expected = [lstmLayer(10, units, 1), lstmLayer(units, units, 1), denseLayer(units, 10)];
  assert.deepEqual(kerasSmall.layers, expected);
  assert.equal(kerasSmall.total, expected.reduce((a, b) => a + b, 0));
});

test('PyTorch stores two bias vectors: 4H more parameters per layer', () => {
  const H = 128;
  assert.deepEqual(torch.perLayer, [lstmLayer(10, H, 2), lstmLayer(H, H, 2)]);
  assert.equal(torch.perLayer[0]! - keras.layers[0]!, 4 * H);
  assert.equal(torch.perLayer[1]! - keras.layers[1]!, 4 * H);
  assert.equal(torch.fc, denseLayer(H, 10));
  assert.equal(torch.total, lstmLayer(10, H, 2) + lstmLayer(H, H, 2) + denseLayer(H, 10));
  assert.equal(torch.total - keras.total, 2 * 4 * H);
});

test('the example corpus: distinct characters and length in code points', () => {
  const text = read('../../../src/examples/corpus.ts');
  const body = /ENGLISH_TEXT = `([^`]*)`/.exec(text);
  assert.ok(body, 'corpus.ts holds ENGLISH_TEXT as one template literal');
  const chars = Array.from(body[1]!);
  assert.equal(exampleCorpus.length, chars.length);
  assert.equal(exampleCorpus.vocabSize, new Set(chars).size);
  // The prose calls the text short and its vocabulary smaller than tiny Shakespeare's 65.
  assert.ok(exampleCorpus.vocabSize < SHAKESPEARE_VOCAB);
  assert.ok(exampleCorpus.length > 500 && exampleCorpus.length < 5000);
});

test('constants of the prose: log₂ 65, ln 65, ln 10, σ(1)', () => {
  assert.equal(SHAKESPEARE_VOCAB, 65);
  assert.ok(Math.abs(uniformCharLoss.bits - Math.log(65) / Math.LN2) < 1e-12);
  assert.ok(Math.abs(uniformCharLoss.nats - Math.log(65)) < 1e-12);
  assert.equal(uniformCharLoss.bits.toFixed(2), '6.02');
  assert.equal(uniformCharLoss.nats.toFixed(2), '4.17');
  assert.ok(Math.abs(uniformDigitLoss - Math.log(10)) < 1e-12);
  assert.equal(uniformDigitLoss.toFixed(2), '2.30');
  assert.ok(Math.abs(forgetGateAtBiasOne - 1 / (1 + Math.exp(-1))) < 1e-12);
  assert.equal(forgetGateAtBiasOne.toFixed(2), '0.73');
});

test('the temperature table is softmax(z / τ) by hand', () => {
  assert.deepEqual([...temperatureTable.logits], [2, 1, 0, -1]);
  assert.deepEqual([...temperatureTable.temperatures], [0.5, 1, 2]);
  temperatureTable.temperatures.forEach((tau, r) => {
    const row = temperatureTable.rows[r]!;
    const expected = softmaxAt(temperatureTable.logits, tau);
    assert.equal(row.length, 4);
    row.forEach((p, k) => assert.ok(Math.abs(p - expected[k]!) < 1e-12, `τ = ${tau}, p_${k + 1}: ${p} vs ${expected[k]}`));
    assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  });
  // What the prose says about the table: lower τ sharpens, higher τ flattens, the order never changes.
  const first = temperatureTable.rows.map((row) => row[0]!);
  assert.ok(first[0]! > first[1]! && first[1]! > first[2]!);
  for (const row of temperatureTable.rows) assert.ok(row.every((p, k) => k === 0 || p < row[k - 1]!));
  assert.deepEqual(temperatureTable.rows[0]!.map((p) => p.toFixed(3)), ['0.865', '0.117', '0.016', '0.002']);
});

interface Exercise {
  readonly id: string;
  readonly text: string;
  readonly value?: number;
  readonly tolerance?: number;
}

/** The exercises of a chapter's frontmatter: each item's lines, and its numeric check if any. */
function exercises(path: string): Map<string, Exercise> {
  const front = read(path).split(/^---$/m)[1]!;
  const out = new Map<string, Exercise>();
  const items = front.split(/^\s*- id: /m).slice(1);
  for (const item of items) {
    const id = /^(ex-[\w-]+)/.exec(item)![1]!;
    const check = /check: \{ type: numeric, value: ([-\d.e]+), tolerance: ([\d.e-]+) \}/.exec(item);
    out.set(id, {
      id,
      text: item,
      ...(check ? { value: Number(check[1]), tolerance: Number(check[2]) } : {}),
    });
  }
  return out;
}

/** The numeric exercises of chapter 5, the formula behind each, and numbers its hint and answer quote. */
const expected = new Map<string, { value: number; quoted: string[] }>([
  // A Keras LSTM(128) on one-hot characters, I = 65; the PyTorch layer has 4H more.
  ['ex-5-1', { value: lstmLayer(65, 128, 1), quoted: ['24\\\\,832', '99\\\\,328', '99\\\\,840', '512'] }],
  // Uniform over 65 characters: log₂ 65 bits (ln 65 nats).
  ['ex-5-2', { value: Math.log2(65), quoted: ['6.022', '4.174'] }],
  // 1.3 nats in bits; 2^bits equally likely characters.
  ['ex-5-3', { value: 1.3 / Math.LN2, quoted: ['1.876', '0.6931', '3.7'] }],
  // softmax((2, 1, 0) / 0.5)_1, and the same at τ = 1.
  ['ex-5-4', { value: softmaxAt([2, 1, 0], 0.5)[0]!, quoted: ['54.60', '62.99', '0.867', '0.665'] }],
]);

test('the numbers quoted in the exercise hints and answers are what the formulas give', () => {
  assert.equal(lstmLayer(65, 128, 1) / 4, 24_832);
  assert.equal(lstmLayer(65, 128, 2), 99_840);
  assert.equal(Math.log(2).toFixed(4), '0.6931');
  assert.equal((2 ** (1.3 / Math.LN2)).toFixed(1), '3.7');
  assert.equal(Math.log(65).toFixed(3), '4.174');
  assert.equal(Math.exp(4).toFixed(2), '54.60');
  assert.equal((Math.exp(4) + Math.exp(2) + 1).toFixed(2), '62.99');
  assert.equal(softmaxAt([2, 1, 0], 1)[0]!.toFixed(3), '0.665');
});

for (const lang of ['en', 'zh-cn']) {
  test(`chapter 5 (${lang}): every numeric exercise matches its formula`, () => {
    const items = exercises(`../../../content/${lang}/05-practice.mdx`);
    const numeric = [...items.values()].filter((e) => e.value !== undefined).map((e) => e.id);
    assert.deepEqual(numeric.sort(), [...expected.keys()].sort(), 'numeric exercises');
    for (const [id, { value, quoted }] of expected) {
      const item = items.get(id)!;
      // Within the tolerance the page accepts, and printed to the precision the answer shows.
      assert.ok(Math.abs(item.value! - value) <= item.tolerance!, `${id}: ${item.value} vs ${value}`);
      const decimals = (String(item.value).split('.')[1] ?? '').length;
      assert.equal(item.value!.toFixed(decimals), value.toFixed(decimals), `${id}: rounding`);
      for (const q of quoted) assert.ok(item.text.includes(q), `${lang} ${id}: hint or answer quotes ${q}`);
    }
  });
}
