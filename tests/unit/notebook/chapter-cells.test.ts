/**
 * Runs the code of chapter 3's and chapter 4's cells as the cell worker would (types stripped, imports from
 * 'cell-state', console captured), so an engine change that breaks a cell fails here, not on a reader's page.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as engine from '../../../src/engine/index.ts';
import * as tasks from '../../../src/widgets/notebook/tasks.ts';
import { prepareCell, stripTypes } from '../../../src/widgets/notebook/transpile.ts';

const MODULES: Record<string, unknown> = { 'cell-state': engine, 'cell-state/tasks': tasks };

/** The cell's last value and its console lines. */
async function runCell(file: string): Promise<{ value: unknown; lines: string[] }> {
	const code = readFileSync(new URL(`../../../src/examples/cells/${file}`, import.meta.url), 'utf8');
	const prepared = prepareCell(stripTypes(code), file);
	const g = globalThis as Record<string, unknown>;
	const lines: string[] = [];
	const log = console.log;
	g.__require = (name: string) => MODULES[name];
	g.__export = () => {};
	console.log = (...args: unknown[]) => lines.push(args.map(String).join(' '));
	try {
		return { value: await (0, eval)(prepared.source)(), lines };
	} finally {
		console.log = log;
		delete g.__require;
		delete g.__export;
	}
}

test('one-step: the hand-written step gives the engine’s h_t to rounding', async () => {
	const { value, lines } = await runCell('one-step.ts');
	assert.equal(typeof value, 'number');
	assert.ok((value as number) < 1e-12, `difference ${value}`);
	assert.match(lines[0], /^engine {2}h_t = /);
	assert.match(lines[1], /^by hand h_t = /);
});

test('gradient-check: every entry of ∂L/∂W_hh agrees with the finite difference', async () => {
	const { value, lines } = await runCell('gradient-check.ts');
	assert.ok((value as number) < 1e-7, `worst relative error ${value}`);
	assert.equal(lines[0], '16 entries of W_hh checked');
});

test('temperature: the engine’s distribution is the hand-written softmax; low τ repeats itself', async () => {
	const { lines } = await runCell('temperature.ts');
	assert.equal(lines.length, 6);
	for (const line of lines.slice(0, 3)) {
		const gap = Number(/by hand: ±([^)]+)\)/.exec(line)![1]);
		assert.ok(gap < 1e-12, line);
	}
	const drawn = lines.slice(3).map((l) => /"(.*)"/.exec(l)![1]);
	const distinct = drawn.map((s) => new Set(s).size);
	assert.ok(drawn.every((s) => s.length === 30));
	assert.ok(distinct[0] < distinct[2], `distinct characters per temperature: ${distinct}`);
	assert.ok([...drawn[0]].filter((ch) => ch === 'e').length >= 25, drawn[0]);
});
