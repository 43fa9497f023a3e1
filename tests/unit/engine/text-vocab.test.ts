import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CharVocab } from '../../../src/engine/text/vocab.ts';
import { natsToBits, bitsToNats, perplexity } from '../../../src/engine/text/units.ts';

test('CharVocab treats CJK and emoji as single characters, sorted by code point', () => {
  const text = 'ba 细胞😀a字😀';
  const v = CharVocab.fromText(text);
  assert.deepEqual(v.chars, [' ', 'a', 'b', '字', '细', '胞', '😀']);
  assert.equal(v.size, 7);
  const ids = v.encode(text);
  assert.equal(text.length, 11); // UTF-16 units: each emoji is a surrogate pair
  assert.deepEqual([...ids], [2, 1, 0, 4, 5, 6, 1, 3, 6]); // one id per code point
  assert.equal(v.decode(ids), text);
  assert.equal(v.id('😀'), 6);
});

test('CharVocab order does not depend on the order characters appear', () => {
  assert.deepEqual(CharVocab.fromText('zyx🙂中').chars, CharVocab.fromText('中🙂xyz').chars);
});

test('CharVocab.encode names the unknown character and its position', () => {
  const v = CharVocab.fromText('abc');
  assert.throws(() => v.encode('ab😀'), {
    message: 'CharVocab.encode: text has character "😀" (U+1F600) at position 2 that is not in the vocabulary (size 3)',
  });
  assert.throws(() => v.decode([0, 3]), { message: 'CharVocab.decode: ids[1] expected an integer in [0, 3), got 3' });
  assert.throws(() => v.decode([1.5]), /ids\[0\] expected an integer in \[0, 3\), got 1.5/);
});

test('CharVocab rejects empty text and malformed character lists', () => {
  assert.throws(() => CharVocab.fromText(''), { message: 'CharVocab.fromText: text expected at least one character, got an empty string' });
  assert.throws(() => new CharVocab(['a', 'bc']), /chars\[1\] expected a single Unicode code point, got "bc"/);
  assert.throws(() => new CharVocab(['a', 'a']), /chars\[1\] character "a" \(U\+0061\) repeats chars\[0\]/);
});

test('CharVocab round-trips through JSON', () => {
  const v = CharVocab.fromText('hello, 世界 🌍');
  const w = new CharVocab(JSON.parse(JSON.stringify(v)).chars);
  assert.deepEqual(w.chars, v.chars);
  assert.deepEqual([...w.encode('世界 hello')], [...v.encode('世界 hello')]);
});

test('natsToBits divides by ln 2', () => {
  assert.equal(natsToBits(Math.LN2), 1);
  assert.ok(Math.abs(natsToBits(Math.log(65)) - Math.log2(65)) < 1e-14);
  assert.ok(Math.abs(bitsToNats(natsToBits(1.234)) - 1.234) < 1e-15);
  assert.ok(Math.abs(perplexity(Math.log(7)) - 7) < 1e-12);
});
