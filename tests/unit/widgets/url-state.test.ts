import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultState, readState, writeState, type Schema } from '../../../src/widgets/shared/url-state.ts';

const schema = {
  x: { kind: 'numbers', default: [0.5, -1], length: 2, min: -5, max: 5 },
  seed: { kind: 'int', default: 42, min: 0 },
  scale: { kind: 'number', default: 1 },
  preset: { kind: 'enum', default: 'none', values: ['none', 'remember', 'forget'] },
  clip: { kind: 'bool', default: false },
} satisfies Schema;

test('defaults are written as no parameters at all', () => {
  assert.equal(writeState(schema, 'cell', defaultState(schema), ''), '');
});

test('a written state reads back identically, other parameters untouched', () => {
  const state = { x: [0.1, 0.30000000000000004], seed: 7, scale: -2.5e-7, preset: 'forget', clip: true };
  const search = writeState(schema, 'cell', state, '?lang=en&grad.T=50');
  assert.match(search, /lang=en/);
  assert.match(search, /grad\.T=50/);
  assert.deepEqual(readState(schema, 'cell', search), state);
});

test('writing again replaces the widget’s old parameters', () => {
  const first = writeState(schema, 'cell', { ...defaultState(schema), seed: 1 }, '');
  const second = writeState(schema, 'cell', { ...defaultState(schema), scale: 3 }, first);
  assert.equal(second, '?cell.scale=3');
});

test('malformed or out-of-range fields fall back to their defaults one by one', () => {
  const state = readState(schema, 'cell', '?cell.x=1,zz&cell.seed=2.5&cell.scale=Infinity&cell.preset=evil&cell.clip=yes');
  assert.deepEqual(state, defaultState(schema));
  const mixed = readState(schema, 'cell', '?cell.x=9,0&cell.seed=3');
  assert.deepEqual(mixed.x, [0.5, -1], 'x out of [-5, 5] is rejected');
  assert.equal(mixed.seed, 3);
  assert.deepEqual(readState(schema, 'cell', '?cell.x=1,2,3').x, [0.5, -1], 'wrong length is rejected');
});

test('prefixes keep widgets apart', () => {
  const search = '?cell.seed=5&race.seed=9';
  assert.equal(readState(schema, 'cell', search).seed, 5);
  assert.equal(readState(schema, 'race', search).seed, 9);
});

test('defaultState returns fresh arrays', () => {
  const a = defaultState(schema);
  a.x[0] = 99;
  assert.equal(defaultState(schema).x[0], 0.5);
});
