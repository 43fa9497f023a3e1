import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstmStep } from '../../../src/engine/lstm-step.ts';
import { readState, writeState } from '../../../src/widgets/shared/url-state.ts';
import {
	PIN,
	PRESETS,
	cellSchema,
	computeCell,
	defaultsFor,
	equationsTex,
	flatten,
	normalize,
	presetWeights,
	unflatten,
	weightIndex,
	type CellState,
	type Mode,
} from '../../../src/widgets/cell-explorer/model.ts';
import { example, exampleWeights } from '../../../src/chapters/worked-examples.ts';
import { renderTex } from '../../../src/site/tex.ts';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number, what: string) => {
	assert.equal(a.length, b.length, `${what}: length`);
	for (let k = 0; k < a.length; k++) assert.ok(Math.abs(a[k] - b[k]) <= tol, `${what}[${k}]: ${a[k]} vs ${b[k]} (tol ${tol})`);
};
const withPreset = (preset: (typeof PRESETS)[number], mode: Mode, patch: Partial<CellState> = {}): CellState => ({
	...defaultsFor(mode),
	...presetWeights(preset, mode, 1),
	...patch,
});

test('the default cell is chapter 4’s worked example', () => {
	const s = computeCell(defaultsFor('pair'));
	close(s.f, example.f, 0, 'f');
	close(s.c, example.c, 0, 'C');
	close(s.h, example.h, 0, 'h');
});

test('the chapter layout maps onto PyTorch’s weight_ih / weight_hh split', () => {
	// Put one weight on each column of W_f's first row and check the pre-activation by hand:
	// columns 0..H-1 multiply h_{t-1}, columns H..H+I-1 multiply x_t.
	const state = defaultsFor('pair');
	state.w = state.w.map(() => 0);
	state.b = state.b.map(() => 0);
	[0.5, -1, 2, 3].forEach((v, col) => (state.w[weightIndex('f', 0, col, 2, 2)] = v));
	state.h = [0.2, -0.4];
	state.x = [1, 0.5];
	const s = computeCell(state);
	const z = 0.5 * 0.2 + -1 * -0.4 + 2 * 1 + 3 * 0.5;
	assert.ok(Math.abs(s.pre.f[0] - z) < 1e-12, `pre_f[0] = ${s.pre.f[0]}, expected ${z}`);
	assert.ok(Math.abs(s.f[0] - sigmoid(z)) < 1e-12);
	assert.equal(s.pre.f[1], 0);
	// And the same through the engine directly, in PyTorch's layout: weight_hh row 2 (f, unit 1) = [0.5, −1], weight_ih row 2 = [2, 3].
	const weightIh = new Float64Array(16);
	const weightHh = new Float64Array(16);
	weightIh.set([2, 3], 2 * 2);
	weightHh.set([0.5, -1], 2 * 2);
	const r = lstmStep({ inputSize: 2, hiddenSize: 2, weightIh, weightHh, biasIh: new Float64Array(8), biasHh: new Float64Array(8) }, [1, 0.5], [0.2, -0.4], [0.8, -0.5]);
	close(r.f, s.f, 1e-15, 'f vs engine');
	close(r.c, s.c, 1e-15, 'C vs engine');
});

test('flatten and unflatten are inverses', () => {
	assert.deepEqual(unflatten(flatten(exampleWeights), 2, 2), JSON.parse(JSON.stringify(exampleWeights)));
	assert.throws(() => unflatten({ w: [1, 2], b: [0] }, 2, 2), /expected 32 weights and 8 biases/);
});

