/**
 * One visual language for widgets: every visible button of every registered widget has the same type size,
 * corner radius and border width, so a widget's own buttons and the shared Reset / Copy link / Share row read
 * as one set (a per-widget rule that shrinks a row, as the gate ablation's once did, fails here).
 */
import { expect, test } from '@playwright/test';
import { pageWith } from './site.ts';
import { WIDGET_TAGS } from './widget-inventory.ts';

interface ButtonShape {
	widget: string;
	label: string;
	shape: string;
}

test('every widget button has the shared shape', async ({ page }) => {
	test.setTimeout(240_000);
	const shapes: ButtonShape[] = [];
	for (const tag of WIDGET_TAGS) {
		await page.goto(pageWith(tag));
		const widget = page.locator(tag).first();
		await widget.scrollIntoViewIfNeeded();
		await expect(page.locator(`${tag}[data-ready]`).first()).toBeAttached({ timeout: 30_000 });
		const found = await widget.evaluate(
			(el, widgetTag) =>
				[...el.querySelectorAll<HTMLElement>('button.w-button')]
					.filter((b) => b.getClientRects().length > 0)
					.map((b) => {
						const s = getComputedStyle(b);
						return {
							widget: widgetTag,
							label: (b.textContent ?? '').trim(),
							shape: `${s.fontSize} / radius ${s.borderTopLeftRadius} / border ${s.borderTopWidth}`,
						};
					}),
			tag,
		);
		shapes.push(...found);
	}
	// Every widget with actions (some diagrams have none) took part.
	expect(new Set(shapes.map((s) => s.widget)).size).toBeGreaterThanOrEqual(8);
	const reference = shapes.find((s) => s.label === 'Reset')!.shape;
	expect(shapes.filter((s) => s.shape !== reference)).toEqual([]);
});
