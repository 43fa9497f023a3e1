/**
 * The cell explorer's sizes, ranges, default weights and URL schema, with no engine: the widget's declaration
 * (loaded on every page with the explorer, and by the equation view's) needs them; the step itself comes with the
 * widget's module (model.ts, which re-exports all of this).
 */
import { exampleWeights, type CellWeights } from '../../chapters/example-weights.ts';
import type { Schema, StateOf } from '../shared/url-state.ts';

/** The two sizes: I = H = 2 (chapter 4's example cell) and the scalar cell I = H = 1. */
export const MODES = ['pair', 'scalar'] as const;
export type Mode = (typeof MODES)[number];

/** Gates in PyTorch's storage order; the chapter's C̃ is PyTorch's g. */
export const GATES = ['i', 'f', 'g', 'o'] as const;
export type Gate = (typeof GATES)[number];
/** The order the chapter (and the editor) presents them: forget, input, candidate, output. */
export const GATES_AS_READ: readonly Gate[] = ['f', 'i', 'g', 'o'];

/** I and H of a mode. */
export function sizes(mode: Mode): { I: number; H: number } {
	return mode === 'scalar' ? { I: 1, H: 1 } : { I: 2, H: 2 };
}

/** Scalar cell: the first unit of chapter 4's example, reading h_{t-1}[1] and x_t[1] only. */
const scalarWeights: CellWeights = {
	i: { W: [[-0.4, 0.6]], b: [0.1] },
	f: { W: [[0.5, 0.8]], b: [1.0] },
	g: { W: [[0.7, -0.9]], b: [0.0] },
	o: { W: [[0.2, 0.3]], b: [-0.1] },
};

/** Default inputs of each mode (the pair mode is chapter 4's worked example). */
const DEFAULT_INPUTS: Record<Mode, { x: number[]; h: number[]; c: number[] }> = {
	pair: { x: [1.0, 0.5], h: [0.2, -0.4], c: [0.8, -0.5] },
	scalar: { x: [1.0], h: [0.2], c: [0.8] },
};

/** Ranges of the controls (also the URL's accepted ranges). */
export const RANGES = {
	x: { min: -2, max: 2, step: 0.1 },
	h: { min: -1, max: 1, step: 0.1 },
	c: { min: -3, max: 3, step: 0.1 },
	w: { min: -10, max: 10, step: 0.1 },
} as const;

/** Flat weights: w holds every gate's W row by row in gate order i, f, g, o; b the biases in the same order. */
export interface FlatWeights {
	w: number[];
	b: number[];
}

/** CellWeights → flat arrays (gate order i, f, g, o; W row-major over [h_{t-1}, x_t]). */
export function flatten(weights: CellWeights): FlatWeights {
	const w: number[] = [];
	const b: number[] = [];
	for (const gate of GATES) {
		for (const row of weights[gate].W) w.push(...row);
		b.push(...weights[gate].b);
	}
	return { w, b };
}

/** Flat arrays → CellWeights for sizes I, H. Throws if the lengths do not fit. */
export function unflatten(flat: FlatWeights, I: number, H: number): CellWeights {
	const cols = H + I;
	if (flat.w.length !== 4 * H * cols || flat.b.length !== 4 * H) {
		throw new Error(`unflatten: expected ${4 * H * cols} weights and ${4 * H} biases for I = ${I}, H = ${H}, got ${flat.w.length} and ${flat.b.length}`);
	}
	const out = {} as Record<Gate, { W: number[][]; b: number[] }>;
	GATES.forEach((gate, k) => {
		const W: number[][] = [];
		for (let r = 0; r < H; r++) W.push(flat.w.slice((k * H + r) * cols, (k * H + r + 1) * cols));
		out[gate] = { W, b: flat.b.slice(k * H, (k + 1) * H) };
	});
	return out;
}

/** Index into FlatWeights.w of W_gate[row, col] (0-based), and into b of b_gate[row]. */
export function weightIndex(gate: Gate, row: number, col: number, I: number, H: number): number {
	return (GATES.indexOf(gate) * H + row) * (H + I) + col;
}
export function biasIndex(gate: Gate, row: number, H: number): number {
	return GATES.indexOf(gate) * H + row;
}

export function defaultWeights(mode: Mode): FlatWeights {
	return flatten(mode === 'scalar' ? scalarWeights : exampleWeights);
}

export const DEFAULT_SEED = 1;

/** The URL schema (prefix "cell"); array lengths are checked against the mode by {@link normalize}. */
export const cellSchema = {
	mode: { kind: 'enum', default: 'pair', values: MODES },
	x: { kind: 'numbers', default: DEFAULT_INPUTS.pair.x, min: RANGES.x.min, max: RANGES.x.max },
	h: { kind: 'numbers', default: DEFAULT_INPUTS.pair.h, min: RANGES.h.min, max: RANGES.h.max },
	c: { kind: 'numbers', default: DEFAULT_INPUTS.pair.c, min: RANGES.c.min, max: RANGES.c.max },
	w: { kind: 'numbers', default: defaultWeights('pair').w, min: RANGES.w.min, max: RANGES.w.max },
	b: { kind: 'numbers', default: defaultWeights('pair').b, min: RANGES.w.min, max: RANGES.w.max },
	seed: { kind: 'int', default: DEFAULT_SEED, min: 0, max: 2 ** 31 - 1 },
} satisfies Schema;

export type CellState = StateOf<typeof cellSchema>;

/** The defaults of a mode. */
export function defaultsFor(mode: Mode): CellState {
	const inputs = DEFAULT_INPUTS[mode];
	const weights = defaultWeights(mode);
	return { mode, x: [...inputs.x], h: [...inputs.h], c: [...inputs.c], w: weights.w, b: weights.b, seed: DEFAULT_SEED };
}
