import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTex } from '../../../src/site/tex.ts';
import { langFromPath, t, toLang } from '../../../src/site/i18n.ts';
import { renderMarkdown, renderInlineMarkdown } from '../../../src/site/markdown.ts';

test('renderTex renders inline and display math with MathML for screen readers', () => {
	assert.match(renderTex('f_t = \\sigma(0.73)'), /^<span class="katex"><span class="katex-mathml"><math/);
	assert.match(renderTex('x^2', true), /^<span class="katex-display">/);
});

test('renderTex fails with the TeX quoted', () => {
	assert.throws(() => renderTex('\\frac{1}{'), /KaTeX could not render "\\\\frac\{1\}\{": KaTeX parse error/);
});

test('exercise Markdown renders inline math at build time', async () => {
	const html = await renderMarkdown('What is $\\sigma(0)$?');
	assert.match(html, /^<p>What is <span class="katex">/);
	assert.match(await renderInlineMarkdown('Values in $(0, 1)$'), /^Values in <span class="katex">/);
	await assert.rejects(renderMarkdown('Broken $\\frac{1}{$ math'), /KaTeX could not render/);
});

test('language helpers', () => {
	assert.equal(toLang('zh-CN'), 'zh-cn');
	assert.equal(toLang(undefined), 'en');
	assert.equal(langFromPath('/repo/content/zh-cn/04-math.mdx'), 'zh-cn');
	assert.equal(langFromPath('/repo/content/en/04-math.mdx'), 'en');
	assert.equal(t('zh-cn', 'hint'), '提示');
});
