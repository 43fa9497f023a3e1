import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import LZString from 'lz-string';
import { decodeHash, encodeHash, migrate } from '../../../src/widgets/shared/link-hash.ts';
import { parseState, writeState } from '../../../src/widgets/shared/url-state.ts';
import { WIDGETS } from '../../../src/widgets/registry.ts';

/** A query string as widgets write it: `prefix.field=value` pairs, any text in the values. */
const queryString = fc
  .array(fc.tuple(fc.stringMatching(/^[a-z]{1,6}\.[a-zA-Z]{1,8}$/), fc.string({ maxLength: 30 })), { maxLength: 8 })
  .map((pairs) => new URLSearchParams(pairs).toString());
const anchor = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);

test('encode then decode gives back the anchor, the state and the pinned state', () => {
  fc.assert(
    fc.property(anchor, queryString, fc.option(queryString), (a, state, pinned) => {
      const decoded = decodeHash(encodeHash({ anchor: a, state, pinned }));
      assert.deepEqual(decoded, { anchor: a, state, pinned, problems: [] });
    }),
  );
});

test('a link without state is the plain anchor, so ordinary heading links are unchanged', () => {
  fc.assert(fc.property(anchor, (a) => assert.equal(encodeHash({ anchor: a, state: '', pinned: null }), `#${a}`)));
});

test('a long state is shorter in the hash than in the query string', () => {
  const state = new URLSearchParams({ 'seq.text': 'hello world '.repeat(20), 'seq.seed': '12', 'seq.t': '6' }).toString();
  const hash = encodeHash({ anchor: 'sequence-stepper', state, pinned: null });
  assert.ok(hash.length < state.length * 0.6, `${hash.length} vs ${state.length}`);
});

test('any hash decodes without throwing; what it cannot read is named, and yields no state', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200 }), (a, b) => {
      for (const hash of [a, `#x&v=2&s=${a}&pin=${b}`, `#x&v=${a}&s=${b}`]) {
        const decoded = decodeHash(hash);
        if (decoded.problems.includes('unreadable-state')) assert.equal(decoded.state, '');
        if (decoded.problems.includes('unknown-version')) assert.deepEqual([decoded.state, decoded.pinned], ['', null]);
      }
    }),
  );
});

test('pinning the defaults is a pin, not the absence of one', () => {
  assert.equal(decodeHash(encodeHash({ anchor: 'cell-explorer', state: '', pinned: '' })).pinned, '');
  assert.equal(decodeHash('#cell-explorer').pinned, null);
});

test('an unknown version and an undecodable part are reported, not guessed at', () => {
  assert.deepEqual(decodeHash('#a&v=9&s=' + LZString.compressToEncodedURIComponent('cell.x=1')).problems, ['unknown-version']);
  assert.deepEqual(decodeHash('#a&v=2&s=%%%&pin=' + 'A'.repeat(9000)).problems, ['unreadable-state', 'unreadable-pin']);
  assert.equal(decodeHash('#%E0%A4%A').anchor, '', 'a malformed escape gives no anchor');
});

test('migrate: a version-1 link (query string) reads to the same state as before, for every widget', () => {
  for (const widget of WIDGETS) {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...Object.keys(widget.schema)), fc.string({ maxLength: 12 })), { maxLength: 5 }), (pairs) => {
        const search = new URLSearchParams(pairs.map(([f, v]) => [`${widget.prefix}.${f}`, v])).toString();
        const migrated = migrate(`?${search}`, `#${widget.anchor}`);
        assert.deepEqual(parseState(widget.schema, widget.prefix, migrated.state), parseState(widget.schema, widget.prefix, search));
        assert.equal(migrated.anchor, widget.anchor);
      }),
      { numRuns: 30 },
    );
  }
});

test('migrate: the hash state overrides the query string field by field and keeps the other parameters', () => {
  const migrated = migrate('?cell.x=1&cell.seed=3&present=4', encodeHash({ anchor: 'a', state: 'cell.x=2&cell.x=5', pinned: null }));
  assert.deepEqual([...new URLSearchParams(migrated.state)], [['cell.seed', '3'], ['present', '4'], ['cell.x', '2'], ['cell.x', '5']]);
});

test('a widget state written, hashed and read back is the same state (every widget, any valid state)', () => {
  for (const widget of WIDGETS) {
    const search = writeState(widget.schema, widget.prefix, parseState(widget.schema, widget.prefix, '').state, '');
    const back = migrate('', encodeHash({ anchor: widget.anchor, state: search.slice(1), pinned: null }));
    assert.deepEqual(parseState(widget.schema, widget.prefix, back.state).notices, []);
  }
});
