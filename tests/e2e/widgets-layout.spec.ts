/**
 * Every widget fits its figure when the page is narrow in CSS pixels: a 1280 × 800 projector at 200 % zoom
 * (640 × 400) and a phone (375 × 700). Nothing of a live widget may stick out of its figure, except inside a
 * box that scrolls on purpose (wide tables), and the page must not scroll sideways. Every widget of the
 * registry is checked (widget-inventory.ts).
 */
import { expect, test } from '@playwright/test';
import { pageWith } from './site.ts';
import { WIDGET_TAGS } from './widget-inventory.ts';
const SIZES = [
	{ name: 'projector at 200 % zoom', width: 640, height: 400 },
	{ name: 'phone', width: 375, height: 700 },
];

for (const size of SIZES) {
	for (const tag of WIDGET_TAGS) {
		test(`${tag} fits its figure on a ${size.name} (${size.width} px)`, async ({ page }) => {
			const url = pageWith(tag);
			await page.setViewportSize({ width: size.width, height: size.height });
			await page.goto(url);
			const widget = page.locator(tag).first();
			await widget.scrollIntoViewIfNeeded();
			await expect(page.locator(`${tag}[data-ready]`).first()).toBeAttached({ timeout: 30_000 });
			// Charts and equations arrive a few frames after the element is ready.
			await expect(widget.locator('svg, .katex').first()).toBeAttached({ timeout: 30_000 });
			await page.waitForTimeout(300);
			const outside = await widget.evaluate((el) => {
				const figure = el.closest('figure')!;
				const box = figure.getBoundingClientRect();
				const scrollsSideways = (node: Element) => {
					for (let p = node.parentElement; p && p !== figure; p = p.parentElement) {
						if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
					}
					return false;
				};
				return [...el.querySelectorAll('*')]
					.filter((node) => {
						const r = node.getBoundingClientRect();
						return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1) && !scrollsSideways(node);
					})
					.map((node) => `<${node.tagName.toLowerCase()} class="${node.getAttribute('class') ?? ''}"> ${node.textContent?.trim().slice(0, 40)}`);
			});
			expect(outside, 'elements outside the figure').toEqual([]);
			expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		});
	}
}
