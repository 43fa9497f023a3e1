/**
 * Consistency of the chapters as text (no build, no DOM): both editions exist and match in structure,
 * every internal link lands on an anchor that exists, the equation labels the engine's comments cite are
 * defined, and chapters 1–5 stay within their length budget.
 *
 * Conventions checked (see the README's "Adding a chapter"):
 *   ## 4.1 Forget gate {/* #forget-gate *\/}        heading id
 *   $$ f_t = … \label{eq-forget-gate} $$           equation label
 *   {/* widget: cell-explorer *\/}                  widget marker
 *   exercises: [{ id: ex-4-1, prompt, hint, answer }]   in the frontmatter, 3–8 per chapter
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const LANGS = ['en', 'zh-cn'] as const;
type Lang = (typeof LANGS)[number];

/** Numbered chapters, in reading order. */
const CHAPTERS = [
	'01-background',
	'02-core-concepts',
	'03-algorithm',
	'04-math',
	'05-practice',
	'06-applications',
	'07-tools',
	'08-summary',
	'09-faq',
];
const SLUGS = ['index', ...CHAPTERS, 'glossary'];
/** Chapters whose English text must be 1,200–3,000 words. */
const WORD_BUDGET_CHAPTERS = CHAPTERS.slice(0, 5);
const WORD_BUDGET = { min: 1200, max: 3000 };

/** What a page looks like to these tests: its file, frontmatter and the anchors and links it contains. */
interface Page {
	lang: Lang;
	slug: string;
	/** Path relative to the repository root, for messages. */
	file: string;
	source: string;
	frontmatter: Record<string, unknown>;
	/** Set when the frontmatter is not valid YAML. */
	frontmatterError?: string;
	/** Body with fenced code blocks blanked out (line numbers kept). */
	body: string;
	headingIds: string[];
	equationLabels: string[];
	/** Every id a link may target on this page: headings, equations, other explicit ids, exercises. */
	anchors: Set<string>;
	widgets: string[];
	links: { href: string; line: number }[];
}

const HEADING_ID = /^#{1,6}\s.*\{\/\*\s*#(\S*)\s*\*\/\}\s*$/;
const EQUATION_LABEL = /\\label\s*\{([^}]*)\}/g;
const JSX_ID = /\bid=(?:"([^"]+)"|'([^']+)'|\{\s*["'`]([^"'`]+)["'`]\s*\})/g;
const WIDGET_MARKER = /^\s*\{\/\*\s*widget:\s*([a-z0-9-]+)\s*\*\/\}\s*$/;
/** A placed widget: a self-closing component on its own line, `<CellExplorer />` or `<SequenceStepper model="char" />` → 'cell-explorer', 'sequence-stepper'. */
const WIDGET_TAG = /^\s*<([A-Z][A-Za-z]+)(?:\s[^<>]*)?\/>\s*$/;
const MD_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HREF_ATTR = /\bhref=(?:"([^"]+)"|'([^']+)')/g;

/** Splits `---` frontmatter from the body. Returns an empty frontmatter when there is none. */
function splitFrontmatter(source: string): { yamlText: string; body: string; bodyStartLine: number } {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
	if (!match) return { yamlText: '', body: source, bodyStartLine: 1 };
	return {
		yamlText: match[1],
		body: source.slice(match[0].length),
		bodyStartLine: match[0].split('\n').length,
	};
}

/** Replaces fenced code blocks by empty lines, so their contents are never read as headings or links. */
function blankFencedCode(body: string): string {
	const lines = body.split('\n');
	let fence: string | null = null;
	for (let i = 0; i < lines.length; i++) {
		const m = /^\s*(`{3,}|~{3,})/.exec(lines[i]);
		if (fence) {
			if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
			lines[i] = '';
		} else if (m) {
			fence = m[1];
			lines[i] = '';
		}
	}
	return lines.join('\n');
}

/** All strings inside a parsed YAML value (exercise prompts, hints, answers, options). */
function stringsIn(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(stringsIn);
	if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
	return [];
}

function linksIn(text: string, lineOffset: number): { href: string; line: number }[] {
	const out: { href: string; line: number }[] = [];
	text.split('\n').forEach((line, i) => {
		const withoutInlineCode = line.replace(/`[^`]*`/g, '');
		for (const m of withoutInlineCode.matchAll(MD_LINK)) out.push({ href: m[1], line: lineOffset + i });
		for (const m of withoutInlineCode.matchAll(HREF_ATTR)) out.push({ href: m[1] ?? m[2], line: lineOffset + i });
	});
	return out;
}