for (const mode of ['pair', 'scalar'] as const) {
	test(`${mode}: "remember everything" keeps C_t ≈ C_{t-1} whatever the inputs`, () => {
		for (const x of [[1, 0.5], [-2, 2], [0, 0]]) {
			const s = computeCell(withPreset('remember', mode, { x: x.slice(0, mode === 'scalar' ? 1 : 2) }));
			for (let j = 0; j < s.c.length; j++) {
				assert.ok(s.f[j] > 0.997 && s.i[j] < 0.003, `f = ${s.f[j]}, i = ${s.i[j]}`);
				assert.ok(Math.abs(s.c[j] - s.cPrev[j]) < 0.01, `C_t = ${s.c[j]} vs C_{t-1} = ${s.cPrev[j]}`);
			}
		}
	});

	test(`${mode}: "forget everything" drops C_{t-1}`, () => {
		const a = computeCell(withPreset('forget', mode));
		const b = computeCell(withPreset('forget', mode, { c: defaultsFor(mode).c.map((v) => -v * 3) }));
		for (let j = 0; j < a.c.length; j++) {
			assert.ok(a.f[j] < 0.003);
			assert.ok(Math.abs(a.c[j] - a.i[j] * a.g[j]) < 0.01, 'C_t ≈ i_t C̃_t');
			assert.ok(Math.abs(a.c[j] - b.c[j]) < 0.02, 'C_t hardly depends on C_{t-1}');
		}
	});

	test(`${mode}: "write" replaces the memory by the candidate`, () => {
		const s = computeCell(withPreset('write', mode));
		for (let j = 0; j < s.c.length; j++) {
			assert.ok(s.i[j] > 0.997 && s.f[j] < 0.003);
			assert.ok(Math.abs(s.c[j] - s.g[j]) < 0.01, `C_t = ${s.c[j]}, C̃_t = ${s.g[j]}`);
		}
	});

	test(`${mode}: "read" opens the output gate, h_t ≈ tanh(C_t)`, () => {
		const s = computeCell(withPreset('read', mode));
		for (let j = 0; j < s.c.length; j++) {
			assert.ok(Math.abs(s.o[j] - sigmoid(PIN)) < 1e-12);
			assert.ok(Math.abs(s.h[j] - Math.tanh(s.c[j])) < 0.005);
		}
	});
}

test('"random" weights come from the seed: same seed, same weights; different seed, different weights', () => {
	const a = presetWeights('random', 'pair', 5);
	assert.deepEqual(presetWeights('random', 'pair', 5), a);
	assert.notDeepEqual(presetWeights('random', 'pair', 6), a);
	assert.ok(a.w.every((v) => v >= -1 && v <= 1));
	assert.equal(a.w.length, 32);
	assert.equal(presetWeights('random', 'scalar', 5).w.length, 8);
});

test('the state schema round-trips through the URL, and bad lengths fall back to the mode’s defaults', () => {
	const state: CellState = { ...withPreset('random', 'pair'), x: [0.3, -1.7], h: [0.1, 0.9], c: [2.5, -3], seed: 99 };
	const search = writeState(cellSchema, 'cell', state, '?seq.t=4');
	assert.match(search, /seq\.t=4/);
	assert.deepEqual(readState(cellSchema, 'cell', search), state);
	assert.equal(writeState(cellSchema, 'cell', defaultsFor('pair'), ''), '');

	const scalar = { ...defaultsFor('scalar'), x: [0.4] };
	assert.deepEqual(normalize(readState(cellSchema, 'cell', writeState(cellSchema, 'cell', scalar, ''))), scalar);
	// A pair-sized x in scalar mode is not trusted.
	const mixed = normalize(readState(cellSchema, 'cell', '?cell.mode=scalar&cell.x=1,2'));
	assert.deepEqual(mixed.x, defaultsFor('scalar').x);
	// Out-of-range values are clamped into the controls' range.
	assert.deepEqual(readState(cellSchema, 'cell', '?cell.x=9,0').x, [2, 0]);
});

test('the six equations render with KaTeX, carry the current numbers, and mark terms only when asked', () => {
	const s = computeCell(defaultsFor('pair'));
	const eqs = equationsTex(s, { marks: false });
	assert.deepEqual(eqs.map((e) => e.id), ['eq-forget-gate', 'eq-input-gate', 'eq-candidate', 'eq-cell-state', 'eq-output-gate', 'eq-hidden-state']);
	for (const e of eqs) assert.doesNotThrow(() => renderTex(e.tex, true), e.id);
	assert.ok(eqs[0].tex.includes(s.f[0].toFixed(3)), 'f_t[1] appears in the forget-gate equation');
	assert.ok(eqs[5].tex.includes(s.h[1].toFixed(3)), 'h_t[2] appears in the hidden-state equation');
	assert.ok(!eqs.some((e) => e.tex.includes('htmlData')));
	const marked = equationsTex(s, { marks: true });
	assert.ok(marked[3].tex.includes(String.raw`\htmlData{term=f1}{${s.f[0].toFixed(3)}}`));
	assert.ok(marked[0].tex.includes(String.raw`\htmlData{term=hp2}{-0.4}`));
});
