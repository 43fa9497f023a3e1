import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/rng.ts';
import { sampleIndex, samplingDistribution, argmax } from '../../../src/engine/text/sampling.ts';
import { generateText, GENERATE_MAX_LENGTH } from '../../../src/engine/text/generate.ts';
import { CharVocab } from '../../../src/engine/text/vocab.ts';

// A hand-made distribution: logits = log p, so softmax(logits) = p exactly (up to rounding).
const p = [0.1, 0.4, 0.05, 0.3, 0.15];
const logits = p.map(Math.log);

function close(actual: ArrayLike<number>, expected: number[], tol = 1e-12): void {
  assert.equal(actual.length, expected.length);
  for (let k = 0; k < expected.length; k++) {
    assert.ok(Math.abs(actual[k] - expected[k]) <= tol, `entry ${k}: ${actual[k]} vs ${expected[k]}`);
  }
}

test('temperature 1 reproduces softmax; temperature 2 is softmax(z / 2)', () => {
  close(samplingDistribution(logits), p);
  const sq = p.map(Math.sqrt);
  const s = sq.reduce((a, b) => a + b);
  close(samplingDistribution(logits, { temperature: 2 }), sq.map((x) => x / s));
});

test('top-k keeps the k most probable entries, renormalised', () => {
  // top-2: {0.4, 0.3} → 4/7, 3/7
  close(samplingDistribution(logits, { topK: 2 }), [0, 4 / 7, 0, 3 / 7, 0]);
  close(samplingDistribution(logits, { topK: 99 }), p);
});

test('top-p keeps the smallest most-probable set whose mass reaches p', () => {
  // sorted: 0.4, 0.3, 0.15, 0.1, 0.05; cumulative 0.4, 0.7, 0.85 …
  close(samplingDistribution(logits, { topP: 0.69 }), [0, 0.4 / 0.7, 0, 0.3 / 0.7, 0]);
  close(samplingDistribution(logits, { topP: 0.75 }), [0, 0.4 / 0.85, 0, 0.3 / 0.85, 0.15 / 0.85]);
  close(samplingDistribution(logits, { topP: 0.1 }), [0, 1, 0, 0, 0]);
  // top-k then top-p on the renormalised top-k set: top-3 = {.4,.3,.15}/.85; p = 0.8 needs .4/.85+.3/.85 = .82
  close(samplingDistribution(logits, { topK: 3, topP: 0.8 }), [0, 4 / 7, 0, 3 / 7, 0]);
});

test('ties break towards the lower index', () => {
  const tied = [1, 3, 3, 0];
  assert.equal(argmax(tied), 1);
  assert.equal(sampleIndex(tied, { temperature: 0, rng: new Rng(0) }), 1);
  const d = samplingDistribution(tied, { topK: 1 });
  assert.deepEqual([...d], [0, 1, 0, 0]);
});

test('temperature 0 is argmax and uses no randomness', () => {
  const rng = new Rng(5);
  const before = new Rng(5).next();
  assert.equal(sampleIndex(logits, { temperature: 0, rng }), 1);
  assert.equal(rng.next(), before);
});

test('same seed, same samples; frequencies follow the distribution', () => {
  const draw = (seed: number) => {
    const rng = new Rng(seed);
    return Array.from({ length: 200 }, () => sampleIndex(logits, { rng }));
  };
  assert.deepEqual(draw(42), draw(42));
  assert.notDeepEqual(draw(42), draw(43));
  const rng = new Rng(3);
  const counts = [0, 0, 0, 0, 0];
  const n = 20000;
  for (let k = 0; k < n; k++) counts[sampleIndex(logits, { rng })]++;
  for (let k = 0; k < 5; k++) assert.ok(Math.abs(counts[k] / n - p[k]) < 0.015, `index ${k}: ${counts[k] / n} vs ${p[k]}`);
  const topk = new Set(Array.from({ length: 500 }, () => sampleIndex(logits, { rng, topK: 2 })));
  assert.deepEqual([...topk].sort(), [1, 3]);
});

