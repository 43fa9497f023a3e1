/** The cell diagram's model: every stage lights the wires its equations use, and the numbers it writes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STAGES, WIRES, WIRE_STAGES, nextStage, wireNumber, wireVector } from '../../../src/widgets/cell-diagram/model.ts';
import { computeCell, defaultsFor } from '../../../src/widgets/cell-explorer/model.ts';

test('each stage lights exactly the wires of its equations', () => {
	const lit = (stage: string) => WIRES.filter((w) => (WIRE_STAGES[w] as readonly string[]).includes(stage)).sort();
	assert.deepEqual(lit('forget'), ['cp', 'f', 'hp', 'x']); // f_t = σ(W_f [h_{t-1}, x_t] + b_f), scaling C_{t-1}
	assert.deepEqual(lit('input'), ['g', 'hp', 'i', 'x']); // i_t and C̃_t from [h_{t-1}, x_t]
	assert.deepEqual(lit('update'), ['c', 'cp', 'f', 'g', 'i']); // C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
	assert.deepEqual(lit('output'), ['c', 'h', 'hp', 'o', 'x']); // o_t, then h_t = o_t ⊙ tanh(C_t)
});

test('the stage control cycles through all five stages in the chapter’s order', () => {
	const seen: (typeof STAGES)[number][] = [STAGES[0]];
	for (let k = 1; k < STAGES.length; k++) seen.push(nextStage(seen[k - 1]));
	assert.deepEqual(seen, ['all', 'forget', 'input', 'update', 'output']);
	assert.equal(nextStage('output'), 'all');
	assert.equal(nextStage('all', -1), 'output');
});

test('wires carry the engine’s step, written with three decimals and a typographic minus', () => {
	const s = computeCell(defaultsFor('pair'));
	assert.deepEqual(wireVector(s, 'hp'), s.hPrev);
	assert.deepEqual(wireVector(s, 'cp'), s.cPrev);
	assert.deepEqual(wireVector(s, 'f'), s.f);
	assert.equal(wireNumber(s.f[0]), '0.893'); // chapter 4's worked example, f_t[1] = 0.8928
	assert.equal(wireNumber(-0.5), '\u22120.500');
	assert.equal(wireNumber(-0.0001), '0.000');
});
