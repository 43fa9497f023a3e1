import { test } from 'node:test';
import assert from 'node:assert/strict';
import { argmax } from '../../../src/engine/index.ts';
import { defaultHyper } from '../../../src/studio/hyper.ts';
import { StudioTrainer } from '../../../src/studio/trainer.ts';
import { CANDIDATES, MAX_LENGTH, generate, generateString } from '../../../src/studio/generate.ts';
import { UNKNOWN } from '../../../src/studio/vocab.ts';

const t = new StudioTrainer({
  text: 'to be or not to be, that is the question. 生存还是毁灭 🙂 '.repeat(30),
  hyper: { ...defaultHyper(), hidden: 24, batch: 4, seqLen: 16, lr: 0.01, seed: 9 },
});
for (let k = 0; k < 80; k++) t.step();
const base = { model: t.model, vocab: t.vocab, startText: 'to be', length: 120, temperature: 1, seed: 42 };

test('the same seed and settings give the same text; another seed another text', () => {
  const a = generateString(base);
  assert.equal(Array.from(a).length, 120);
  assert.equal(generateString(base), a);
  assert.notEqual(generateString({ ...base, seed: 43 }), a);
  assert.equal(generateString({ ...base, topK: 3, topP: 0.9 }), generateString({ ...base, topK: 3, topP: 0.9 }));
});

test('temperature 0 is greedy: each character is the argmax after the text so far, whatever the seed', () => {
  const greedy = generateString({ ...base, temperature: 0, length: 40 });
  assert.equal(generateString({ ...base, temperature: 0, length: 40, seed: 7 }), greedy);
  const gen = t.model.generator();
  let z: Float64Array = new Float64Array(0);
  for (const id of t.vocab.encode('to be')) z = gen.step(id);
  let expected = '';
  for (let k = 0; k < 40; k++) {
    z[t.vocab.unknownId] = -Infinity; // never written
    const id = argmax(z);
    expected += t.vocab.chars[id];
    z = gen.step(id);
  }
  assert.equal(greedy, expected);
});

test('each character comes with the five most likely candidates, most likely first', () => {
  for (const { char, candidates } of generate({ ...base, length: 30 })) {
    assert.equal(candidates.length, CANDIDATES);
    assert.ok(char.length > 0);
    for (let k = 1; k < candidates.length; k++) assert.ok(candidates[k - 1].p >= candidates[k].p);
    assert.ok(candidates.reduce((s, c) => s + c.p, 0) <= 1 + 1e-12);
    assert.equal(new Set(candidates.map((c) => c.char)).size, CANDIDATES);
  }
  // Greedy always writes the first candidate.
  for (const { char, candidates } of generate({ ...base, temperature: 0, length: 30 })) assert.equal(char, candidates[0].char);
});

test('the unknown symbol is never written, even by a model that predicts it', () => {
  // Push the unknown symbol's logit far above every other one.
  const bias = t.model.fc.bias!.data;
  const saved = bias[t.vocab.unknownId];
  bias[t.vocab.unknownId] = 50;
  try {
    const out = [...generate({ ...base, length: 50 })];
    assert.ok(out.every(({ char, candidates }) => char !== UNKNOWN && candidates.every((c) => c.char !== UNKNOWN)));
  } finally {
    bias[t.vocab.unknownId] = saved;
  }
});

test('it streams: stopping early gives a prefix of the full text', () => {
  const full = generateString(base);
  let prefix = '';
  for (const { char } of generate(base)) {
    prefix += char;
    if (prefix.length >= 10) break;
  }
  assert.ok(full.startsWith(prefix));
});

test('bad settings are refused with the option named', () => {
  assert.throws(() => generateString({ ...base, length: MAX_LENGTH + 1 }), new RegExp(`generate: length expected an integer in \\[0, ${MAX_LENGTH}\\], got ${MAX_LENGTH + 1}`));
  assert.throws(() => generateString({ ...base, temperature: -1 }), /generate: temperature expected a finite number ≥ 0, got -1/);
  assert.throws(() => generateString({ ...base, topP: 0 }), /generate: topP expected a number in \(0, 1\], got 0/);
  assert.throws(() => generateString({ ...base, topK: 1.5 }), /generate: topK expected an integer ≥ 0 \(0 = all\), got 1.5/);
  assert.equal(generateString({ ...base, startText: '', length: 5 }).length > 0, true); // an empty start text is allowed
  assert.equal(generateString({ ...base, startText: '未知字符', length: 5 }).length > 0, true); // unknown characters read as the unknown symbol
});
