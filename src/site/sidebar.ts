/**
 * The sidebar in reading order, computed from the chapter files. Starlight's automatic sidebar
 * groups pages by folder relative to src/content/docs, which does not fit chapters in ./content,
 * so the site lists the pages by slug instead: sorted by frontmatter `sidebar.order`, then by file
 * name. Starlight localises each slug (en/… or zh-cn/…) and takes labels from the page titles.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `sidebar.order` from a page's frontmatter (inline `{ order: 4 }` or block form), if any. */
export function sidebarOrder(source: string): number | undefined {
	const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
	const inline = /^sidebar:\s*\{[^}]*\border:\s*(-?\d+(?:\.\d+)?)/m.exec(frontmatter);
	const block = /^sidebar:[ \t]*\r?\n(?:[ \t]+.*\r?\n)*?[ \t]+order:\s*(-?\d+(?:\.\d+)?)/m.exec(frontmatter + '\n');
	const match = inline ?? block;
	return match ? Number(match[1]) : undefined;
}

/** Slugs of the pages in `dir` (one language folder), in reading order; `index` is the home page. */
export function sidebarSlugs(dir: string): string[] {
	const pages = readdirSync(dir)
		.filter((f) => /^[^_].*\.mdx?$/.test(f))
		.map((file) => ({
			slug: file.replace(/\.mdx?$/, ''),
			order: sidebarOrder(readFileSync(join(dir, file), 'utf8')) ?? Number.POSITIVE_INFINITY,
		}));
	pages.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
	return pages.map((p) => p.slug);
}
