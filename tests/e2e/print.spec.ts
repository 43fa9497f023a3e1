/**
 * A chapter on paper: with print media, no control, navigation or sidebar shows, nothing is wider than the
 * page, equations are not split across pages, and a canvas is printed as a picture of its pixels.
 */
import { expect, test } from '@playwright/test';

/** A4 at 96 px per inch less Chromium's default 1 cm margins: the width a printed page lays out in. */
const PAPER = { width: 718, height: 1047 };
const CHAPTER = '/en/04-math/';

test.describe('print', () => {
	test.use({ viewport: PAPER });

	test('a chapter prints without controls or navigation and fits the paper', async ({ page }, testInfo) => {
		await page.goto(CHAPTER);
		await page.emulateMedia({ media: 'print' });
		const report = await page.evaluate(() => {
			const shown = (el: Element) => {
				const box = el.getBoundingClientRect();
				return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
			};
			const describe = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')}`;
			const controls = [...document.querySelectorAll('button, [role="button"], input[type="range"], header, nav, starlight-toc, mobile-starlight-toc, .right-sidebar, .sidebar-pane')]
				.filter(shown)
				.map(describe);
			const width = document.documentElement.clientWidth;
			const tooWide = [...document.querySelectorAll('main *')]
				.filter((el) => !el.closest('.katex-mathml, .sr-only')) // MathML for screen readers, clipped to nothing
				.filter((el) => shown(el) && el.getBoundingClientRect().right > width + 1)
				.map(describe);
			return {
				controls,
				tooWide: tooWide.slice(0, 10),
				scrollWidth: document.documentElement.scrollWidth,
				width,
				equations: document.querySelectorAll('.sl-markdown-content .equation').length,
				breakInsideEquation: getComputedStyle(document.querySelector('.equation')!).breakInside,
				math: document.querySelectorAll('.katex').length,
				figures: [...document.querySelectorAll('figure.widget')].filter(shown).length,
			};
		});
		await testInfo.attach('chapter 4 in print media', {
			body: await page.screenshot({ fullPage: false }),
			contentType: 'image/png',
		});
		expect(report.controls, 'controls or navigation visible in print').toEqual([]);
		expect(report.tooWide, 'elements wider than the paper').toEqual([]);
		expect(report.scrollWidth).toBeLessThanOrEqual(report.width);
		expect(report.math, 'the math prints').toBeGreaterThan(100);
		expect(report.figures, 'the widgets print').toBeGreaterThan(0);
		expect(report.breakInsideEquation).toBe('avoid');
		// Chromium lays the chapter out on paper: several pages, no failure.
		const pdf = await page.pdf({ format: 'A4' });
		expect(pdf.byteLength).toBeGreaterThan(10_000);
	});

	test('a field prints as its value, and a canvas as a picture of its pixels', async ({ page }) => {
		await page.goto(CHAPTER);
		await page.evaluate(() => {
			const canvas = document.createElement('canvas');
			canvas.width = 40;
			canvas.height = 20;
			canvas.setAttribute('aria-label', 'test chart');
			const context = canvas.getContext('2d')!;
			context.fillStyle = 'rgb(200, 0, 0)';
			context.fillRect(0, 0, 40, 20);
			document.querySelector('.sl-markdown-content')!.append(canvas);
			const number = Object.assign(document.createElement('input'), { type: 'number', value: '0.75', id: 'print-test-number' });
			document.querySelector('.sl-markdown-content')!.append(number);
			dispatchEvent(new Event('beforeprint'));
		});
		await page.emulateMedia({ media: 'print' });
		const picture = page.locator('img.print-canvas');
		await expect(picture).toHaveCount(1);
		expect(await picture.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
		await expect(picture).toHaveAttribute('alt', 'test chart');
		await expect(picture).toBeVisible();
		await expect(page.locator('canvas[aria-label="test chart"]')).toBeHidden();
		// The typed value shows as text, without a field's border.
		await expect(page.locator('#print-test-number')).toHaveValue('0.75');
		expect(await page.locator('#print-test-number').evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('0px');
		await page.evaluate(() => dispatchEvent(new Event('afterprint')));
		await expect(picture).toHaveCount(0);
	});
});
