import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tensor } from '../../../src/engine/index.ts';
import { formatLogArguments, formatValue, LIMITS } from '../../../src/widgets/notebook/format.ts';
import { closeTo, runHiddenTests } from '../../../src/widgets/notebook/hidden-tests.ts';
import { decodeShared, withSharedCells } from '../../../src/widgets/notebook/share.ts';

test('a tensor prints its shape, dtype and aligned rows', () => {
	const t = new Tensor(new Float64Array([1, 2.5, -3, 4, 5, 6]), [2, 3]);
	assert.equal(formatValue(t), `Tensor [2, 3] ${t.dtype}\n1  2.5  -3\n4    5   6`);
});

test('a long tensor row and long arrays are elided, saying how many were left out', () => {
	const t = new Tensor(new Float32Array(100).map((_, i) => i), [100]);
	const text = formatValue(t);
	assert.match(text, /^Tensor \[100\] float32\n0  1  2  3  …  96  97  98  99$/);
	const list = formatValue(Array.from({ length: 50 }, (_, i) => i));
	assert.equal(list, `[0, 1, 2, 3, 4, … 40 more, 45, 46, 47, 48, 49]`);
	assert.equal(list.split(',').length, LIMITS.items + 1);
});

test('values print as a reader expects; console.log leaves strings unquoted', () => {
	assert.equal(formatValue({ a: 1 / 3, b: 'x', c: [true, null] }), '{ a: 0.333333, b: "x", c: [true, null] }');
	const cyclic: Record<string, unknown> = {};
	cyclic.self = cyclic;
	assert.equal(formatValue(cyclic), '{ self: [circular] }');
	assert.equal(formatLogArguments(['loss', 0.25, [1]]), 'loss 0.25 [1]');
	assert.equal(formatValue(new Map([['k', 1]])), 'Map(1) {"k" => 1}');
});

test('hidden tests name the failing case with expected and actual', async () => {
	const tests = { fn: 'sigma', tolerance: 1e-6, cases: [{ args: [0], expected: 0.5 }, { args: [2], expected: 1 / (1 + Math.exp(-2)) }] };
	assert.deepEqual(await runHiddenTests(tests, (z: number) => 1 / (1 + Math.exp(-z))), { ok: true, passed: 2, failures: [] });
	const broken = await runHiddenTests(tests, (z: number) => Math.tanh(z));
	assert.equal(broken.ok, false);
	assert.deepEqual(broken.failures[0], { name: 'sigma(0)', expected: '0.5', actual: '0' });
	assert.equal(closeTo(new Float32Array([1, 2]), [1, 2], 0), true);
	assert.equal((await runHiddenTests(tests, undefined)).failures[0].expected, 'a function named sigma');
});

test('shared code round-trips through the hash; a damaged hash gives nothing', () => {
	const cells = { 'keras-fit': 'console.log("hi")\n// 中文' };
	assert.deepEqual(decodeShared(withSharedCells('', cells)), cells);
	assert.deepEqual(decodeShared('#cells=%%%garbage'), {});
	assert.deepEqual(decodeShared('#other'), {});
});

test('writing the link replaces its cells part, keeps an anchor, and drops the part when nothing changed', () => {
	const one = withSharedCells('#exercises', { a: '1' });
	assert.match(one, /^#exercises&cells=/);
	assert.deepEqual(decodeShared(one), { a: '1' });
	const two = withSharedCells(one, { a: '2', b: 'x' });
	assert.equal(two.split('cells=').length, 2, 'one cells part, not two');
	assert.deepEqual(decodeShared(two), { a: '2', b: 'x' });
	assert.equal(withSharedCells(two, {}), '#exercises');
	assert.equal(withSharedCells(withSharedCells('', { a: '1' }), {}), '');
});
