/**
 * Content collections. Chapters live in ./content/{en,zh-cn}/*.mdx (same file names in both
 * languages) and are loaded into Starlight's `docs` collection with a glob loader, so entry ids are
 * `en/04-math` and `zh-cn/04-math` and Starlight's i18n routing works unchanged.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { chapterFields, rejectUnknownKeys } from './site/frontmatter.ts';

const starlightWithChapters = docsSchema({ extend: chapterFields });

export const collections = {
	docs: defineCollection({
		loader: glob({ base: './content', pattern: '**/[^_]*.{md,mdx}' }),
		schema: (context) => rejectUnknownKeys(starlightWithChapters(context)),
	}),
};
