/**
 * What the cell explorer computes, without the DOM: one LSTM step (src/engine/lstm-step.ts, float64, PyTorch
 * layout) on weights written in the chapter's notation, the presets, the URL schema and the six substituted
 * equations as TeX. The build (static fallback) and the browser (live widget) both use this module.
 *
 * Weights are kept as the chapter writes them: per gate one matrix W ∈ ℝ^{H×(H+I)} acting on [h_{t-1}, x_t]
 * and one bias b ∈ ℝ^H. src/chapters/example-step.ts (toStepParams) packs them into PyTorch's weight_ih/weight_hh split.
 */
import { Rng } from '../../engine/index.ts';
import { runStep, type StepExample } from '../../chapters/example-step.ts';
import { MODES, biasIndex, defaultWeights, defaultsFor, sizes, unflatten, weightIndex, type CellState, type FlatWeights, type Gate, type Mode } from './schema.ts';

export type { StepExample };
export * from './schema.ts';

/** Replaces every array whose length does not fit the state's mode with that mode's default (e.g. a hand-edited link). */
export function normalize(state: CellState): CellState {
	const mode = (MODES as readonly string[]).includes(state.mode) ? (state.mode as Mode) : 'pair';
	const { I, H } = sizes(mode);
	const d = defaultsFor(mode);
	const fit = (a: number[], n: number, fallback: number[]) => (a.length === n ? [...a] : fallback);
	return {
		mode,
		x: fit(state.x, I, d.x),
		h: fit(state.h, H, d.h),
		c: fit(state.c, H, d.c),
		w: fit(state.w, 4 * H * (H + I), d.w),
		b: fit(state.b, 4 * H, d.b),
		seed: state.seed,
	};
}

export const PRESETS = ['remember', 'forget', 'write', 'read', 'random'] as const;
export type Preset = (typeof PRESETS)[number];

/**
 * A bias of ±6 with zero weights pins a gate: σ(6) ≈ 0.9975 (open), σ(−6) ≈ 0.0025 (shut), whatever
 * h_{t-1} and x_t are.
 */
export const PIN = 6;

/**
 * The weights of a preset, starting from the mode's default cell:
 * - remember: f ≈ 1, i ≈ 0, so C_t ≈ C_{t-1} (the memory passes unchanged);
 * - forget:   f ≈ 0, so C_t ≈ i_t ⊙ C̃_t (the old memory is dropped);
 * - write:    i ≈ 1, f ≈ 0, so C_t ≈ C̃_t (the candidate replaces the memory);
 * - read:     o ≈ 1, so h_t ≈ tanh(C_t) (the whole squashed memory is shown);
 * - random:   every weight and bias drawn from U(−1, 1) with the given seed.
 */
export function presetWeights(preset: Preset, mode: Mode, seed: number): FlatWeights {
	const { I, H } = sizes(mode);
	if (preset === 'random') {
		const rng = new Rng(seed);
		const round = (v: number) => Math.round(v * 100) / 100; // two decimals: readable in the editor
		return {
			w: Array.from({ length: 4 * H * (H + I) }, () => round(rng.uniform(-1, 1))),
			b: Array.from({ length: 4 * H }, () => round(rng.uniform(-1, 1))),
		};
	}
	const flat = defaultWeights(mode);
	const pin = (gate: Gate, bias: number) => {
		for (let r = 0; r < H; r++) {
			for (let col = 0; col < H + I; col++) flat.w[weightIndex(gate, r, col, I, H)] = 0;
			flat.b[biasIndex(gate, r, H)] = bias;
		}
	};
	if (preset === 'remember') {
		pin('f', PIN);
		pin('i', -PIN);
	} else if (preset === 'forget') {
		pin('f', -PIN);
	} else if (preset === 'write') {
		pin('i', PIN);
		pin('f', -PIN);
	} else if (preset === 'read') {
		pin('o', PIN);
	}
	return flat;
}

/** One step of the engine's lstmStep on the state's inputs and weights (every intermediate kept). */
export function computeCell(state: CellState): StepExample {
	const s = normalize(state);
	const { I, H } = sizes(s.mode as Mode);
	return runStep(unflatten({ w: s.w, b: s.b }, I, H), s.x, s.h, s.c);
}

/** What each readout shows: symbol (for names), TeX symbol, and the values' range for the bars. */
export const QUANTITIES = [
	{ key: 'f', name: 'f_t', tex: 'f_t', range: 'unit' },
	{ key: 'i', name: 'i_t', tex: 'i_t', range: 'unit' },
	{ key: 'g', name: 'C̃_t', tex: String.raw`\tilde{C}_t`, range: 'signed' },
	{ key: 'o', name: 'o_t', tex: 'o_t', range: 'unit' },
	{ key: 'c', name: 'C_t', tex: 'C_t', range: 'cell' },
	{ key: 'h', name: 'h_t', tex: 'h_t', range: 'signed' },
] as const;
export type Quantity = (typeof QUANTITIES)[number]['key'];

