/**
 * Chapter frontmatter: Starlight's fields plus `exercises`. Unknown keys fail the build (a typo such
 * as `exercise:` or `sidebar_order:` would otherwise be dropped silently).
 */
import { z } from 'astro/zod';

const numericCheck = z
	.object({
		type: z.literal('numeric'),
		value: z.number(),
		tolerance: z.number().nonnegative().default(1e-3),
	})
	.strict();

const choiceCheck = z
	.object({
		type: z.literal('choice'),
		options: z.array(z.string()).min(2),
		/** Zero-based index into `options`. */
		correct: z.number().int().nonnegative(),
	})
	.strict()
	.refine((c) => c.correct < c.options.length, {
		message: 'check.correct must be the zero-based index of one of check.options',
	});

/**
 * A code exercise: the reader edits `starter` in a code cell; the hidden `cases` call the function named `fn`
 * in the cell worker and compare with `expected` (numbers within `tolerance`).
 */
const codeCheck = z
	.object({
		type: z.literal('code'),
		fn: z.string().regex(/^[A-Za-z_$][\w$]*$/, 'check.fn is the name of the function the reader writes'),
		starter: z.string().min(1),
		tolerance: z.number().nonnegative().default(1e-6),
		cases: z.array(z.object({ args: z.array(z.unknown()), expected: z.unknown() }).strict()).min(1),
	})
	.strict();

export const exerciseSchema = z
	.object({
		/** Same id in both languages, e.g. `ex-4-1`. Used as the HTML id of the exercise. */
		id: z.string().regex(/^ex-[a-z0-9]+(?:-[a-z0-9]+)*$/, 'exercise ids look like "ex-4-1"'),
		prompt: z.string().min(1),
		/** One hint, or several revealed one at a time ("Show a hint"), from the gentlest to the most telling. */
		hint: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
		answer: z.string().min(1),
		check: z.union([numericCheck, choiceCheck, codeCheck]).optional(),
	})
	.strict();

export type Exercise = z.infer<typeof exerciseSchema>;

/** An exercise's hints as a list, in the order they are revealed. */
export function hintsOf(exercise: Pick<Exercise, 'hint'>): string[] {
	const { hint } = exercise;
	return hint === undefined ? [] : typeof hint === 'string' ? [hint] : hint;
}
export type ExerciseCheck = NonNullable<Exercise['check']>;

/** What chapters add to Starlight's frontmatter. */
export const chapterFields = z.object({
	exercises: z
		.array(exerciseSchema)
		.min(3, 'a chapter has 3 to 8 exercises')
		.max(8, 'a chapter has 3 to 8 exercises')
		.refine((items) => new Set(items.map((e) => e.id)).size === items.length, {
			message: 'exercise ids must be unique within a chapter',
		})
		.optional(),
});

/** Top-level keys a chapter may use: Starlight's documented fields and ours. */
export const ALLOWED_KEYS = new Set([
	'title', 'description', 'slug', 'editUrl', 'head', 'tableOfContents', 'template', 'hero',
	'lastUpdated', 'prev', 'next', 'sidebar', 'banner', 'pagefind', 'draft',
	...Object.keys(chapterFields.shape),
]);

/** Names of frontmatter keys that are neither Starlight's nor ours. */
export function unknownKeys(data: unknown): string[] {
	if (!data || typeof data !== 'object') return [];
	return Object.keys(data).filter((k) => !ALLOWED_KEYS.has(k));
}

/** Wraps a schema so that unknown top-level keys are reported instead of silently dropped. */
export function rejectUnknownKeys<S extends z.ZodTypeAny>(schema: S) {
	return z.preprocess((data, ctx) => {
		for (const key of unknownKeys(data)) {
			ctx.addIssue({
				code: z.ZodIssueCode.custom,
				path: [key],
				message: `unknown frontmatter key "${key}". Allowed: ${[...ALLOWED_KEYS].join(', ')}.`,
			});
		}
		return data;
	}, schema);
}
