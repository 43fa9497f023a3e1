import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_BYTES, MIN_CHARS, checkCorpusText, codePointCount, decodeCorpusFile, splitHoldout, utf8Length, type CorpusCheck } from '../../../src/studio/corpus.ts';

const REASONS = ['empty', 'too-short', 'too-large', 'binary', 'not-utf8'];
const utf8 = (s: string) => new TextEncoder().encode(s);
const prose = (n: number) => 'The cell state carries memory. 细胞状态 🙂\n'.repeat(Math.ceil(n / 38)).slice(0, n);

function isCheck(c: CorpusCheck): boolean {
  return c.ok ? typeof c.text === 'string' : REASONS.includes(c.reason);
}

test('any bytes give a CorpusCheck, never a throw', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4000 }), (bytes) => isCheck(decodeCorpusFile(bytes))),
    { numRuns: 300 },
  );
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 3000 }), (s) => isCheck(checkCorpusText(s))), { numRuns: 300 });
});

test('valid UTF-8 text of any script comes back exactly, BOM dropped, line endings made \\n', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', minLength: MIN_CHARS, maxLength: 1500 }), (s) => {
      const text = s.replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f\r]/g, 'x');
      fc.pre(codePointCount(text) >= MIN_CHARS && text.trim().length > 0);
      const r = decodeCorpusFile(utf8('\uFEFF' + text));
      return r.ok && r.text === text;
    }),
    { numRuns: 100 },
  );
  const r = checkCorpusText(prose(1200).replace(/\n/g, '\r\n'));
  assert.ok(r.ok && !r.text.includes('\r') && r.text.startsWith('The cell'));
});

test('each problem gets its reason, with the numbers the message needs', () => {
  assert.deepEqual(decodeCorpusFile(new Uint8Array(0)), { ok: false, reason: 'empty', chars: 0, bytes: 0 });
  assert.deepEqual(checkCorpusText(' \n\t '), { ok: false, reason: 'empty', chars: 0, bytes: 4 });
  assert.deepEqual(checkCorpusText('细'.repeat(999)), { ok: false, reason: 'too-short', chars: 999, bytes: 2997 });
  assert.equal(checkCorpusText('🙂'.repeat(MIN_CHARS)).ok, true); // 1000 code points, 2000 UTF-16 units
  // Latin-1 "café" repeated: 0xE9 alone is not UTF-8.
  const latin1 = new Uint8Array(2000).map((_, k) => (k % 5 === 4 ? 0xe9 : 0x61));
  assert.deepEqual(decodeCorpusFile(latin1), { ok: false, reason: 'not-utf8', bytes: 2000 });
  // A PNG signature and header: NUL bytes.
  const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52);
  assert.equal((decodeCorpusFile(png) as { reason: string }).reason, 'binary');
  assert.equal((checkCorpusText(prose(1500) + '\u0000') as { reason: string }).reason, 'binary');
  const big = new Uint8Array(MAX_BYTES + 1).fill(0x61);
  assert.deepEqual(decodeCorpusFile(big), { ok: false, reason: 'too-large', bytes: MAX_BYTES + 1 });
  assert.deepEqual(checkCorpusText('é'.repeat(MAX_BYTES / 2 + 1)), { ok: false, reason: 'too-large', bytes: MAX_BYTES + 2 });
  assert.equal(checkCorpusText('a'.repeat(MAX_BYTES)).ok, true);
});

test('utf8Length and codePointCount agree with TextEncoder and Array.from', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => utf8Length(s) === utf8(s).length && codePointCount(s) === Array.from(s).length),
  );
});

test('splitHoldout keeps the last tenth (rounded) for validation, cut at a code point', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), (s) => {
      const { train, validation } = splitHoldout(s);
      const n = Array.from(s).length;
      return train + validation === s && Array.from(validation).length === Math.max(1, Math.floor((n + 5) / 10));
    }),
  );
  const { train, validation } = splitHoldout('ab'.repeat(4) + '🙂🙂'); // 10 code points: the last one held out
  assert.equal(validation, '🙂');
  assert.equal(train, 'abababab🙂');
});
