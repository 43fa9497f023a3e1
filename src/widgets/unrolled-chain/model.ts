/**
 * What the unrolled chain shows, without the DOM: which steps of the sequence stepper's trace sit in its
 * window (CELLS side by side, the current one second where it can be), and the numbers each cell writes.
 */
import type { Schema } from '../shared/url-state.ts';

/** Cells drawn side by side. */
export const CELLS = 4;

/** The unit whose C_t rides the line (1-based, as the stepper's readouts count them). */
export const CHAIN_SCHEMA = {
	unit: { kind: 'int', default: 1, min: 1, max: 256 },
} satisfies Schema;

/**
 * The 0-based steps in the window for step `t` of `T`: CELLS of them (fewer if T is shorter), starting one
 * before `t` so the reader sees where C came from and where it goes.
 */
export function windowSteps(t: number, T: number): number[] {
	if (!Number.isInteger(t) || !Number.isInteger(T) || T < 1 || t < 0 || t >= T) {
		throw new RangeError(`windowSteps: step t = ${t} must be a whole number in [0, ${T - 1}] of T = ${T} steps`);
	}
	const n = Math.min(CELLS, T);
	const first = Math.max(0, Math.min(t - 1, T - n));
	return Array.from({ length: n }, (_, k) => first + k);
}
