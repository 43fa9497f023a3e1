/** The unrolled chain's window: the current step is always inside, second where the sequence allows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CELLS, windowSteps } from '../../../src/widgets/unrolled-chain/model.ts';

test('the window holds CELLS consecutive steps around t, clipped to the sequence', () => {
	assert.deepEqual(windowSteps(0, 10), [0, 1, 2, 3]);
	assert.deepEqual(windowSteps(5, 10), [4, 5, 6, 7]);
	assert.deepEqual(windowSteps(9, 10), [6, 7, 8, 9]);
	assert.deepEqual(windowSteps(1, 2), [0, 1]);
	for (let T = 1; T <= 7; T++) {
		for (let t = 0; t < T; t++) {
			const w = windowSteps(t, T);
			assert.equal(w.length, Math.min(CELLS, T));
			assert.ok(w.includes(t));
			assert.ok(w[0] >= 0 && w.at(-1)! < T);
		}
	}
});

test('a step outside the sequence is refused with a message naming it', () => {
	assert.throws(() => windowSteps(10, 10), /step t = 10 must be a whole number in \[0, 9\]/);
	assert.throws(() => windowSteps(0.5, 3), /t = 0.5/);
});
