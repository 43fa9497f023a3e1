import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Heading } from 'mdast';
import { toHtml, toMdast } from './mdx-pipeline.ts';

test('a trailing {/* #id */} comment becomes the heading id and disappears from the text', async () => {
	const html = await toHtml('## 4.1 Forget gate {/* #forget-gate */}\n');
	assert.equal(html, '<h2 id="forget-gate">4.1 Forget gate</h2>');
});

test('the id is set through data.hProperties and the text keeps no trailing space', async () => {
	const tree = await toMdast('### 4.1 遗忘门 {/* #forget-gate */}\n');
	const heading = tree.children[0] as Heading;
	assert.deepEqual(heading.data?.hProperties, { id: 'forget-gate' });
	assert.deepEqual(heading.children, [{ type: 'text', value: '4.1 遗忘门', position: heading.children[0].position }]);
});

test('headings with inline math keep the math and get the id', async () => {
	const html = await toHtml('## The gate $f_t$ {/* #gate-f */}\n');
	assert.match(html, /^<h2 id="gate-f">The gate <span class="katex">/);
});

test('a level-2 heading without an id fails with a message that says how to fix it', async () => {
	await assert.rejects(toMdast('## Forget gate\n'), (error: Error) => {
		assert.match(error.message, /04-math\.mdx:1: the heading "Forget gate" has no id/);
		assert.match(error.message, /\{\/\* #forget-gate \*\/\}/);
		return true;
	});
});

test('level-1 and level-4 headings may go without an id', async () => {
	const html = await toHtml('# Title\n\n#### Small print\n');
	assert.equal(html, '<h1>Title</h1>\n<h4>Small print</h4>');
});

test('plain .md files are not forced to carry ids', async () => {
	const tree = await toMdast('## Notes\n', '/repo/content/en/notes.md');
	assert.equal(tree.children[0].type, 'heading');
});

test('a duplicate id on one page fails the build, naming the first use', async () => {
	await assert.rejects(
		toMdast('## A {/* #gate */}\n\n## B {/* #gate */}\n'),
		/04-math\.mdx:3: the id "gate" of this heading is already used by the heading at line 1/,
	);
});

test('a malformed id fails the build', async () => {
	await assert.rejects(toMdast('## A {/* #Forget_Gate */}\n'), /the heading id "#Forget_Gate" is malformed/);
	await assert.rejects(toMdast('## A {/* # */}\n'), /the heading id "#" is malformed/);
});

test('other MDX expressions in headings are left alone', async () => {
	const tree = await toMdast('## Value {frontmatter.title} {/* #value */}\n');
	const heading = tree.children[0] as Heading;
	assert.equal(heading.children.length, 2);
	assert.equal(heading.children[1].type, "mdxTextExpression");
	assert.deepEqual(heading.data?.hProperties, { id: 'value' });
});
