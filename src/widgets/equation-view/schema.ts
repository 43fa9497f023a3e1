/**
 * The equation view's choices and URL schema, with no engine: the widget's declaration (loaded with chapter 4)
 * needs them; the numbers come with the widget's module (model.ts).
 */
import type { Schema } from '../shared/url-state.ts';
import { RANGES, defaultsFor } from '../cell-explorer/schema.ts';

export const EQUATIONS = ['forget', 'input', 'candidate', 'cell', 'output', 'hidden'] as const;
export type EquationId = (typeof EQUATIONS)[number];

export const EQUATION_VIEW_SCHEMA = {
	eq: { kind: 'enum', default: 'forget', values: EQUATIONS },
	x: { kind: 'numbers', default: defaultsFor('pair').x, length: 2, min: RANGES.x.min, max: RANGES.x.max },
} satisfies Schema;
