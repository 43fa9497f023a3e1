/**
 * Checking a reader's answer to an exercise (DOM-free; the <Exercises> component wires it to a form).
 */
import type { ExerciseCheck } from './frontmatter.ts';
import { evaluateExpression } from './expression.ts';

export type CheckResult = 'correct' | 'incorrect' | 'invalid';

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B\uFF0F]/g;

/**
 * Parses what a reader typed as a number. Accepts `0.5`, `.5`, `-0.5`, `−0.5` (Unicode minus),
 * `5e-1`, `1/2`, a decimal comma (`0,5`), full-width digits (`０.５`), surrounding spaces, and exact
 * forms (`log2(65)`, `0.9^50`, `sqrt(2)/2`: src/site/expression.ts).
 * Returns null when the text is not a number.
 */
export function parseNumber(text: string): number | null {
	let s = text
		.trim()
		.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[\u2212\u2013]/g, '-')
		.replace(/\s+/g, '');
	if (/^[-+]?\d+,\d+$/.test(s)) s = s.replace(',', '.');
	const num = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
	const fraction = new RegExp(`^(${num})/(${num})$`).exec(s);
	if (fraction) {
		const value = Number(fraction[1]) / Number(fraction[2]);
		return Number.isFinite(value) ? value : null;
	}
	if (new RegExp(`^${num}$`).test(s)) {
		const value = Number(s);
		return Number.isFinite(value) ? value : null;
	}
	// Exact forms: log2(65), 0.9^50, 1/(1+e^-1) (a safe parser, never eval).
	try {
		const value = evaluateExpression(text);
		return Number.isFinite(value) ? value : null;
	} catch {
		return null;
	}
}

/**
 * Checks an answer. For a numeric check `answer` is the typed text, correct when within
 * `tolerance` (absolute) of `value`; for a choice check it is the chosen option's index.
 */
export function checkAnswer(check: ExerciseCheck, answer: string | number | null): CheckResult {
	if (check.type === 'numeric') {
		const value = typeof answer === 'number' ? answer : parseNumber(answer ?? '');
		if (value === null || Number.isNaN(value)) return 'invalid';
		const tolerance = check.tolerance ?? 1e-3;
		// A little slack for decimal round-off in the stored value (0.1 + 0.2 style).
		return Math.abs(value - check.value) <= tolerance + 1e-12 * Math.max(1, Math.abs(check.value))
			? 'correct'
			: 'incorrect';
	}
	// Code exercises are checked in the cell worker (src/widgets/notebook/hidden-tests.ts).
	if (check.type === 'code') return 'invalid';
	if (answer === null || answer === '') return 'invalid';
	const index = typeof answer === 'number' ? answer : Number(answer);
	if (!Number.isInteger(index) || index < 0 || index >= check.options.length) return 'invalid';
	return index === check.correct ? 'correct' : 'incorrect';
}
