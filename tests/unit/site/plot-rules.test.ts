/** The rules Plot's per-chart <style> carried live twice: in site.css (page) and PLOT_RULES (shadow roots). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLOT_CLASS, PLOT_RULES } from '../../../src/widgets/shared/plot.ts';

/** selector → declarations, whitespace and declaration order ignored. */
function rules(css: string): Map<string, string> {
	const out = new Map<string, string>();
	for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
		const declarations = m[2].split(';').map((d) => d.replace(/\s+/g, ' ').trim()).filter(Boolean).sort().join('; ');
		for (const selector of m[1].split(',')) out.set(selector.replace(/\s+/g, ' ').trim(), declarations);
	}
	return out;
}

test('site.css states the chart rules exactly as PLOT_RULES does', () => {
	const site = rules(readFileSync(join(import.meta.dirname, '../../../src/site/styles/site.css'), 'utf8'));
	const plot = rules(PLOT_RULES);
	assert.ok(plot.size >= 3, 'PLOT_RULES has its three selectors');
	for (const [selector, declarations] of plot) {
		assert.ok(selector.includes(`.${PLOT_CLASS}`), selector);
		assert.equal(site.get(selector), declarations, selector);
	}
});
