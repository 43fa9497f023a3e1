import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { coerceField, defaultState, parseState, readState, writeState, type FieldSpec, type Schema } from '../../../src/widgets/shared/url-state.ts';
import { formatValue, noticeLine } from '../../../src/widgets/runtime/notices.ts';
import { WIDGETS } from '../../../src/widgets/registry.ts';

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

test('malformed fields fall back to their defaults, out-of-range ones to the nearest bound', () => {
  const state = readState(schema, 'cell', '?cell.x=1,zz&cell.seed=2.5&cell.scale=Infinity&cell.preset=evil&cell.clip=yes');
  assert.deepEqual(state, { ...defaultState(schema), seed: 3 }, 'seed 2.5 rounds to 3; the rest are not values at all');
  const mixed = readState(schema, 'cell', '?cell.x=9,0&cell.seed=3');
  assert.deepEqual(mixed.x, [5, 0], 'x above 5 is clamped to 5');
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

test('each change a link needed is reported, with the value used instead', () => {
  const { state, notices } = parseState(schema, 'cell', '?cell.seed=0x10&cell.scale=1e309&cell.x=-7,2&cell.preset=evil&cell.bogus=1&cell.seed=4');
  assert.equal(state.seed, 42, 'hex is not a decimal number');
  const byField = Object.fromEntries(notices.map((n) => [`${n.field}:${n.reason}`, n]));
  assert.equal(byField['seed:malformed'].used, 42);
  assert.equal(byField['seed:duplicate'].raw, '4');
  assert.equal(byField['scale:malformed'].used, 1, '1e309 is Infinity: no bound to clamp to, so the default');
  assert.deepEqual(byField['x:below-min'].used, [-5, 2]);
  assert.equal(byField['x:below-min'].limit, -5);
  assert.equal(byField['preset:not-a-choice'].used, 'none');
  assert.equal(byField['bogus:unknown'].raw, '1');
  assert.equal(notices.length, 6);
});

test('integers: fractions round to the nearest whole number inside the bounds; huge exponents clamp', () => {
  const ints = { T: { kind: 'int', default: 50, min: 10, max: 200 } } satisfies Schema;
  assert.deepEqual(parseState(ints, 'g', '?g.T=12.4').state.T, 12);
  assert.deepEqual(parseState(ints, 'g', '?g.T=1e7').notices[0], { field: 'T', reason: 'above-max', raw: '1e7', used: 200, limit: 200 });
  assert.deepEqual(parseState(ints, 'g', '?g.T=-1e308').state.T, 10);
  assert.equal(parseState(ints, 'g', '?g.T=200.4').state.T, 200);
});

test('index lists: fractions and repeats are dropped, too few entries give the default', () => {
  const picks = { v: { kind: 'numbers', default: [0, 1], minLength: 2, maxLength: 4, min: 0, max: 5, integer: true, unique: true } } satisfies Schema;
  assert.deepEqual(parseState(picks, 'a', '?a.v=0.5,1.5').state.v, [0, 1]);
  assert.equal(parseState(picks, 'a', '?a.v=0.5,1.5').notices[0].reason, 'wrong-length');
  assert.deepEqual(parseState(picks, 'a', '?a.v=0,1.5').state.v, [0, 1], 'one valid index is below the minimum of two');
  const kept = parseState(picks, 'a', '?a.v=2,2,3');
  assert.deepEqual(kept.state.v, [2, 3]);
  assert.equal(kept.notices[0].reason, 'items-dropped');
});

test('the notice line names the field and the bound, in both languages', () => {
  const ints = { T: { kind: 'int', default: 50, min: 10, max: 200 } } satisfies Schema;
  const { notices } = parseState(ints, 'g', '?g.T=1e7');
  assert.equal(noticeLine(notices, 'en', () => 'T'), 'The link set T = 10⁷; the largest is 200.');
  assert.equal(noticeLine(notices, 'zh-cn', () => 'T'), '链接把 T 设为 10⁷；最大只能取 200。');
  assert.equal(noticeLine([], 'en', () => 'T'), '');
  const many = parseState(ints, 'g', '?g.T=1e7&g.a=1&g.b=2&g.c=3&g.d=4').notices;
  assert.match(noticeLine(many, 'en', (f) => f), /\(2 more changes to the link\.\)$/);
});

test('formatValue writes powers of ten as a reader would', () => {
  assert.equal(formatValue(1e7), '10⁷');
  assert.equal(formatValue(2.5e-8), '2.5 × 10⁻⁸');
  assert.equal(formatValue(200), '200');
  assert.equal(formatValue([1, 2]), '1, 2');
});

test('coerceField brings any value into the schema', () => {
  const spec: FieldSpec = { kind: 'int', default: 3, min: 1, max: 9 };
  assert.equal(coerceField(spec, 4.6), 5);
  assert.equal(coerceField(spec, 100), 9);
  assert.equal(coerceField(spec, NaN), 3);
  assert.equal(coerceField(spec, '7'), 3);
});

/** True when `value` is one the spec allows. */
function allowed(spec: FieldSpec, value: unknown): boolean {
  switch (spec.kind) {
    case 'number':
    case 'int':
      return typeof value === 'number' && Number.isFinite(value) && (spec.kind === 'number' || Number.isInteger(value)) &&
        (spec.min === undefined || value >= spec.min) && (spec.max === undefined || value <= spec.max);
    case 'numbers': {
      if (!Array.isArray(value)) return false;
      const okLength = spec.length !== undefined ? value.length === spec.length : value.length >= (spec.minLength ?? 0) && value.length <= (spec.maxLength ?? Infinity);
      return okLength && value.every((v) => Number.isFinite(v) && (!spec.integer || Number.isInteger(v)) && (spec.min === undefined || v >= spec.min) && (spec.max === undefined || v <= spec.max)) &&
        (!spec.unique || new Set(value).size === value.length);
    }
    case 'enum':
      return spec.values.includes(value as string);
    case 'text':
      return typeof value === 'string' && (spec.maxLength === undefined || [...value].length <= spec.maxLength);
    case 'bool':
      return typeof value === 'boolean';
  }
}

/** What a link's raw text means when taken literally (the oracle for "used as written"). */
function asWritten(spec: FieldSpec, raw: string): unknown {
  switch (spec.kind) {
    case 'number':
    case 'int':
      return Number(raw);
    case 'numbers':
      return raw === '' ? [] : raw.split(',').map(Number);
    case 'bool':
      return raw === '1';
    default:
      return raw;
  }
}

const hostile = fc.oneof(
  fc.string(),
  fc.constantFrom('1e308', '-1e308', 'NaN', 'Infinity', '0x10', '0.5', '-3', '1.5,2.5', '<script>alert(1)</script>', '', ' ', '1,,2', '%00', '9'.repeat(400)),
  fc.double().map(String),
  fc.array(fc.integer({ min: -5, max: 300 }), { maxLength: 8 }).map((a) => a.join(',')),
);

for (const widget of WIDGETS) {
  test(`${widget.tag}: any link gives a valid state, and a notice whenever a value was changed`, () => {
    const fields = Object.keys(widget.schema);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...fields, 'nope'), hostile), { maxLength: 6 }), (pairs) => {
        const params = new URLSearchParams();
        for (const [field, raw] of pairs) params.append(`${widget.prefix}.${field}`, raw);
        const { state, notices } = parseState(widget.schema, widget.prefix, params.toString());
        for (const [field, spec] of Object.entries(widget.schema)) assert.ok(allowed(spec, (state as Record<string, unknown>)[field]), `${field} = ${JSON.stringify((state as Record<string, unknown>)[field])}`);
        // Whatever was not used as written is reported: a round trip of the state reads back unchanged and silent.
        const again = parseState(widget.schema, widget.prefix, writeState(widget.schema, widget.prefix, state, ''));
        assert.deepEqual(again.state, state);
        assert.deepEqual(again.notices, []);
        // A field without a notice was used exactly as the link wrote it.
        const seen = new Set<string>();
        for (const [field, raw] of pairs) {
          if (seen.has(field)) continue;
          seen.add(field);
          if (notices.some((n) => n.field === field)) continue;
          const spec = widget.schema[field];
          assert.ok(spec, `no notice for the unknown field ${field}`);
          assert.deepEqual((state as Record<string, unknown>)[field], asWritten(spec, raw), `${field}=${JSON.stringify(raw).slice(0, 60)} changed silently`);
        }
      }),
      { numRuns: 300 },
    );
  });
}
