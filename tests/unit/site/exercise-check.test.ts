import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAnswer, parseNumber } from '../../../src/site/exercise-check.ts';
import type { ExerciseCheck } from '../../../src/site/frontmatter.ts';

test('parseNumber reads the ways readers type numbers', () => {
	const cases: Array<[string, number]> = [
		['0.5', 0.5], [' .5 ', 0.5], ['-0.25', -0.25], ['\u22120.25', -0.25], ['5e-1', 0.5], ['1/2', 0.5],
		['0,5', 0.5], ['\uFF10\uFF0E\uFF15', 0.5], ['+3', 3], ['24832', 24832], ['1 / 4', 0.25],
	];
	for (const [text, value] of cases) assert.equal(parseNumber(text), value, text);
});

test('parseNumber rejects what is not a number', () => {
	for (const text of ['', 'abc', '0.5.1', '1/0', '1,000,000', 'NaN', 'Infinity', '--1', '0x10']) {
		assert.equal(parseNumber(text), null, text);
	}
});

test('numeric checks accept answers within the tolerance (inclusive) and reject the rest', () => {
	const check: ExerciseCheck = { type: 'numeric', value: 0.5, tolerance: 0.001 };
	assert.equal(checkAnswer(check, '0.5'), 'correct');
	assert.equal(checkAnswer(check, '0.501'), 'correct');
	assert.equal(checkAnswer(check, '0.4990'), 'correct');
	assert.equal(checkAnswer(check, '0.5011'), 'incorrect');
	assert.equal(checkAnswer(check, '-0.5'), 'incorrect');
	assert.equal(checkAnswer(check, 'half'), 'invalid');
	assert.equal(checkAnswer(check, null), 'invalid');
});

test('a zero tolerance still accepts the exact value despite decimal round-off', () => {
	assert.equal(checkAnswer({ type: 'numeric', value: 0.3, tolerance: 0 }, String(0.1 + 0.2)), 'correct');
	assert.equal(checkAnswer({ type: 'numeric', value: 24832, tolerance: 0 }, '24833'), 'incorrect');
});

test('choice checks compare the chosen index', () => {
	const check: ExerciseCheck = { type: 'choice', options: ['a', 'b', 'c'], correct: 1 };
	assert.equal(checkAnswer(check, '1'), 'correct');
	assert.equal(checkAnswer(check, 1), 'correct');
	assert.equal(checkAnswer(check, '0'), 'incorrect');
	assert.equal(checkAnswer(check, null), 'invalid');
	assert.equal(checkAnswer(check, '3'), 'invalid');
	assert.equal(checkAnswer(check, '1.5'), 'invalid');
});
