import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StudioVocab, UNKNOWN } from '../../../src/studio/vocab.ts';

test('CJK characters and emoji are one character each and round-trip', () => {
  const text = '细胞状态 cell state 🙂🙂 细胞 👍🏽';
  const v = StudioVocab.fromText(text);
  const ids = v.encode(text);
  assert.equal(ids.length, Array.from(text).length);
  assert.equal(v.decode(ids), text);
  assert.ok(v.has('🙂') && v.has('细') && v.has('🏽')); // a skin-tone modifier is its own code point
  assert.equal(v.chars[v.id('🙂')], '🙂');
});

test('ids: unknown first, then by falling frequency, ties by code point', () => {
  const v = StudioVocab.fromText('ccc bb a 字字字字');
  assert.deepEqual(v.chars, [UNKNOWN, '字', ' ', 'c', 'b', 'a']);
  assert.equal(v.unknownId, 0);
});

test('maxSize keeps the most frequent characters and maps the rest to the unknown symbol', () => {
  const v = StudioVocab.fromText('aaaa bbb cc d 🙂', { maxSize: 4 }); // unknown, a, space, b
  assert.deepEqual(v.chars, [UNKNOWN, ' ', 'a', 'b']);
  assert.deepEqual([...v.encode('abcd🙂x')], [2, 3, 0, 0, 0, 0]);
  assert.equal(v.decode(v.encode('a c')), `a ${UNKNOWN}`);
  assert.equal(v.unknownCount('abcd🙂'), 3);
  assert.equal(v.has(UNKNOWN), false);
});

test('any text round-trips through encode/decode and toJSON/fromJSON when every character fits', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), (s) => {
      fc.pre(!s.includes(UNKNOWN));
      const v = StudioVocab.fromText(s, { maxSize: 20000 });
      const w = StudioVocab.fromJSON(JSON.parse(JSON.stringify(v)));
      return w.decode(w.encode(s)) === s && w.chars.join('') === v.chars.join('');
    }),
  );
});

test('fromJSON names what is wrong', () => {
  assert.throws(() => StudioVocab.fromJSON({}), { message: 'vocab.chars: expected an array of characters, got nothing' });
  assert.throws(() => StudioVocab.fromJSON({ chars: [UNKNOWN] }), /vocab.chars: expected between 2 and 20000 characters, got 1/);
  assert.throws(() => StudioVocab.fromJSON({ chars: ['a', 'b'] }), /vocab.chars: chars\[0\] expected the unknown symbol U\+FFFD, got "a"/);
  assert.throws(() => StudioVocab.fromJSON({ chars: [UNKNOWN, 'a', 'a'] }), /vocab.chars: chars\[2\] character "a" \(U\+0061\) repeats chars\[1\]/);
  assert.throws(() => StudioVocab.fromJSON({ chars: [UNKNOWN, 'ab'] }), /vocab.chars: chars\[1\] expected a single Unicode code point, got "ab"/);
  assert.throws(() => StudioVocab.fromText('abc', { maxSize: 1 }), /options.maxSize expected an integer in \[2, 20000\], got 1/);
});
