import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CellSyntaxError, cellPosition, prepareCell, stripTypes } from '../../../src/widgets/notebook/transpile.ts';

/** Runs a prepared cell the way the worker does, with a module table and a sink for its names. */
async function run(ts: string, modules: Record<string, unknown> = {}) {
	const prepared = prepareCell(stripTypes(ts), 'cell-test.ts');
	const g = globalThis as Record<string, unknown>;
	let exported: Record<string, () => unknown> = {};
	g.__require = (name: string) => modules[name];
	g.__export = (names: Record<string, () => unknown>) => (exported = names);
	try {
		const value = await (0, eval)(prepared.source)();
		return { value, names: Object.fromEntries(Object.entries(exported).map(([k, get]) => [k, get()])), prepared };
	} finally {
		delete g.__require;
		delete g.__export;
	}
}

test('stripping types keeps every line where it was', () => {
	const ts = 'const a: number = 1;\ninterface P { x: number }\nfunction f(x: P): number {\n  return x.x;\n}\n';
	assert.equal(stripTypes(ts).split('\n').length, ts.split('\n').length);
});

test('top-level names, imports and the last expression', async () => {
	const { value, names } = await run(
		"import { LSTM as L, type Rng } from 'cell-state';\nconst a: number = 2, { b, c: d } = { b: 3, c: 4 };\nfunction f() { return 1 }\nclass K {}\nfor (let i = 0; i < 1; i++) { const hidden = i; }\na * b * d;",
		{ 'cell-state': { LSTM: 'lstm' } },
	);
	assert.equal(value, 24);
	assert.deepEqual(Object.keys(names).sort(), ['K', 'L', 'a', 'b', 'd', 'f']);
	assert.equal(names.L, 'lstm');
});

test('a cell ending in a statement has no value; a multi-line last expression is whole', async () => {
	assert.equal((await run('const x = 1;\nif (x) { x + 1 }')).value, undefined);
	assert.equal((await run('const x = [1, 2]\nx\n  .map((v) => v * 2)\n  .join(",")')).value, '2,4');
	assert.equal((await run('const t = `a${1 + 1}b`; // done\nt // the template')).value, 'a2b');
});

test('a runtime error maps to the line and column of the TypeScript cell', async () => {
	const ts = 'const a: number = 1;\nconst b: { x: number } | null = null;\nconst c: number = (b as any).x;';
	await assert.rejects(run(ts), (error: Error) => {
		const m = /cell-test\.ts:(\d+):(\d+)/.exec(error.stack ?? '')!;
		const prepared = prepareCell(stripTypes(ts), 'cell-test.ts');
		// `.x` of null: V8 points at the property access; in the TypeScript line `(b as any).x` it is column 30.
		const at = cellPosition(prepared, ts, Number(m[1]), Number(m[2]));
		assert.equal(at.line, 3);
		assert.equal(ts.split('\n')[2].slice(at.column - 1).startsWith('x') || ts.split('\n')[2][at.column - 1] === '.', true, `column ${at.column}`);
		return true;
	});
});

test('an error on the first line, where the wrapper shares the line, still maps to the cell', async () => {
	const ts = 'const q: string = missing;';
	await assert.rejects(run(ts), (error: Error) => {
		const m = /cell-test\.ts:(\d+):(\d+)/.exec(error.stack ?? '')!;
		const at = cellPosition(prepareCell(stripTypes(ts), 'cell-test.ts'), ts, Number(m[1]), Number(m[2]));
		assert.deepEqual(at, { line: 1, column: ts.indexOf('missing') + 1 });
		return true;
	});
});

test('a syntax error names the line and column of the cell', () => {
	assert.throws(() => stripTypes('const ok = 1;\nconst x = ;'), (error: CellSyntaxError) => error.line === 2 && error.column >= 10);
});
