/**
 * The sequence stepper's URL schema and the bounds it needs, with no engine: the widget's declaration (loaded on
 * every page with a stepper) reads them; the models come with the widget's module and its worker.
 */
import type { Schema, StateOf } from '../shared/url-state.ts';

export const MODELS = ['latch', 'char'] as const;
export type ModelName = (typeof MODELS)[number];

/** Longest text the character model reads (characters). */
export const MAX_TEXT = 200;

/** Default text: a sentence of chapter 2 (section 2.3). */
export const DEFAULT_TEXT = 'Nothing moves from slot to slot; each slot is a running value that is scaled and added to.';
export const DEFAULT_SEED = 7;
export const SPEEDS = ['0.5', '1', '2', '4'] as const;
/** Units per heatmap page for the 32-unit model. */
export const UNITS_PER_PAGE = 8;
/** The most units a model of the stepper has (the character model's H; a unit test checks the checkpoint). */
export const MAX_UNITS = 32;

/** URL schema (prefix "seq"); the model default is set per page by the component. */
export function stepperSchema(defaultModel: ModelName) {
	return {
		model: { kind: 'enum', default: defaultModel, values: MODELS },
		seed: { kind: 'int', default: DEFAULT_SEED, min: 0, max: 2 ** 31 - 1 },
		text: { kind: 'text', default: DEFAULT_TEXT, maxLength: MAX_TEXT },
		/** Current step, 1-based as shown. */
		t: { kind: 'int', default: 1, min: 1, max: MAX_TEXT },
		/** Unit of the C_t line chart and the readouts, 1-based. */
		unit: { kind: 'int', default: 1, min: 1, max: MAX_UNITS },
		/** First unit shown in the heatmaps, 1-based (clampToTrace snaps it to the first unit of its page). */
		from: { kind: 'int', default: 1, min: 1, max: MAX_UNITS },
		speed: { kind: 'enum', default: '2', values: SPEEDS },
	} satisfies Schema;
}
export type StepperState = StateOf<ReturnType<typeof stepperSchema>>;