/** Fixed decimals with a typographic minus, never "−0.0000" (readouts). */
export function formatNumber(x: number, digits = 4): string {
	const s = x.toFixed(digits);
	if (/^-0\.?0*$/.test(s)) return s.slice(1);
	return s.replace('-', '\u2212');
}

/** Decimals for TeX (ASCII minus; KaTeX typesets it). */
function texNumber(x: number, digits: number): string {
	const s = x.toFixed(digits);
	return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** The term id that links an equation number to its readout: "f1" is f_t[1], "hp2" is h_{t-1}[2]. */
export type TermId = string;

export interface TexOptions {
	/** Wrap numbers that have a readout or a control in \htmlData{term=…} (needs KaTeX `trust` for \htmlData). */
	marks: boolean;
	/** Decimals of computed values (inputs and weights use one or two). */
	digits?: number;
}

/**
 * The six equations of chapter 4 with the current numbers substituted, in reading order
 * (eq-forget-gate, eq-input-gate, eq-candidate, eq-cell-state, eq-output-gate, eq-hidden-state).
 */
export function equationsTex(s: StepExample, opts: TexOptions): { id: string; quantity: Quantity; tex: string }[] {
	const digits = opts.digits ?? 3;
	const mark = (term: TermId, body: string) => (opts.marks ? String.raw`\htmlData{term=${term}}{${body}}` : body);
	const num = (x: number, d: number) => texNumber(x, d);
	const vec = (v: readonly number[], term: string | null, d = digits) =>
		String.raw`\begin{bmatrix}${v.map((x, k) => (term ? mark(`${term}${k + 1}`, num(x, d)) : num(x, d))).join(String.raw`\\`)}\end{bmatrix}`;
	const inputDigits = (v: readonly number[]) => (v.every((x) => Math.abs(x * 10 - Math.round(x * 10)) < 1e-9) ? 1 : 2);
	const wd = (v: readonly number[]) => inputDigits(v);
	const z = String.raw`\begin{bmatrix}${[
		...s.hPrev.map((x, k) => mark(`hp${k + 1}`, num(x, inputDigits(s.hPrev)))),
		...s.x.map((x, k) => mark(`x${k + 1}`, num(x, inputDigits(s.x)))),
	].join(String.raw`\\`)}\end{bmatrix}`;
	const mat = (rows: readonly (readonly number[])[]) => {
		const d = wd(rows.flat());
		return String.raw`\begin{bmatrix}${rows.map((r) => r.map((x) => num(x, d)).join(' & ')).join(String.raw`\\`)}\end{bmatrix}`;
	};
	const symbol = { i: 'i_t', f: 'f_t', g: String.raw`\tilde{C}_t`, o: 'o_t' } as const;
	const wname = { i: ['W_i', 'b_i'], f: ['W_f', 'b_f'], g: ['W_C', 'b_C'], o: ['W_o', 'b_o'] } as const;
	const gate = (g: Gate) => {
		const act = g === 'g' ? String.raw`\tanh` : String.raw`\sigma`;
		const { W, b } = s.weights[g];
		return String.raw`\begin{aligned}
${symbol[g]} &= ${act}\left(${wname[g][0]}\,[h_{t-1}, x_t] + ${wname[g][1]}\right)\\
 &= ${act}\left(${mat(W)}${z} + ${vec(b, null, wd(b))}\right)\\
 &= ${act}\left(${vec(s.pre[g], null)}\right) = ${vec(s[g], g)}
\end{aligned}`;
	};
	const cell = String.raw`\begin{aligned}
C_t &= f_t \odot C_{t-1} + i_t \odot \tilde{C}_t\\
 &= ${vec(s.f, 'f')} \odot ${vec(s.cPrev, 'cp', inputDigits(s.cPrev))} + ${vec(s.i, 'i')} \odot ${vec(s.g, 'g')}\\
 &= ${vec(s.c, 'c')}
\end{aligned}`;
	const hidden = String.raw`\begin{aligned}
h_t &= o_t \odot \tanh(C_t)\\
 &= ${vec(s.o, 'o')} \odot \tanh${vec(s.c, 'c')}\\
 &= ${vec(s.h, 'h')}
\end{aligned}`;
	return [
		{ id: 'eq-forget-gate', quantity: 'f', tex: gate('f') },
		{ id: 'eq-input-gate', quantity: 'i', tex: gate('i') },
		{ id: 'eq-candidate', quantity: 'g', tex: gate('g') },
		{ id: 'eq-cell-state', quantity: 'c', tex: cell },
		{ id: 'eq-output-gate', quantity: 'o', tex: gate('o') },
		{ id: 'eq-hidden-state', quantity: 'h', tex: hidden },
	];
}
