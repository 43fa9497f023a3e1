/**
 * What the LSTM cell diagram shows, without the DOM: its stages, which quantity each wire carries, and the
 * numbers written on the wires. The build (static SVG in components/CellDiagram.astro) and the browser
 * (src/widgets/cell-diagram/diagram.ts) both read it, so the picture and its live numbers never disagree.
 */
import type { Schema } from '../shared/url-state.ts';

/**
 * The stages in the order the chapter teaches them, then "all":
 *   forget  f_t = σ(W_f·[h_{t-1}, x_t] + b_f) scales C_{t-1}
 *   input   i_t and the candidate C̃_t = tanh(W_C·[h_{t-1}, x_t] + b_C)
 *   update  C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t
 *   output  o_t, then h_t = o_t ⊙ tanh(C_t)
 */
export const STAGES = ['all', 'forget', 'input', 'update', 'output'] as const;
export type Stage = (typeof STAGES)[number];

/** The quantities that ride a wire: x_t, h_{t-1} ("hp"), C_{t-1} ("cp"), the gates, C_t and h_t. */
export const WIRES = ['x', 'hp', 'cp', 'f', 'i', 'g', 'o', 'c', 'h'] as const;
export type Wire = (typeof WIRES)[number];

/** The stages in which each wire takes part (the inputs feed every gate, so every stage but update). */
export const WIRE_STAGES: Record<Wire, readonly Exclude<Stage, 'all'>[]> = {
	x: ['forget', 'input', 'output'],
	hp: ['forget', 'input', 'output'],
	cp: ['forget', 'update'],
	f: ['forget', 'update'],
	i: ['input', 'update'],
	g: ['input', 'update'],
	c: ['update', 'output'],
	o: ['output'],
	h: ['output'],
};

/** The URL field of the stage control (prefix of the widget that holds it). */
export const stageField = { kind: 'enum', default: 'all', values: STAGES } as const satisfies Schema[string];

/** The numbers of one step that the diagram writes on its wires (each a vector of H entries, x of I). */
export interface WireValues {
	x: readonly number[];
	hPrev: readonly number[];
	cPrev: readonly number[];
	f: readonly number[];
	i: readonly number[];
	g: readonly number[];
	o: readonly number[];
	c: readonly number[];
	h: readonly number[];
}

/** The vector a wire carries in a step. */
export function wireVector(values: WireValues, wire: Wire): readonly number[] {
	if (wire === 'hp') return values.hPrev;
	if (wire === 'cp') return values.cPrev;
	return values[wire];
}

/** A wire's number as written on it: three decimals, a typographic minus, never "−0.000". */
export function wireNumber(x: number): string {
	const s = x.toFixed(3);
	if (/^-0\.0*$/.test(s)) return s.slice(1);
	return s.replace('-', '\u2212');
}

/** The next stage after `stage` (after "output" comes "all", after "all" comes "forget"). */
export function nextStage(stage: Stage, delta = 1): Stage {
	const k = STAGES.indexOf(stage);
	return STAGES[(k + delta + STAGES.length) % STAGES.length];
}
