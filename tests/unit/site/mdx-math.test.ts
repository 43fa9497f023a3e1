/**
 * Math with braces inside MDX: `{` normally starts a JavaScript expression in MDX, so these check
 * that remark-math claims `$…$` and `$$…$$` first and KaTeX sees the TeX intact.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toHtml } from './mdx-pipeline.ts';

test('inline math with braces renders with KaTeX', async () => {
	const html = await toHtml('The candidate $\\tilde{C}_t = \\tanh(W_C \\cdot [h_{t-1}, x_t] + b_C)$ is new.\n');
	assert.match(html, /<span class="katex">/);
	assert.match(html, /<annotation encoding="application\/x-tex">\\tilde\{C\}_t = \\tanh\(W_C \\cdot \[h_\{t-1\}, x_t\] \+ b_C\)<\/annotation>/);
	assert.doesNotMatch(html, /\$/);
});

test('display math with nested braces and \\frac renders as display math', async () => {
	const html = await toHtml('$$\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\n$$\n');
	assert.match(html, /<span class="katex-display">/);
	assert.match(html, /<mfrac>/);
	assert.doesNotMatch(html, /\$\$/);
});

test('math inside list items and emphasis', async () => {
	const html = await toHtml('- **Forget gate**: $f_t = \\sigma(W_f \\cdot [h_{t-1}, x_t] + b_f)$\n');
	assert.match(html, /<li><strong>Forget gate<\/strong>: <span class="katex">/);
});

test('invalid TeX fails instead of rendering red text', async () => {
	await assert.rejects(toHtml('Intro.\n\n$\\frac{1}{2$\n'), /04-math\.mdx:3: KaTeX parse error/);
});

test('a link made only of math gets the TeX as its accessible name; mixed links are left alone', async () => {
	const html = await toHtml('See [$\\operatorname{diag}(f_t)$](#eq-cell-path) and [the gate $f_t$](#eq-forget-gate).\n');
	assert.match(html, /<a href="#eq-cell-path" aria-label="\\operatorname\{diag\}\(f_t\)">/);
	assert.match(html, /<a href="#eq-forget-gate">the gate /);
});
