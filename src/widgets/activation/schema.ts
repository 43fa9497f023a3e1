/**
 * The activation explorer's range of z and its URL schema, with no engine: the widget's declaration (loaded on
 * every page with the explorer) needs them; σ and tanh come with the widget's module (model.ts).
 */
import type { Schema } from '../shared/url-state.ts';

/** Range of z on the slider and the chart. */
export const Z_MIN = -6;
export const Z_MAX = 6;
export const Z_STEP = 0.05;
/** z the widget starts from (and returns to on Reset). */
export const Z_DEFAULT = 1;

/** URL schema (prefix "act"): the chosen z, so a link shows the same point. */
export const ACTIVATION_SCHEMA = {
	z: { kind: 'number', default: Z_DEFAULT, min: Z_MIN, max: Z_MAX },
} satisfies Schema;
