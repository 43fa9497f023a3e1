/**
 * The chapters are for readers, not for developers of the site: no page links to README.md, and only
 * chapter 7, inside its note for developers, mentions README.md or npm commands.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONTENT = fileURLToPath(new URL('../../../content/', import.meta.url));
const LANGS = ['en', 'zh-cn'] as const;
/** The page allowed to address developers, and the title of the note it does it in, per language. */
const DEVELOPER_PAGE = '07-tools';
const DEVELOPER_NOTE_TITLE = { en: 'For developers', 'zh-cn': '面向开发者' } as const;

/** Link targets in Markdown links, quoted href attributes and JSX href expressions. */
const LINK_TARGETS = [/\]\(\s*<?([^)\s>]+)/g, /\bhref=(?:"([^"]+)"|'([^']+)'|\{([^}]*)\})/g];
/** A pointer to developer material: README.md, or an npm / npx command. */
const DEVELOPER_POINTER = /\bREADME(?:\.md)?\b|\bnpm\s+(?:run|install|i|ci|test|start)\b|\bnpx\s/;

/** Lines (1-based) that link to a README file. */
export function readmeLinks(source: string): { line: number; target: string }[] {
	const out: { line: number; target: string }[] = [];
	source.split('\n').forEach((text, i) => {
		for (const re of LINK_TARGETS) {
			for (const m of text.matchAll(re)) {
				const target = m.slice(1).find((g) => g !== undefined) ?? '';
				if (/readme(?:\.md)?\b/i.test(target)) out.push({ line: i + 1, target });
			}
		}
	});
	return out;
}

/** Removes the `<Aside … title="…">…</Aside>` blocks with the given title. */
export function withoutNote(source: string, title: string): string {
	const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	const note = new RegExp(`<Aside\\b[^>]*\\btitle="${escaped}"[^>]*>[\\s\\S]*?</Aside>`, 'g');
	// Keep the line count, so reported line numbers stay right.
	return source.replace(note, (block) => block.replace(/[^\n]/g, ''));
}

/** Lines (1-based) that point the reader to README.md or an npm command. */
export function developerPointers(source: string): { line: number; text: string }[] {
	return source
		.split('\n')
		.map((text, i) => ({ line: i + 1, text: text.trim() }))
		.filter(({ text }) => DEVELOPER_POINTER.test(text));
}

const pages = LANGS.flatMap((lang) =>
	readdirSync(join(CONTENT, lang))
		.filter((f) => f.endsWith('.mdx'))
		.map((f) => ({
			lang,
			slug: f.slice(0, -4),
			file: `content/${lang}/${f}`,
			source: readFileSync(join(CONTENT, lang, f), 'utf8'),
		})),
);

describe('no page links to README.md', () => {
	for (const p of pages) {
		test(p.file, () => {
			const links = readmeLinks(p.source).map(({ line, target }) => `line ${line}: ${target}`);
			assert.deepEqual(links, [], `${p.file} links to a README; link to a chapter section or to the repository instead`);
		});
	}
});

describe('only chapter 7, in its note for developers, mentions README.md or npm commands', () => {
	for (const p of pages) {
		test(p.file, () => {
			const outsideNote = p.slug === DEVELOPER_PAGE ? withoutNote(p.source, DEVELOPER_NOTE_TITLE[p.lang]) : p.source;
			const found = developerPointers(outsideNote).map(({ line, text }) => `line ${line}: ${text}`);
			assert.deepEqual(
				found,
				[],
				`${p.file} sends readers to developer material; move it into chapter 7's <Aside title="${DEVELOPER_NOTE_TITLE[p.lang]}"> or say it in reader terms`,
			);
		});
	}

	test('chapter 7 has its note for developers in both languages', () => {
		for (const lang of LANGS) {
			const p = pages.find((q) => q.lang === lang && q.slug === DEVELOPER_PAGE);
			assert.ok(p, `content/${lang}/${DEVELOPER_PAGE}.mdx is missing`);
			assert.notEqual(withoutNote(p.source, DEVELOPER_NOTE_TITLE[lang]), p.source, `${p.file} has no <Aside title="${DEVELOPER_NOTE_TITLE[lang]}">`);
		}
	});
});

describe('the checker itself', () => {
	test('readmeLinks finds Markdown links, href attributes and JSX hrefs to a README', () => {
		const src = [
			'See [the README](../../README.md) and [ch. 4](../04-math/).',
			'<a href="https://example.org/repo#readme">x</a>',
			'<a href={sourceUrl("README.md")}>y</a> and a plain mention of README.md',
		].join('\n');
		assert.deepEqual(
			readmeLinks(src).map((l) => l.line),
			[1, 2, 3],
		);
	});

	test('developerPointers finds README and npm commands, and withoutNote hides only the named note', () => {
		const src = [
			'Run `npm run bench`.',
			'<Aside type="note" title="For developers">',
			'`npm install && npm test`, see README.md',
			'</Aside>',
			'<Aside type="tip" title="Other">npx astro build</Aside>',
			'A reader sentence about npm packages in general.',
		].join('\n');
		assert.deepEqual(developerPointers(src).map((p) => p.line), [1, 3, 5]);
		assert.deepEqual(developerPointers(withoutNote(src, 'For developers')).map((p) => p.line), [1, 5]);
	});
});
