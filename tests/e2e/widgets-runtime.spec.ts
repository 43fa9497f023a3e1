/**
 * What the widget runtime promises for every widget in the registry: a hostile link loads without a page
 * error, the widget says what it changed, and the widget still works (Reset clears the link).
 */
import { expect, test } from '@playwright/test';
import { WIDGETS } from '../../src/widgets/registry.ts';
import type { FieldSpec } from '../../src/widgets/shared/url-state.ts';
import { pageWith, watchProblems } from './site.ts';

// Longer than any text field allows, yet short enough for a request line (Node's server refuses headers over 16 KiB).
const HUGE = 'x'.repeat(100_000);
const MARKUP = '<img src=x onerror="document.body.dataset.pwned=1">';

/** A value of the right kind that the field cannot take as it is. */
function hostileValue(spec: FieldSpec, k: number): string {
	switch (spec.kind) {
		case 'number':
			return ['1e308', 'NaN', '-1e308'][k % 3];
		case 'int':
			return ['2.5', '-1e308', '1e308', '0x10'][k % 4];
		case 'numbers':
			return ['0.5,1.5', 'NaN,NaN', '1e308'][k % 3];
		case 'enum':
			return MARKUP;
		case 'text':
			return HUGE;
		case 'bool':
			return 'yes';
	}
}

for (const widget of WIDGETS) {
	test(`${widget.tag}: a hostile link loads, says what it changed, and Reset clears it`, async ({ page }) => {
		const problems = watchProblems(page);
		const params = new URLSearchParams();
		Object.entries(widget.schema).forEach(([field, spec], k) => params.set(`${widget.prefix}.${field}`, hostileValue(spec, k)));
		params.set(`${widget.prefix}.${MARKUP}`, MARKUP);
		// The link itself carries it all (100 kB of text included): the server accepts long request lines.
		await page.goto(`${pageWith(widget.tag)}?${params}`);
		const element = page.locator(widget.tag).first();
		await element.scrollIntoViewIfNeeded();
		await expect(page.locator(`${widget.tag}[data-ready]`).first()).toBeAttached({ timeout: 30_000 });
		const notice = element.locator('[data-notice]');
		await expect(notice).toBeVisible();
		await expect(notice).toContainText('The link');
		expect(await page.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
		expect(await notice.evaluate((n) => n.children.length), 'the notice is text, not markup').toBe(0);
		// The rewritten link carries only values the widget can use.
		await expect.poll(() => [...new URL(page.url()).searchParams.keys()].some((k) => k.includes('<'))).toBe(false);
		await element.getByRole('button', { name: 'Reset', exact: true }).click();
		await expect(notice).toBeHidden();
		await expect.poll(() => [...new URL(page.url()).searchParams.keys()].filter((k) => k.startsWith(`${widget.prefix}.`))).toEqual([]);
		await expect(element.locator('[data-fault]')).toBeHidden();
		expect(problems).toEqual([]);
	});
}

for (const widget of WIDGETS) {
	test(`${widget.tag}: a hostile short link (hash) loads with a notice, and a compressed hostile state is checked like a query`, async ({ page, context }) => {
		const { default: LZString } = await import('lz-string');
		// The figure this widget sits in on its page (a page with two of a kind numbers them).
		await page.goto(pageWith(widget.tag));
		const anchor = await page.locator(widget.tag).first().evaluate((e, fallback) => e.closest('figure')?.id || fallback, widget.anchor);
		const params = new URLSearchParams();
		Object.entries(widget.schema).forEach(([field, spec], k) => params.set(`${widget.prefix}.${field}`, hostileValue(spec, k).slice(0, 2000)));
		const links = {
			// Not lz-string output, and a pinned part longer than any link writes.
			garbage: `#${anchor}&v=2&s=${encodeURIComponent(MARKUP)}%%&pin=${'Z'.repeat(9000)}`,
			// A hostile state inside a well-formed version-2 hash meets the same checks as a query string.
			hostileState: `#${anchor}&v=2&s=${LZString.compressToEncodedURIComponent(params.toString())}`,
			// An unknown future version is refused, not guessed at.
			future: `#${anchor}&v=99&s=abc`,
		};
		for (const [name, hash] of Object.entries(links)) {
			// A page of its own for each link: a link differing only in its hash would not reload the page.
			const tab = await context.newPage();
			const problems = watchProblems(tab);
			await tab.goto(`${pageWith(widget.tag)}${hash}`);
			const element = tab.locator(widget.tag).first();
			await element.scrollIntoViewIfNeeded();
			await expect(tab.locator(`${widget.tag}[data-ready]`).first()).toBeAttached({ timeout: 30_000 });
			await expect(element.locator('[data-notice]'), name).toContainText(name === 'hostileState' ? 'The link' : 'could not be read');
			await expect(element.getByRole('button', { name: 'Back to pinned state' })).toBeHidden();
			expect(await tab.evaluate(() => document.body.dataset.pwned)).toBeUndefined();
			await tab.waitForLoadState('networkidle');
			expect(problems, name).toEqual([]);
			await tab.close();
		}
	});
}