test('sampling rejects bad options and bad logits with named arguments', () => {
  const rng = new Rng(0);
  assert.throws(() => sampleIndex([], { rng }), { message: 'samplingDistribution: logits expected [V] with V ≥ 1, got []' });
  assert.throws(() => sampleIndex([0, NaN], { rng }), { message: 'samplingDistribution: logits[1] expected a finite number or -Infinity, got NaN' });
  assert.throws(() => sampleIndex([-Infinity], { rng }), /got only -Infinity/);
  assert.throws(() => sampleIndex(logits, { rng, temperature: -1 }), /options.temperature expected a finite number ≥ 0, got -1/);
  assert.throws(() => sampleIndex(logits, { rng, topK: 0 }), /options.topK expected an integer ≥ 1, got 0/);
  assert.throws(() => sampleIndex(logits, { rng, topP: 0 }), /options.topP expected a number in \(0, 1\], got 0/);
  // A masked (-Infinity) logit is never drawn.
  for (let k = 0; k < 100; k++) assert.notEqual(sampleIndex([0, -Infinity, 0], { rng }), 1);
});

test('generateText reads the seed text, then samples deterministically', () => {
  const vocab = CharVocab.fromText('ab');
  // A "model" that always predicts the other character strongly.
  const step = (id: number) => (id === 0 ? [-10, 10] : [10, -10]);
  assert.equal(generateText({ vocab, step, seedText: 'a', length: 5, rng: new Rng(1), temperature: 0 }), 'babab');
  const a = generateText({ vocab, step: () => [0, 0], seedText: 'ab', length: 30, rng: new Rng(9) });
  const b = generateText({ vocab, step: () => [0, 0], seedText: 'ab', length: 30, rng: new Rng(9) });
  assert.equal(a, b);
  assert.throws(() => generateText({ vocab, step, seedText: '', length: 3, rng: new Rng(1) }), /seedText expected at least one character, got an empty string/);
});

test('temperature 0 is greedy without an rng; any other temperature needs one', () => {
  assert.equal(sampleIndex(logits, { temperature: 0 }), 1);
  assert.throws(() => sampleIndex(logits, {}), { message: 'sampleIndex: options.rng expected an Rng (or temperature 0 for greedy), got none' });
  const vocab = CharVocab.fromText('ab');
  const step = (id: number) => (id === 0 ? [-10, 10] : [10, -10]);
  assert.equal(generateText({ vocab, step, seedText: 'a', length: 5, temperature: 0 }), 'babab');
  assert.throws(() => generateText({ vocab, step, seedText: 'a', length: 5 }), {
    message: 'generateText: options.rng expected an Rng (or temperature 0 for greedy), got none',
  });
});

test('generateText states its length limit and throws above it, before reading the prompt', () => {
  const vocab = CharVocab.fromText('ab');
  let calls = 0;
  const step = () => {
    calls++;
    return [0, 0];
  };
  assert.equal(GENERATE_MAX_LENGTH, 100_000);
  for (const length of [GENERATE_MAX_LENGTH + 1, -1, 2.5, '10' as never, Infinity]) {
    assert.throws(() => generateText({ vocab, step, seedText: 'ab', length, temperature: 0 }), {
      message: `generateText: options.length expected an integer in [0, 100000], got ${typeof length === 'string' ? `'${length}'` : length}`,
    });
  }
  assert.throws(() => generateText({ vocab, step, seedText: 'a'.repeat(GENERATE_MAX_LENGTH + 1), length: 1, temperature: 0 }), {
    message: 'generateText: options.seedText expected at most 100000 characters, got 100001',
  });
  assert.equal(calls, 0, 'the model was never stepped');
  assert.equal(generateText({ vocab, step, seedText: 'a', length: 0, temperature: 0 }), '');
});
