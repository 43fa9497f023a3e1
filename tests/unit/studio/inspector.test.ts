import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/index.ts';
import { StudioModel } from '../../../src/studio/model.ts';
import { StudioVocab } from '../../../src/studio/vocab.ts';
import { FEATURES, rankUnits, traceStates, type FeatureId, type StateTrace } from '../../../src/studio/inspector.ts';

const values = (id: FeatureId, text: string) => Array.from(FEATURES.find((f) => f.id === id)!.values(Array.from(text)));

test('features mark quotes, brackets, line starts, spaces, words and columns', () => {
  assert.deepEqual(values('in-quotes', 'a "bc" d'), [0, 0, 1, 1, 1, 1, 0, 0]);
  assert.deepEqual(values('in-quotes', '他说「好」。'), [0, 0, 1, 1, 1, 0]);
  assert.deepEqual(values('in-brackets', 'f(a[b]) c'), [0, 1, 1, 1, 1, 1, 1, 0, 0]);
  assert.deepEqual(values('line-start', 'ab\ncd'), [1, 0, 0, 1, 0]);
  assert.deepEqual(values('after-space', 'a b  c'), [0, 0, 1, 0, 1, 1]);
  assert.deepEqual(values('in-word', 'ab c1'), [0, 1, 0, 0, 1]);
  assert.deepEqual(values('line-position', 'ab\ncd'), [0, 1, 2, 0, 1]);
});

test('rankUnits finds a planted unit that follows the feature', () => {
  const text = 'He said "never" and left. "Why?" she asked (quietly). "Because," he said.\n'.repeat(5);
  const chars = Array.from(text);
  const quotes = values('in-quotes', text);
  const rng = new Rng(1);
  const H = 16;
  const PLANTED = 11;
  const trace: StateTrace = { chars, c: [], h: [] };
  chars.forEach((_, t) => {
    const c = Float32Array.from({ length: H }, () => rng.next() * 2 - 1);
    c[PLANTED] = -0.8 * quotes[t] + 0.1 * rng.next(); // a "quote unit" with a negative sign
    trace.c.push(c);
    trace.h.push(Float32Array.from(c, Math.tanh));
  });
  const ranked = rankUnits(trace, text, 'in-quotes');
  assert.equal(ranked.length, H);
  assert.equal(ranked[0].unit, PLANTED);
  assert.ok(ranked[0].r < -0.95, `r = ${ranked[0].r}`);
  assert.ok(Math.abs(ranked[1].r) < 0.3);
  for (let k = 1; k < H; k++) assert.ok(Math.abs(ranked[k - 1].r) >= Math.abs(ranked[k].r));
  assert.equal(rankUnits(trace, text, 'in-quotes', { state: 'h' })[0].unit, PLANTED);
  // A feature that never changes over this text correlates with nothing.
  assert.ok(rankUnits(trace, text.replace(/[()]/g, ','), 'in-brackets').every(({ r }) => r === 0));
  assert.throws(() => rankUnits(trace, text, 'vowels' as FeatureId), /rankUnits: feature expected one of in-quotes, in-brackets, line-start, after-space, in-word, line-position, got "vowels"/);
  assert.throws(() => rankUnits(trace, text + 'x', 'in-quotes'), /text has 371 characters but the trace has 370 steps/);
});

test('traceStates records the top layer after every character, as the generator computes it', () => {
  const vocab = StudioVocab.fromText('abc "d"\n');
  const model = new StudioModel({ vocabSize: vocab.size, hidden: 6, layers: 2, rng: new Rng(4) });
  const text = 'ab "c"\nzz';
  const trace = traceStates(model, vocab, text);
  assert.equal(trace.c.length, Array.from(text).length);
  assert.equal(trace.h[0].length, 6);
  const gen = model.generator();
  for (const [t, ch] of Array.from(text).entries()) {
    gen.step(vocab.id(ch));
    assert.deepEqual(trace.c[t], Float32Array.from(gen.c[1]));
    assert.deepEqual(trace.h[t], Float32Array.from(gen.h[1]));
  }
});