function loadPage(lang: Lang, slug: string): Page | undefined {
	const path = join(ROOT, 'content', lang, `${slug}.mdx`);
	if (!existsSync(path)) return undefined;
	return parsePage(lang, slug, relative(ROOT, path), readFileSync(path, 'utf8'));
}

function kebabCase(name: string): string {
	return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Reads headings, labels, widget places (markers or placed components), exercises and links out of one page's source. */
export function parsePage(lang: Lang, slug: string, file: string, source: string): Page {
	const { yamlText, body: rawBody, bodyStartLine } = splitFrontmatter(source);
	let frontmatter: Record<string, unknown> = {};
	let frontmatterError: string | undefined;
	try {
		const parsed = yaml.load(yamlText);
		if (parsed && typeof parsed === 'object') frontmatter = parsed as Record<string, unknown>;
	} catch (error) {
		frontmatterError = (error as Error).message;
	}
	const body = blankFencedCode(rawBody);

	const headingIds: string[] = [];
	const widgets: string[] = [];
	for (const line of body.split('\n')) {
		const h = HEADING_ID.exec(line);
		if (h) headingIds.push(h[1]);
		const w = WIDGET_MARKER.exec(line);
		if (w) widgets.push(w[1]);
		const tag = WIDGET_TAG.exec(line);
		if (tag && tag[1] !== 'Exercises') widgets.push(kebabCase(tag[1]));
	}
	const equationLabels = [...body.matchAll(EQUATION_LABEL)].map((m) => m[1].trim());
	const jsxIds = [...body.matchAll(JSX_ID)].map((m) => m[1] ?? m[2] ?? m[3]);
	for (const id of jsxIds) if (id.startsWith('eq-') && !equationLabels.includes(id)) equationLabels.push(id);

	const anchors = new Set<string>(['_top', ...headingIds, ...equationLabels, ...jsxIds]);
	const exercises = Array.isArray(frontmatter.exercises) ? (frontmatter.exercises as Record<string, unknown>[]) : [];
	if (exercises.length > 0) {
		// components/Exercises.astro renders <h2 id="exercises"> and one <li id="ex-…"> per exercise.
		anchors.add('exercises');
		for (const ex of exercises) if (typeof ex?.id === 'string') anchors.add(ex.id);
	}

	const links = [...linksIn(body, bodyStartLine), ...stringsIn(frontmatter.exercises).flatMap((s) => linksIn(s, 1))];
	return {
		lang,
		slug,
		file,
		source,
		frontmatter,
		frontmatterError,
		body,
		headingIds,
		equationLabels,
		anchors,
		widgets,
		links,
	};
}

const pages = new Map<string, Page>();
for (const lang of LANGS) {
	const dir = join(ROOT, 'content', lang);
	const onDisk = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.mdx')).map((f) => f.slice(0, -4)) : [];
	for (const slug of new Set([...SLUGS, ...onDisk])) {
		const page = loadPage(lang, slug);
		if (page) pages.set(`${lang}/${slug}`, page);
	}
}
const page = (lang: Lang, slug: string) => pages.get(`${lang}/${slug}`);
const fileOf = (lang: Lang, slug: string) => `content/${lang}/${slug}.mdx`;

/** Lists the first place two ordered lists differ, for a readable assertion message. */
function firstDifference(a: string[], b: string[]): string {
	const n = Math.max(a.length, b.length);
	for (let i = 0; i < n; i++) {
		if (a[i] !== b[i]) return `position ${i + 1}: "${a[i] ?? '(none)'}" vs "${b[i] ?? '(none)'}"`;
	}
	return 'none';
}

describe('every page exists in both languages', () => {
	const slugs = new Set([...SLUGS, ...[...pages.values()].map((p) => p.slug)]);
	for (const slug of slugs) {
		test(slug, () => {
			for (const lang of LANGS) {
				assert.ok(page(lang, slug), `${fileOf(lang, slug)} is missing (the other edition has it, or it is a planned page)`);
			}
		});
	}
});

describe('frontmatter parses and both editions agree on sidebar order', () => {
	for (const slug of SLUGS) {
		test(slug, () => {
			for (const lang of LANGS) {
				const p = page(lang, slug);
				if (!p) continue;
				assert.equal(p.frontmatterError, undefined, `${p.file}: frontmatter is not valid YAML: ${p.frontmatterError}`);
				assert.equal(typeof p.frontmatter.title, 'string', `${p.file}: frontmatter has no title`);
			}
			const n = CHAPTERS.indexOf(slug);
			const expected = n >= 0 ? n + 1 : slug === 'glossary' ? 10 : undefined;
			if (expected === undefined) return;
			for (const lang of LANGS) {
				const p = page(lang, slug);
				if (!p) continue;
				const order = (p.frontmatter.sidebar as { order?: unknown } | undefined)?.order;
				assert.equal(order, expected, `${p.file}: sidebar.order is ${String(order)}, expected ${expected}`);
			}
		});
	}
});

describe('both editions define the same heading ids, equation labels and widget markers', () => {
	for (const slug of SLUGS) {
		test(slug, () => {
			const en = page('en', slug);
			const zh = page('zh-cn', slug);
			if (!en || !zh) return; // reported by the existence test
			assert.deepEqual(
				zh.headingIds,
				en.headingIds,
				`${zh.file}: heading ids differ from ${en.file} (same ids, same order expected); first difference at ` +
					firstDifference(en.headingIds, zh.headingIds),
			);
			const missing = en.equationLabels.filter((l) => !zh.equationLabels.includes(l));
			const extra = zh.equationLabels.filter((l) => !en.equationLabels.includes(l));
			assert.ok(
				missing.length === 0 && extra.length === 0,
				`${zh.file}: equation labels differ from ${en.file}; missing in zh-cn: [${missing.join(', ')}], ` +
					`only in zh-cn: [${extra.join(', ')}]`,
			);
			assert.deepEqual(
				zh.widgets,
				en.widgets,
				`${zh.file}: widget markers differ from ${en.file}; first difference at ${firstDifference(en.widgets, zh.widgets)}`,
			);
		});
	}
});

describe('ids are unique within a page', () => {
	for (const p of pages.values()) {
		test(p.file, () => {
			const ids = [...p.headingIds, ...p.equationLabels];
			const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
			assert.deepEqual(dupes, [], `${p.file}: ids defined more than once: ${[...new Set(dupes)].join(', ')}`);
			assert.ok(
				!ids.includes('exercises'),
				`${p.file}: the id "exercises" is reserved for the heading that <Exercises /> renders; choose another id`,
			);
		});
	}
});

describe('chapters end with references and 3–8 exercises, the same in both languages', () => {
	for (const slug of CHAPTERS) {
		test(slug, () => {
			const ids: Partial<Record<Lang, string[]>> = {};
			for (const lang of LANGS) {
				const p = page(lang, slug);
				if (!p) continue;
				assert.ok(
					p.headingIds.includes('references'),
					`${p.file}: no references section (a heading ending in {/* #references */})`,
				);
				const exercises = p.frontmatter.exercises;
				assert.ok(Array.isArray(exercises), `${p.file}: frontmatter has no exercises list`);
				const list = exercises as Record<string, unknown>[];
				assert.ok(
					list.length >= 3 && list.length <= 8,
					`${p.file}: has ${list.length} exercises, expected 3 to 8`,
				);
				// Chapters 2–5 teach with code: one exercise of each is a code exercise, checked in the cell worker.
				if (/\/0[2-5]-/.test(p.file)) {
					assert.ok(
						list.some((ex) => (ex.check as { type?: string } | undefined)?.type === 'code'),
						`${p.file}: chapters 2–5 need a code exercise (check: { type: code, … })`,
					);
				}
				list.forEach((ex, i) => {
					for (const key of ['id', 'prompt', 'hint', 'answer']) {
						const value = ex?.[key];
						// A hint may be a list, revealed one at a time.
						const texts = key === 'hint' && Array.isArray(value) ? value : [value];
						assert.ok(
							texts.length > 0 && texts.every((v) => typeof v === 'string' && v.trim().length > 0),
							`${p.file}: exercise ${i + 1} (${String(ex?.id ?? 'no id')}) has no ${key}`,
						);
					}
				});
				assert.ok(
					/<Exercises\s+items=\{frontmatter\.exercises\}\s*\/>/.test(p.body),
					`${p.file}: the exercises are never shown; end the page with <Exercises items={frontmatter.exercises} />`,
				);
				ids[lang] = list.map((ex) => String(ex?.id));
			}
			if (ids.en && ids['zh-cn']) {
				assert.deepEqual(
					ids['zh-cn'],
					ids.en,
					`${fileOf('zh-cn', slug)}: exercise ids differ from ${fileOf('en', slug)}; first difference at ` +
						firstDifference(ids.en, ids['zh-cn']),
				);
			}
		});
	}
});

/** Resolves a link against the page's URL; returns the target page and anchor, or undefined for external links. */
function resolveLink(from: Page, href: string): { lang: string; slug: string; anchor: string } | { error: string } | undefined {
	if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
	const base = `https://cell-state.invalid/${from.lang}/${from.slug === 'index' ? '' : `${from.slug}/`}`;
	const url = new URL(href, base);
	const anchor = decodeURIComponent(url.hash.slice(1));
	const m = /^\/(en|zh-cn)\/(?:([^/]+)\/?)?$/.exec(url.pathname);
	if (!m) return { error: `points to ${url.pathname}, which is not a chapter page (write ../<slug>/#anchor)` };
	return { lang: m[1], slug: m[2] ?? 'index', anchor };
}

describe('every internal link points to an existing page and anchor', () => {
	for (const p of pages.values()) {
		test(p.file, () => {
			const problems: string[] = [];
			for (const { href, line } of p.links) {
				const target = resolveLink(p, href);
				if (!target) continue;
				if ('error' in target) {
					problems.push(`line ${line}: "${href}" ${target.error}`);
					continue;
				}
				const dest = pages.get(`${target.lang}/${target.slug}`);
				if (!dest) {
					problems.push(`line ${line}: "${href}" points to content/${target.lang}/${target.slug}.mdx, which does not exist`);
					continue;
				}
				if (target.anchor && !dest.anchors.has(target.anchor)) {
					problems.push(`line ${line}: "${href}": ${dest.file} defines no heading id or equation label "${target.anchor}"`);
				}
			}
			assert.ok(problems.length === 0, `${p.file} has ${problems.length} broken link(s):\n  ${problems.join('\n  ')}`);
		});
	}
});

/** The comments of a JavaScript/TypeScript source, skipping strings, template literals and regex literals. */
export function commentsOf(source: string): string[] {
	const comments: string[] = [];
	let i = 0;
	let lastSignificant = '';
	const n = source.length;
	while (i < n) {
		const c = source[i];
		const next = source[i + 1];
		if (c === '/' && next === '/') {
			const end = source.indexOf('\n', i);
			comments.push(source.slice(i + 2, end < 0 ? n : end));
			i = end < 0 ? n : end;
		} else if (c === '/' && next === '*') {
			const end = source.indexOf('*/', i + 2);
			comments.push(source.slice(i + 2, end < 0 ? n : end));
			i = end < 0 ? n : end + 2;
		} else if (c === '"' || c === "'" || c === '`') {
			i++;
			while (i < n && source[i] !== c) i += source[i] === '\\' ? 2 : 1;
			i++;
			lastSignificant = c;
		} else if (c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant))) {
			// A regex literal: skip to the closing slash outside a character class.
			i++;
			let inClass = false;
			while (i < n && source[i] !== '\n' && (inClass || source[i] !== '/')) {
				if (source[i] === '\\') i++;
				else if (source[i] === '[') inClass = true;
				else if (source[i] === ']') inClass = false;
				i++;
			}
			i++;
			lastSignificant = '/';
		} else {
			if (!/\s/.test(c)) lastSignificant = /[A-Za-z0-9_$)\]]/.test(c) ? 'a' : c;
			i++;
		}
	}
	return comments;
}

