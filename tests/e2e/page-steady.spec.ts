/**
 * A steady page on load: no layout shift from the table of contents while a long chapter streams in, anchor
 * links land exactly, and KaTeX's fonts are
 * preloaded, shown with `font-display: swap`, and not fetched at all by a page without math.
 */
import { expect, test, type Page } from '@playwright/test';

/** Wide enough for the table of contents' own column (Starlight: 72rem). */
const DESKTOP = { width: 1440, height: 900 };
const LOADS = 3;
const PAGES = ['/en/04-math/', '/en/03-algorithm/', '/zh-cn/02-core-concepts/'];

/** Serves the HTML slowly (about 500 kB/s), so the browser paints before it has parsed the whole chapter. */
async function slowNetwork(page: Page) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 20,
		downloadThroughput: 500_000,
		uploadThroughput: 300_000,
	});
}

test.describe('layout shifts', () => {
	test.use({ viewport: DESKTOP });

	for (const url of PAGES) {
		test(`no layout shift from the sidebar or table of contents on ${url} (${LOADS} loads)`, async ({ page }) => {
			test.setTimeout(120_000);
			await slowNetwork(page);
			await page.addInitScript(() => {
				const shifts: string[] = [];
				(window as unknown as { sidebarShifts: string[] }).sidebarShifts = shifts;
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries() as (PerformanceEntry & { value: number; sources: { node?: Node }[] })[]) {
						for (const source of entry.sources) {
							const el = source.node instanceof Element ? source.node : source.node?.parentElement;
							if (el?.closest('.right-sidebar-container, .sidebar-pane, starlight-toc')) {
								shifts.push(`${entry.value.toFixed(3)} ${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
							}
						}
					}
				}).observe({ type: 'layout-shift', buffered: true });
			});
			for (let load = 0; load < LOADS; load++) {
				// The jump happened while the HTML streamed in, before DOMContentLoaded; a moment after is enough.
				await page.goto(url, { waitUntil: 'domcontentloaded' });
				await page.waitForTimeout(500);
				const shifts = await page.evaluate(() => (window as unknown as { sidebarShifts: string[] }).sidebarShifts);
				expect(shifts, `load ${load + 1}`).toEqual([]);
			}
			// The table of contents ends up in the right-hand column.
			const box = await page.locator('.right-sidebar').boundingBox();
			expect(box!.x).toBeGreaterThan(DESKTOP.width / 2);
		});
	}
});

test.describe('a link below a widget', () => {
	// The studio's training and generation embeds sit just above these headings and grow by 800–1,200 px when
	// they come to life; the heading the link named must stay where the link put it.
	for (const viewport of [DESKTOP, { width: 390, height: 844 }]) {
		for (const hash of ['#generating-text', '#reading-the-model']) {
			test(`/en/05-practice/${hash} at ${viewport.width} px stays on the screen while the widgets above it load`, async ({ page }) => {
				await page.setViewportSize(viewport);
				await page.goto(`/en/05-practice/${hash}`);
				const top = () => page.locator(hash).evaluate((el) => Math.round(el.getBoundingClientRect().top));
				const landed = await top();
				expect(landed).toBeLessThan(viewport.height / 2);
				// Both studio embeds come to life (the one above the heading grows the most).
				await expect(page.locator('#studio-train [data-ready], #studio-train[data-ready]').first()).toBeAttached({ timeout: 30_000 });
				await page.waitForTimeout(1500);
				expect(await top()).toBe(landed);
			});
		}
	}
});

test.describe('code cells coming to life', () => {
	test.use({ viewport: { width: 1280, height: 720 } });

	for (const lang of ['en', 'zh-cn']) {
		test(`${lang}: scrolling to an exercise below a cell, nothing on the screen moves as the cells load`, async ({ page }) => {
			// Scripts asked for after the load (the cells' module, when a cell comes near) arrive a little late, as on
			// a slow network, so that they come to life after the reader has arrived at the exercise.
			let late = false;
			await page.route('**/_astro/**/*.js', async (route) => {
				if (late) await new Promise((resolve) => setTimeout(resolve, 400));
				await route.continue();
			});
			await page.goto(`/${lang}/05-practice/`);
			late = true;
			const exercise = page.locator('#ex-5-8');
			await exercise.scrollIntoViewIfNeeded();
			const before = await exercise.evaluate((e) => e.getBoundingClientRect().y);
			// The notebook module loads now, and the chapter's Run all (far above) and the cells near the screen get
			// their controls.
			await expect(page.locator('run-all-cells [data-action="run-all"]').first()).toBeVisible();
			await page.waitForTimeout(500);
			expect(await exercise.evaluate((e) => e.getBoundingClientRect().y)).toBe(before);
		});
	}

	test('until a cell comes to life its controls take their room but cannot be seen, reached or read', async ({ page }) => {
		await page.goto('/en/05-practice/');
		// A cell far below the screen has not started: its Run button is invisible and out of the tab order.
		const run = page.locator('code-cell').last().locator('[data-action="run"]');
		await expect(run).toBeHidden();
		expect(await run.evaluate((b) => getComputedStyle(b).visibility)).toBe('hidden');
		expect(await run.evaluate((b) => b.closest('.w-live')!.getBoundingClientRect().height)).toBeGreaterThan(20);
		await run.scrollIntoViewIfNeeded();
		await expect(run).toBeVisible();
	});
});

test.describe('anchor links', () => {
	test.use({ viewport: DESKTOP });
	// Far down chapter 4, below widgets and hundreds of formulas: an equation, a heading, the last section.
	for (const hash of ['#eq-cec-product', '#constant-error-carousel', '#references']) {
		test(`/en/04-math/${hash} lands its target at the top`, async ({ page }) => {
			await page.goto(`/en/04-math/${hash}`);
			const target = page.locator(hash);
			const offset = async () =>
				target.evaluate((el) => {
					// Where a fragment scroll puts its target: the page's scroll padding plus the target's scroll margin.
					const padding = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
					return el.getBoundingClientRect().top - padding - (parseFloat(getComputedStyle(el).scrollMarginTop) || 0);
				});
			await page.waitForTimeout(500);
			expect(Math.abs(await offset()), 'distance from where the anchor should be').toBeLessThanOrEqual(2);
			// Still there once the blocks around it have been laid out.
			await page.waitForTimeout(1000);
			expect(Math.abs(await offset())).toBeLessThanOrEqual(2);
		});
	}
});

test.describe('KaTeX fonts', () => {
	test('a page with math preloads the fonts it uses, and they display with swap', async ({ page }) => {
		const fetched: string[] = [];
		page.on('request', (request) => {
			if (/KaTeX_.*\.woff2$/.test(request.url())) fetched.push(request.url().split('/').pop()!.replace(/\..*/, ''));
		});
		await page.goto('/en/04-math/', { waitUntil: 'load' });
		const preloaded = await page.locator('link[rel="preload"][as="font"]').evaluateAll((links) =>
			links.map((link) => (link as HTMLLinkElement).href.split('/').pop()!.replace(/\..*/, '')),
		);
		expect(preloaded).toEqual(['KaTeX_Main-Regular', 'KaTeX_Math-Italic', 'KaTeX_Size1-Regular']);
		// Each preload is a font the page really uses (fetched once: the preload and the @font-face match).
		await expect.poll(() => preloaded.every((font) => fetched.includes(font))).toBe(true);
		for (const font of preloaded) expect(fetched.filter((f) => f === font), font).toHaveLength(1);
		const displays = await page.evaluate(() =>
			[...document.styleSheets]
				.flatMap((sheet) => [...sheet.cssRules])
				.filter((rule): rule is CSSFontFaceRule => rule instanceof CSSFontFaceRule && rule.style.fontFamily.includes('KaTeX'))
				.map((rule) => rule.style.getPropertyValue('font-display')),
		);
		expect(displays.length).toBeGreaterThan(10);
		expect(new Set(displays)).toEqual(new Set(['swap']));
	});

	test('a page without math requests no KaTeX stylesheet or font', async ({ page }) => {
		const katex: string[] = [];
		page.on('request', (request) => {
			if (/katex/i.test(request.url())) katex.push(request.url());
		});
		const response = await page.goto('/no-such-page/', { waitUntil: 'load' });
		expect(response!.status()).toBe(404);
		await expect(page.locator('h1')).toContainText('404');
		expect(katex).toEqual([]);
	});
});
