import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractLabel } from '../../../src/site/remark-equation-labels.ts';
import { toHtml } from './mdx-pipeline.ts';

const FORGET = '$$\nf_t = \\sigma(W_f \\cdot [h_{t-1}, x_t] + b_f) \\label{eq-forget-gate}\n$$\n';

test('extractLabel strips the label and returns it', () => {
	assert.deepEqual(extractLabel('a = b \\label{eq-a}'), { tex: 'a = b', label: 'eq-a' });
	assert.deepEqual(extractLabel('a = b'), { tex: 'a = b', label: undefined });
	assert.deepEqual(extractLabel('\\label{ eq-a-b2 }\na = b'), { tex: '\na = b', label: 'eq-a-b2' });
});

test('extractLabel reports misuse', () => {
	assert.match(extractLabel('a \\label{forget}') as string, /"forget" is malformed\. Labels start with "eq-"/);
	assert.match(extractLabel('a \\label{eq-a} b \\label{eq-b}') as string, /only one \\label, found 2 \(eq-a, eq-b\)/);
	assert.match(extractLabel('a \\label eq-a') as string, /malformed \\label/);
	assert.match(extractLabel('a \\label{eq-a') as string, /malformed \\label/);
});

test('a labelled display equation becomes div.equation#label with KaTeX inside and a self-link', async () => {
	const html = await toHtml(FORGET);
	assert.match(html, /^<div class="equation" id="eq-forget-gate"><span class="katex-display">/);
	assert.match(
		html,
		/<a href="#eq-forget-gate" class="equation-anchor" aria-label="Link to this equation">#<\/a><\/div>$/,
	);
	assert.doesNotMatch(html, /\\label|\$\$/);
});

test('the self-link is labelled in the page language', async () => {
	const html = await toHtml(FORGET, '/repo/content/zh-cn/04-math.mdx');
	assert.match(html, /aria-label="本公式的链接"/);
});

test('unlabelled display math is left as plain KaTeX', async () => {
	const html = await toHtml('$$\na^2 + b^2 = c^2\n$$\n');
	assert.match(html, /^<span class="katex-display">/);
	assert.doesNotMatch(html, /equation/);
});

test('an equation label and a heading id may not collide', async () => {
	await assert.rejects(
		toHtml('## Gate {/* #eq-forget-gate */}\n\n' + FORGET),
		/the id "eq-forget-gate" of this equation is already used by the heading at line 1/,
	);
});

test('two equations with one label fail the build', async () => {
	await assert.rejects(toHtml(FORGET + '\n' + FORGET), /"eq-forget-gate" of this equation is already used by the equation/);
});

test('a label in inline math fails the build', async () => {
	await assert.rejects(toHtml('Text $a \\label{eq-a}$ more.\n'), /only allowed in display math/);
});

test('a malformed label fails the build and names the file and line', async () => {
	await assert.rejects(toHtml('Intro.\n\n$$\na = b \\label{forget}\n$$\n'), /04-math\.mdx:3: the equation label "forget" is malformed/);
});
