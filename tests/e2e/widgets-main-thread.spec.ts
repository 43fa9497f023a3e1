/**
 * What keeps the main thread free, checked without timing anything (timings live in bench/main-thread.ts):
 * - a widget coming to life (every widget of widget-inventory.ts) adds no stylesheet and no <link> to the
 *   document. Chrome answers either by restyling and relaying out the whole chapter, ~80 ms on a page full
 *   of formulas; Plot's per-chart <style> and Vite's modulepreload links were exactly that;
 * - the sequence stepper's tracing and checkpoint loading happen in its (compute) worker.
 */
import { expect, test, type Page } from '@playwright/test';
import { htmlOf, pagesWith, pageWith } from './site.ts';
import { WIDGET_TAGS, drawnSelector } from './widget-inventory.ts';

/** Stylesheets and <link>s of the document (shadow roots not included: their styles are scoped). */
const documentStyles = (page: Page) =>
	page.evaluate(() => ({
		sheets: document.styleSheets.length,
		links: document.querySelectorAll('link').length,
		styleElements: document.querySelectorAll('style').length,
	}));

for (const tag of WIDGET_TAGS) {
	test(`${tag}: coming to life adds no stylesheet or link to the page`, async ({ page }) => {
		await page.goto(pageWith(tag));
		await page.waitForLoadState('load');
		const before = await documentStyles(page);
		await page.locator(tag).first().scrollIntoViewIfNeeded();
		await expect(page.locator(`${tag}[data-ready]`).first()).toBeAttached({ timeout: 30_000 });
		await expect(page.locator(tag).first().locator(drawnSelector(tag)).first()).toBeAttached({ timeout: 30_000 });
		expect(await documentStyles(page)).toEqual(before);
	});
}

test('the sequence stepper traces in a Web Worker; the page itself never fetches the checkpoint', async ({ page }) => {
	const url = pagesWith('sequence-stepper').find((p) => htmlOf(p).includes('<sequence-stepper data-lang="en" data-model="char"'));
	expect(url, 'an English page with the character stepper').toBeTruthy();
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	await page.goto(url!);
	await page.locator('sequence-stepper').scrollIntoViewIfNeeded();
	const stepper = page.locator('sequence-stepper');
	await expect(stepper.getByRole('status', { name: 'x_t (character read)' })).not.toBeEmpty({ timeout: 30_000 });
	expect(workers.some((u) => /compute\.worker/.test(u)), `workers: ${workers.join(', ')}`).toBe(true);
	// The checkpoint's chunk is imported by the worker only: no module script of the page refers to it.
	const pageModules = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
	expect(pageModules.filter((u) => /char-model/.test(u))).toEqual([]);
});