function sourceFiles(dir: string): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return /\.(ts|mts|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

describe('equation labels cited in source comments exist in a chapter', () => {
	const defined = new Set([...pages.values()].filter((p) => p.lang === 'en').flatMap((p) => p.equationLabels));
	for (const path of sourceFiles(join(ROOT, 'src'))) {
		const cited = new Set(commentsOf(readFileSync(path, 'utf8')).flatMap((c) => c.match(/\beq-[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? []));
		if (cited.size === 0) continue;
		const file = relative(ROOT, path);
		test(file, () => {
			const missing = [...cited].filter((label) => !defined.has(label));
			assert.ok(
				missing.length === 0,
				`${file} cites equation label(s) ${missing.join(', ')} in its comments, but no chapter in content/en defines them with \\label{…}`,
			);
		});
	}
});

/** English prose words: frontmatter, imports, code, math, JSX, comments and link targets removed. */
export function proseWordCount(source: string): number {
	let text = splitFrontmatter(source).body;
	text = blankFencedCode(text)
		.replace(/^\s*(import|export)\s.*$/gm, '')
		.replace(/\$\$[\s\S]*?\$\$/g, ' ')
		.replace(/\$[^$\n]+\$/g, ' ')
		.replace(/`[^`\n]*`/g, ' ')
		.replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ')
		.replace(/<[A-Z][\s\S]*?\/>/g, ' ')
		.replace(/\{[^{}\n]*\}/g, ' ')
		.replace(/<[^>]*>/g, ' ')
		.replace(/\]\([^)]*\)/g, ']');
	return text.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;
}

describe('chapters 1–5 (English) are 1,200–3,000 words of prose', () => {
	for (const slug of WORD_BUDGET_CHAPTERS) {
		test(slug, () => {
			const p = page('en', slug);
			assert.ok(p, `${fileOf('en', slug)} is missing`);
			const words = proseWordCount(p.source);
			assert.ok(
				words >= WORD_BUDGET.min && words <= WORD_BUDGET.max,
				`${p.file}: ${words} words of prose, expected ${WORD_BUDGET.min}–${WORD_BUDGET.max} ` +
					'(frontmatter, imports, code and math not counted)',
			);
		});
	}
});

describe('the checker itself', () => {
	test('commentsOf finds comments and ignores strings and regex literals', () => {
		const src = [
			"const a = 'see eq-in-string // not a comment';",
			'const r = /\\/\\/ eq-in-regex/g; // eq-forget-gate here',
			'/* block eq-cell-state */ const t = `eq-in-template`;',
		].join('\n');
		const found = commentsOf(src).join(' ').match(/eq-[a-z-]+/g);
		assert.deepEqual(found, ['eq-forget-gate', 'eq-cell-state']);
	});

	test('proseWordCount skips math, code and frontmatter', () => {
		const src =
			'---\ntitle: "x y z"\n---\nimport A from "a";\n\nOne two $a + b$ three.\n\n$$\nx = y\n$$\n\n```ts\nconst q = 1;\n```\n' +
			'<Tex expr={String.raw`a > b`} display />\n| {temps[0]} |\n';
		assert.equal(proseWordCount(src), 3);
	});

	test('parsePage reads ids, labels, markers, exercises and links; code blocks are ignored', () => {
		const src = [
			'---',
			'title: "T"',
			'exercises:',
			'  - id: ex-1-1',
			'    prompt: "See [the gate](../04-math/#eq-forget-gate)."',
			'    answer: "A"',
			'---',
			'## 1.1 First {/* #first */}',
			'$$',
			'a = b \\label{eq-a}',
			'$$',
			'{/* widget: cell-explorer */}',
			'See [above](#first) and [nowhere](#missing).',
			'```md',
			'## Not a heading {/* #in-code */}',
			'```',
		].join('\n');
		const p = parsePage('en', '01-background', 'x.mdx', src);
		assert.deepEqual(p.headingIds, ['first']);
		assert.deepEqual(p.equationLabels, ['eq-a']);
		assert.deepEqual(p.widgets, ['cell-explorer']);
		assert.ok(p.anchors.has('ex-1-1') && p.anchors.has('exercises') && !p.anchors.has('missing'));
		assert.deepEqual(
			p.links.map((l) => l.href),
			['#first', '#missing', '../04-math/#eq-forget-gate'],
		);
	});

	test('links resolve relative to the page URL', () => {
		const p = parsePage('zh-cn', '06-applications', 'x.mdx', '---\ntitle: x\n---\n');
		assert.deepEqual(resolveLink(p, '../04-math/#eq-forget-gate'), { lang: 'zh-cn', slug: '04-math', anchor: 'eq-forget-gate' });
		assert.deepEqual(resolveLink(p, '#summary'), { lang: 'zh-cn', slug: '06-applications', anchor: 'summary' });
		assert.deepEqual(resolveLink(p, '/en/'), { lang: 'en', slug: 'index', anchor: '' });
		assert.equal(resolveLink(p, 'https://d2l.ai'), undefined);
		assert.ok('error' in (resolveLink(p, '../../elsewhere/') as object));
	});
});
