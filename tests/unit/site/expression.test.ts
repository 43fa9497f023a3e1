import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateExpression, ExpressionError } from '../../../src/site/expression.ts';
import { checkAnswer, parseNumber } from '../../../src/site/exercise-check.ts';

test('exact forms readers write', () => {
	assert.equal(evaluateExpression('log2(65)'), Math.log2(65));
	assert.equal(evaluateExpression('0.9^50'), 0.9 ** 50);
	assert.equal(evaluateExpression('2^3^2'), 512); // right-associative
	assert.equal(evaluateExpression('-2^2'), -4); // power binds tighter than minus
	assert.equal(evaluateExpression('1/(1+e^-2)'), 1 / (1 + Math.E ** -2));
	assert.equal(evaluateExpression('2pi'), 2 * Math.PI);
	assert.equal(evaluateExpression('log(8, 2)'), Math.log(8) / Math.log(2));
	assert.equal(evaluateExpression('√(4) × 3 ÷ 2'), 3);
	assert.equal(evaluateExpression('σ(0)'), 0.5);
});

test('anything outside the grammar is refused with an ExpressionError, never evaluated', () => {
	for (const bad of ['alert(1)', 'constructor', '2 +', '(1', '1)', 'log()', 'sqrt(1, 2)', '', '1 ; 2', 'process.exit()', '`1`']) {
		assert.throws(() => evaluateExpression(bad), ExpressionError, bad);
	}
});

test('property: a printed decimal parses to itself', () => {
	fc.assert(
		fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
			// String(-0) is '0', which reads back as 0.
			assert.equal(evaluateExpression(String(x)), Object.is(x, -0) ? 0 : x);
		}),
	);
});

test('property: a random expression tree evaluates like the same tree in JavaScript', () => {
	const leaf = fc.integer({ min: 1, max: 9 }).map((n) => ({ text: String(n), value: n }));
	const tree = fc.letrec<{ node: { text: string; value: number } }>((tie) => ({
		node: fc.oneof(
			{ depthSize: 'small', withCrossShrink: true },
			leaf,
			fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/'), tie('node')).map(([a, op, b]) => ({
				text: `(${a.text} ${op} ${b.text})`,
				value: op === '+' ? a.value + b.value : op === '-' ? a.value - b.value : op === '*' ? a.value * b.value : a.value / b.value,
			})),
		),
	})).node;
	fc.assert(fc.property(tree, ({ text, value }) => Object.is(evaluateExpression(text), value) || Math.abs(evaluateExpression(text) - value) <= 1e-12 * Math.abs(value)));
});

test('property: arbitrary text either parses to a number or throws ExpressionError', () => {
	fc.assert(
		fc.property(fc.string({ unit: fc.constantFrom(...'0123456789.+-*/^() eπlogsqrt,x'.split('')) }), (text) => {
			try {
				assert.equal(typeof evaluateExpression(text), 'number');
			} catch (error) {
				assert.ok(error instanceof ExpressionError, String(error));
			}
		}),
	);
});

test('a numeric check accepts exact forms within its precision and rejects what is outside', () => {
	const check = { type: 'numeric', value: 0.9 ** 50, tolerance: 0.0005 } as const;
	assert.equal(checkAnswer(check, '0.9^50'), 'correct');
	assert.equal(checkAnswer(check, '0.005'), 'correct');
	assert.equal(checkAnswer(check, '0.006'), 'incorrect');
	assert.equal(checkAnswer({ type: 'numeric', value: Math.log2(65), tolerance: 0.01 }, 'log2(65)'), 'correct');
	assert.equal(checkAnswer({ type: 'numeric', value: Math.log2(65), tolerance: 0.01 }, '6'), 'incorrect');
	assert.equal(parseNumber('log2(x)'), null);
});
