/**
 * Runs a code exercise's hidden cases against the reader's function and says which failed, with the expected
 * and the actual value. Numbers compare within the exercise's tolerance; arrays and objects element by
 * element. DOM-free (unit-tested in Node).
 */
import { formatValue } from './format.ts';
import type { HiddenTests } from './protocol.ts';

export interface HiddenTestResult {
	ok: boolean;
	passed: number;
	failures: { name: string; expected: string; actual: string; message?: string }[];
}

/** True if `actual` equals `expected`, numbers within `tolerance` (absolute). */
export function closeTo(actual: unknown, expected: unknown, tolerance: number): boolean {
	if (typeof expected === 'number') return typeof actual === 'number' && (Math.abs(actual - expected) <= tolerance || actual === expected);
	if (Array.isArray(expected)) {
		const list = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
		return Array.isArray(list) && list.length === expected.length && expected.every((e, i) => closeTo(list[i], e, tolerance));
	}
	if (typeof expected === 'object' && expected !== null) {
		if (typeof actual !== 'object' || actual === null) return false;
		return Object.entries(expected).every(([k, e]) => closeTo((actual as Record<string, unknown>)[k], e, tolerance));
	}
	return Object.is(actual, expected);
}

const call = (name: string, args: unknown[]) => `${name}(${args.map((a) => formatValue(a)).join(', ')})`;

export async function runHiddenTests(tests: HiddenTests, fn: unknown): Promise<HiddenTestResult> {
	if (typeof fn !== 'function') {
		return { ok: false, passed: 0, failures: [{ name: tests.fn, expected: `a function named ${tests.fn}`, actual: formatValue(fn) }] };
	}
	const failures: HiddenTestResult['failures'] = [];
	let passed = 0;
	for (const { args, expected } of tests.cases) {
		const name = call(tests.fn, args);
		try {
			const actual = await fn(...structuredClone(args));
			if (closeTo(actual, expected, tests.tolerance)) passed++;
			else failures.push({ name, expected: formatValue(expected), actual: formatValue(actual) });
		} catch (error) {
			failures.push({ name, expected: formatValue(expected), actual: 'an exception', message: error instanceof Error ? error.message : String(error) });
		}
	}
	return { ok: failures.length === 0, passed, failures };
}
