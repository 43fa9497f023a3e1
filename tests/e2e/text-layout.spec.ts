/**
 * The text's own layout at a phone's (375 px), a projector's (640 px) and a desktop's width (1280 px): glossary
 * terms and headers never break between two Chinese characters, every glossary table has the same columns,
 * chapter 3's six-equation block shows its labels whole, and the header links the source repository.
 */
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_REPOSITORY_URL } from '../../src/site/repository.ts';

const WIDTHS = [375, 640, 1280];
const CJK = /[\u3400-\u9fff]/;

/**
 * For each element matched, the places where its text wraps between two Chinese characters: each character's
 * line is read from its client rect, and two neighbouring CJK characters must share a line.
 */
async function cjkBreaks(page: Page, selector: string): Promise<string[]> {
	return page.locator(selector).evaluateAll((cells, cjk) => {
		const isCjk = new RegExp(cjk);
		const breaks: string[] = [];
		for (const cell of cells) {
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			const chars: { ch: string; top: number }[] = [];
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent ?? '';
				for (let i = 0; i < text.length; i++) {
					const range = document.createRange();
					range.setStart(node, i);
					range.setEnd(node, i + 1);
					const rect = range.getClientRects()[0];
					if (rect) chars.push({ ch: text[i]!, top: Math.round(rect.top) });
				}
			}
			for (let i = 1; i < chars.length; i++) {
				const [a, b] = [chars[i - 1]!, chars[i]!];
				if (isCjk.test(a.ch) && isCjk.test(b.ch) && Math.abs(a.top - b.top) > 2) breaks.push(`"${cell.textContent?.trim()}" breaks between ${a.ch} and ${b.ch}`);
			}
		}
		return breaks;
	}, CJK.source);
}

for (const width of WIDTHS) {
	test.describe(`at ${width} px`, () => {
		test.use({ viewport: { width, height: 800 } });

		for (const lang of ['en', 'zh-cn'] as const) {
			test(`${lang} glossary: Chinese terms and headers stay whole, every table has the same columns`, async ({ page }) => {
				await page.goto(`/${lang}/glossary/`);
				const tables = page.locator('.sl-markdown-content .glossary-table table');
				expect(await tables.count()).toBeGreaterThanOrEqual(5);
				const zhColumn = lang === 'zh-cn' ? 1 : 2;
				expect(await cjkBreaks(page, `.glossary-table td:nth-child(${zhColumn})`)).toEqual([]);
				expect(await cjkBreaks(page, '.glossary-table th')).toEqual([]);
				// Kept whole by growing their column, not by spilling over the next one.
				const spilling = await page.locator('.glossary-table :is(th, td)').evaluateAll((cells) =>
					// (The narrow layout keeps the header row only for screen readers, in a 1 px box.)
					cells
						.filter((c) => (c.closest('thead')?.getBoundingClientRect().width ?? 2) > 1)
						.filter((c) => c.scrollWidth > c.clientWidth + 1)
						.map((c) => c.textContent?.trim()),
				);
				expect(spilling, 'cells whose text spills out of them').toEqual([]);
				// Wide layout: the same column widths in every table. Narrow layout: one block per entry, whose
				// definition takes the block's full width.
				const layout = await tables.evaluateAll((ts) =>
					ts.map((t) => {
						const row = t.querySelector('tbody tr')!;
						const cells = [...row.querySelectorAll('td')].map((td) => Math.round(td.getBoundingClientRect().width));
						return { columns: getComputedStyle(row).display === 'table-row', cells, row: Math.round(row.getBoundingClientRect().width) };
					}),
				);
				expect(new Set(layout.map((l) => l.columns)).size, 'glossary tables use different layouts').toBe(1);
				if (layout[0]!.columns) {
					for (const l of layout) expect(l.cells, 'column widths differ between glossary tables').toEqual(layout[0]!.cells);
				} else {
					expect(width, 'entries are stacked only on narrow screens').toBeLessThan(1000);
					for (const l of layout) expect(l.cells[2], 'the definition does not take the full width').toBe(l.row);
				}
				// Nothing is pushed out of the column: the page itself never scrolls sideways.
				const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
				expect(overflow).toBeLessThanOrEqual(0);
			});

			test(`${lang} chapter 3: the six-equation block shows every label whole`, async ({ page }) => {
				await page.goto(`/${lang}/03-algorithm/`);
				const display = page.locator('#eq-lstm-unit > .katex-display');
				await expect(display).toBeVisible();
				const { scroll, client, fontPx } = await display.evaluate((d) => ({
					scroll: d.scrollWidth,
					client: d.clientWidth,
					fontPx: parseFloat(getComputedStyle(d.querySelector('.katex')!).fontSize),
				}));
				expect(scroll, 'the block is wider than its column: labels are cut off').toBeLessThanOrEqual(client + 1);
				expect(fontPx, 'shrunk below a legible size').toBeGreaterThanOrEqual(11);
			});
		}
	});
}

test('the header links the source repository', async ({ page }) => {
	await page.goto('/en/');
	const link = page.locator('header a[href]').filter({ hasText: 'Source code' }).first();
	await expect(link).toHaveAttribute('href', process.env.CELL_STATE_REPOSITORY?.trim() || DEFAULT_REPOSITORY_URL);
});
