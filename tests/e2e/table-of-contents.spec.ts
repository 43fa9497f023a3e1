/**
 * "On this page" follows the reader (src/site/toc/): the built pages run our copy of Starlight's element, which
 * watches exactly the elements Starlight's own `:has()` selector would, found without it.
 */
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';
import { join } from 'node:path';
import { chapterPages } from './site.ts';

/** src/site/toc/watched-elements.ts as a script that sets `window.cellStateToc`. */
async function watchedElementsScript(): Promise<string> {
	const result = await build({
		entryPoints: [join(import.meta.dirname, '../../src/site/toc/watched-elements.ts')],
		bundle: true,
		write: false,
		format: 'iife',
		globalName: 'cellStateToc',
		logLevel: 'silent',
	});
	return result.outputFiles[0].text;
}

test('every chapter watches the same elements as Starlight\'s selector', async ({ page }) => {
	const script = await watchedElementsScript();
	for (const url of [...chapterPages('en'), ...chapterPages('zh-cn')]) {
		await page.goto(url);
		// A string expression: evaluated by the test, so the page's script policy does not apply to it.
		const result: { starlight: number; ours: number; same: boolean } = await page.evaluate(`${script};
			(() => {
				const toc = document.querySelector('starlight-toc');
				const sel = 'h1#_top,:where(' + Array.from({ length: 1 + Number(toc.dataset.maxH) - Number(toc.dataset.minH) }, (_, k) => 'h' + (Number(toc.dataset.minH) + k)).join() + ')[id]';
				const starlight = [...document.querySelectorAll([
					'main :where(' + sel + ')',
					'main :where(' + sel + ', .sl-heading-wrapper) ~ *:not(:has(' + sel + '))',
					'main .sl-markdown-content > *:not(:has(' + sel + '))',
					'main > *:not(:has(' + sel + '))',
				].join())];
				const ours = cellStateToc.watchedElements(document.querySelector('main'), sel);
				return { starlight: starlight.length, ours: ours.length, same: starlight.length === ours.length && starlight.every((el, k) => el === ours[k]) };
			})()`);
		expect(result, url).toEqual({ starlight: result.starlight, ours: result.starlight, same: true });
		expect(result.starlight, url).toBeGreaterThan(10);
		// Both tables of contents are ours and watch that many elements.
		for (const tag of ['starlight-toc', 'mobile-starlight-toc']) await expect(page.locator(tag), `${url} ${tag}`).toHaveAttribute('data-watching', String(result.starlight));
	}
});

test('the wide table of contents marks the section on screen', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto('/en/04-math/');
	const toc = page.locator('starlight-toc');
	const links = toc.locator('a[href^="#"]');
	const hrefs = (await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))).filter((h) => h !== '#_top');
	expect(hrefs.length).toBeGreaterThan(3);
	for (const href of [hrefs[2], hrefs[hrefs.length - 1], hrefs[0]]) {
		await page.locator(decodeURIComponent(href)).evaluate((h) => h.scrollIntoView({ block: 'start' }));
		await expect(toc.locator('a[aria-current="true"]')).toHaveAttribute('href', href);
	}
});
