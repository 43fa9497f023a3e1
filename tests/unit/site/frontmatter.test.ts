import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'astro/zod';
import { chapterFields, exerciseSchema, hintsOf, rejectUnknownKeys, unknownKeys } from '../../../src/site/frontmatter.ts';

const ex = (n: number, extra: object = {}) => ({ id: `ex-4-${n}`, prompt: 'P', answer: 'A', ...extra });

test('a valid exercise list parses, with the numeric tolerance defaulting to 0.001', () => {
	const parsed = chapterFields.parse({
		exercises: [ex(1, { check: { type: 'numeric', value: 0.5 } }), ex(2, { hint: 'H' }), ex(3)],
	});
	assert.deepEqual(parsed.exercises?.[0].check, { type: 'numeric', value: 0.5, tolerance: 0.001 });
});

test('exercises are optional but, when present, number 3 to 8 with unique ids', () => {
	assert.deepEqual(chapterFields.parse({}), {});
	assert.throws(() => chapterFields.parse({ exercises: [ex(1), ex(2)] }), /3 to 8 exercises/);
	assert.throws(() => chapterFields.parse({ exercises: [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ex(n)) }), /3 to 8 exercises/);
	assert.throws(() => chapterFields.parse({ exercises: [ex(1), ex(1), ex(2)] }), /unique/);
});

test('exercise items reject unknown keys, bad ids and out-of-range choices', () => {
	assert.throws(() => exerciseSchema.parse(ex(1, { solution: 'x' })), /Unrecognized key/);
	assert.throws(() => exerciseSchema.parse({ ...ex(1), id: 'exercise1' }), /ex-4-1/);
	assert.throws(
		() => exerciseSchema.parse(ex(1, { check: { type: 'choice', options: ['a', 'b'], correct: 2 } })),
		/zero-based index/,
	);
});

test('unknown top-level frontmatter keys are reported by name', () => {
	assert.deepEqual(unknownKeys({ title: 'T', sidebar: {}, exercise: [], order: 3 }), ['exercise', 'order']);
	const schema = rejectUnknownKeys(z.object({ title: z.string() }));
	assert.deepEqual(schema.parse({ title: 'T' }), { title: 'T' });
	assert.throws(() => schema.parse({ title: 'T', exercise: [] }), /unknown frontmatter key \\"exercise\\"/);
});

test('a hint is one text or a list revealed in order; an empty list or an empty hint is refused', () => {
	assert.deepEqual(hintsOf(exerciseSchema.parse(ex(1, { hint: 'H' }))), ['H']);
	assert.deepEqual(hintsOf(exerciseSchema.parse(ex(1, { hint: ['gentle', 'telling'] }))), ['gentle', 'telling']);
	assert.deepEqual(hintsOf(exerciseSchema.parse(ex(1))), []);
	assert.throws(() => exerciseSchema.parse(ex(1, { hint: [] })), /hint/);
	assert.throws(() => exerciseSchema.parse(ex(1, { hint: ['ok', ''] })), /hint/);
});
