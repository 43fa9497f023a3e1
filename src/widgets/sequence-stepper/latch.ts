/**
 * A hand-set LSTM that latches a value (chapters 2 and 3): no training, every weight chosen so that one
 * gate decision is visible per step.
 *
 * Input x_t ∈ ℝ⁴ = [value, write, read, clear]: a value channel that changes every step, and three flags that
 * are 1 on a few steps and 0 otherwise. Two units (H = 2), with W_hh = 0 so each gate reads only x_t:
 *
 *   unit 1, the latch:
 *     i_t = σ(16·write − 8)            shut (σ(−8) ≈ 0.0003) except when write fires (σ(8) ≈ 0.9997)
 *     f_t = σ(8 − 16·write − 16·clear) open (≈ 0.9997) except on write or clear, where it drops to ≈ 0.0003
 *     C̃_t = tanh(2·value)              the candidate always follows the value
 *     o_t = σ(16·read − 8)             shut except when read fires: h_t ≈ 0 while the value is held,
 *                                       h_t ≈ tanh(C_t) on a read step
 *   → on a write step C_t ≈ tanh(2·value) (old memory dropped, new value written); on idle steps C_t stays
 *     (f ≈ 1, i ≈ 0) while h_t stays near 0; on a read step h_t shows it; on a clear step C_t ≈ 0.
 *
 *   unit 2, the follower (a cell without memory, for contrast):
 *     i_t = σ(8), f_t = σ(−8), C̃_t = tanh(2·value), o_t = σ(4)
 *   → C_t ≈ tanh(2·value) at every step: it forgets the past at once, like a feed-forward unit.
 *
 * Stored in PyTorch's layout (weight_ih [4H, I] rows i, f, g, o; weight_hh [4H, H]; two biases) and run
 * with the engine's lstmStep.
 */
import { Rng, type LstmStepParams } from '../../engine/index.ts';

export const LATCH_INPUT_SIZE = 4;
export const LATCH_HIDDEN_SIZE = 2;
/** Names of the input channels, in order. */
export const LATCH_CHANNELS = ['value', 'write', 'read', 'clear'] as const;

/** How hard the flags push a gate: ±8 puts σ within 0.0004 of 0 or 1. */
const SHARP = 8;

/** The latch LSTM's parameters (see the module comment for what each row does). */
export function latchParams(): LstmStepParams {
	const I = LATCH_INPUT_SIZE;
	const H = LATCH_HIDDEN_SIZE;
	const weightIh = new Float64Array(4 * H * I);
	const biasIh = new Float64Array(4 * H);
	// w lists the weights of [value, write, read, clear].
	const set = (gate: number, unit: number, w: [number, number, number, number], b: number) => {
		const row = gate * H + unit;
		weightIh.set(w, row * I);
		biasIh[row] = b;
	};
	const [I_, F, G, O] = [0, 1, 2, 3];
	// unit 1: the latch
	set(I_, 0, [0, 2 * SHARP, 0, 0], -SHARP);
	set(F, 0, [0, -2 * SHARP, 0, -2 * SHARP], SHARP);
	set(G, 0, [2, 0, 0, 0], 0);
	set(O, 0, [0, 0, 2 * SHARP, 0], -SHARP);
	// unit 2: the follower
	set(I_, 1, [0, 0, 0, 0], SHARP);
	set(F, 1, [0, 0, 0, 0], -SHARP);
	set(G, 1, [2, 0, 0, 0], 0);
	set(O, 1, [0, 0, 0, 0], 4);
	return {
		inputSize: I,
		hiddenSize: H,
		weightIh,
		weightHh: new Float64Array(4 * H * H), // W_hh = 0: the gates read only x_t
		biasIh,
		biasHh: new Float64Array(4 * H),
	};
}

/** Length of the pulse train and the (0-based) steps where the flags fire. */
export const PULSE_LENGTH = 24;
export const WRITE_STEPS: readonly number[] = [2, 13];
export const READ_STEPS: readonly number[] = [6, 11, 17];
export const CLEAR_STEPS: readonly number[] = [8, 19];

/**
 * The pulse train: T = 24 inputs [value, write, read, clear]; values drawn from U(−1, 1) with `seed` (two
 * decimals; on write steps at least 0.5 in size); write at steps 3 and 14, read at 7, 12 and 18, clear at 9 and 20 (1-based, as the widget shows
 * them). The read at 12 comes after a clear, so it shows an empty memory.
 */
export function pulseTrain(seed: number): number[][] {
	const rng = new Rng(seed);
	const xs: number[][] = [];
	for (let t = 0; t < PULSE_LENGTH; t++) {
		// A written value is at least 0.5 in size, so what the latch holds is easy to see.
		const raw = WRITE_STEPS.includes(t) ? (rng.next() < 0.5 ? -1 : 1) * rng.uniform(0.5, 1) : rng.uniform(-1, 1);
		const value = Math.round(raw * 100) / 100;
		const flag = (steps: readonly number[]) => (steps.includes(t) ? 1 : 0);
		xs.push([value, flag(WRITE_STEPS), flag(READ_STEPS), flag(CLEAR_STEPS)]);
	}
	return xs;
}
