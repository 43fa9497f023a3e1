/**
 * The one-equation view: its derivatives are the derivatives of the engine's step (checked by central
 * finite differences through lstmStep itself), and bad input is refused with a message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EQUATIONS, equationParts, exampleStep } from '../../../src/widgets/equation-view/model.ts';
import { computeCell, defaultsFor } from '../../../src/widgets/cell-explorer/model.ts';

const EPS = 1e-6;
const x = [0.7, -0.3];

test('gate derivatives: σ′(a) and tanh′(a) equal finite differences of the engine’s gate in its pre-activation', () => {
	// Shift the bias b of the gate: a moves by exactly the shift, so d(gate)/da = d(gate)/db.
	const gates = { forget: 'f', input: 'i', candidate: 'g', output: 'o' } as const;
	const base = { ...defaultsFor('pair'), x };
	const biasOffset = { i: 0, f: 2, g: 4, o: 6 } as const;
	for (const [eq, g] of Object.entries(gates)) {
		const parts = equationParts(eq as keyof typeof gates, exampleStep(x));
		for (let j = 0; j < 2; j++) {
			const shifted = (d: number) => {
				const b = [...base.b];
				b[biasOffset[g] + j] += d;
				return computeCell({ ...base, b })[g][j];
			};
			const numeric = (shifted(EPS) - shifted(-EPS)) / (2 * EPS);
			assert.ok(Math.abs(parts.derivatives[0].values[j] - numeric) < 1e-8, `${eq}[${j}]: ${parts.derivatives[0].values[j]} vs ${numeric}`);
		}
	}
});

test('cell and hidden state: ∂C_t/∂C_{t-1} = f_t and ∂h_t/∂C_t agree with finite differences of the engine', () => {
	const base = { ...defaultsFor('pair'), x };
	const cell = equationParts('cell', exampleStep(x));
	for (let j = 0; j < 2; j++) {
		const at = (d: number) => {
			const c = [...base.c];
			c[j] += d;
			return computeCell({ ...base, c }).c[j];
		};
		assert.ok(Math.abs(cell.derivatives[0].values[j] - (at(EPS) - at(-EPS)) / (2 * EPS)) < 1e-8);
	}
	// h_t = o_t tanh(C_t): with o_t fixed, move C_t through C_{t-1} (∂C_t/∂C_{t-1} = f_t) and divide it out.
	const hidden = equationParts('hidden', exampleStep(x));
	const s = exampleStep(x);
	for (let j = 0; j < 2; j++) {
		const at = (d: number) => {
			const c = [...base.c];
			c[j] += d;
			return computeCell({ ...base, c }).h[j];
		};
		const dhdCprev = (at(EPS) - at(-EPS)) / (2 * EPS);
		assert.ok(Math.abs(hidden.derivatives[1].values[j] - dhdCprev / s.f[j]) < 1e-7);
	}
});

test('every equation shows the engine’s own result, and bad input is refused by name', () => {
	const s = exampleStep(x);
	const key = { forget: 'f', input: 'i', candidate: 'g', cell: 'c', output: 'o', hidden: 'h' } as const;
	for (const eq of EQUATIONS) assert.deepEqual(equationParts(eq, s).result.values, [...s[key[eq]]]);
	assert.throws(() => exampleStep([1]), /x_t must have 2 entries/);
	assert.throws(() => equationParts('nope' as never, s), /'nope' is not one of forget/);
});
