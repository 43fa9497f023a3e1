/**
 * The two editions are parallel: same chapter files, and in each chapter the same heading ids,
 * equation labels and exercise ids, so links like ../04-math/#eq-forget-gate work in both languages.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const CONTENT = join(import.meta.dirname, '../../../content');
const chapters = (lang: string) => readdirSync(join(CONTENT, lang)).filter((f) => /\.mdx?$/.test(f)).sort();

/** Heading ids, equation labels and exercise ids declared in one chapter file. */
function anchors(lang: string, file: string) {
	const text = readFileSync(join(CONTENT, lang, file), 'utf8');
	const all = (re: RegExp) => [...text.matchAll(re)].map((m) => m[1]).sort();
	return {
		headings: all(/^#{2,6} .*\{\/\*\s*#([a-z0-9-]+)\s*\*\/\}\s*$/gm),
		equations: all(/\\label\{(eq-[a-z0-9-]+)\}/g),
		exercises: all(/^\s*-\s*id:\s*["']?(ex-[a-z0-9-]+)/gm),
	};
}

test('both languages have the same chapter files', () => {
	assert.deepEqual(chapters('zh-cn'), chapters('en'));
});

for (const file of chapters('en')) {
	test(`${file}: same heading ids, equation labels and exercise ids in en and zh-cn`, (t) => {
		if (!chapters('zh-cn').includes(file)) return t.skip('no zh-cn file (reported above)');
		assert.deepEqual(anchors('zh-cn', file), anchors('en', file));
	});
}
