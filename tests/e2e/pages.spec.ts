/**
 * Every page of the built site, in both languages: loads cleanly, math is typeset, accessibility
 * scan is clean, and pages without widgets ship only the shell's JavaScript.
 */
import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { htmlOf, PAGES, pageWith, scrollThrough, watchProblems, widgetElements } from './site.ts';
import { WIDGET_TAGS } from './widget-inventory.ts';

/**
 * axe over every page in WCAG 2 A/AA. KaTeX's visual layer (`.katex-html`, thousands of aria-hidden
 * spans on a math-heavy page) is left out to keep scans fast; its text takes the colour of the text
 * around it, and the MathML layer that assistive technology reads is scanned.
 */
const axeScan = (page: import('@playwright/test').Page) =>
	new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();

/** Script bundles of the page's shell: Starlight's (theme, search, table of contents, code blocks), the
 * service worker's registration (offline) and the Present button's few lines (the presenter loads on first use). */
const SHELL_SCRIPT = /^(page|ec|offline|preload-helper|ui-core|(LanguageSelect|MobileMenuToggle|MobileTableOfContents|Page|Presenter|Search|SidebarPersister|TableOfContents|ThemeProvider|ThemeSelect|Tabs)\.astro_astro_type_script)[.\w-]*\.js$/;

test('the site has pages in both languages', () => {
	expect(PAGES.filter((p) => p.startsWith('/en/')).length).toBeGreaterThan(1);
	expect(PAGES.filter((p) => p.startsWith('/zh-cn/')).length).toBe(PAGES.filter((p) => p.startsWith('/en/')).length);
});

for (const url of PAGES) {
	test(`${url} loads cleanly, shows typeset math and passes axe`, async ({ page }) => {
		test.setTimeout(120_000);
		const problems = watchProblems(page);
		const scripts: string[] = [];
		page.on('request', (request) => {
			if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
		});
		const response = await page.goto(url);
		expect(response?.status()).toBe(200);
		await expect(page.locator('h1').first()).toBeVisible();
		await scrollThrough(page);
		await page.waitForLoadState('networkidle');

		// Math: rendered at build time, no TeX left over.
		const main = page.locator('main');
		const text = await main.innerText();
		expect(text).not.toContain('$$');
		expect(text).not.toMatch(/\\(label|frac|sigma)\b/);
		// Every chapter carries at least one formula.
		if (/\/\d\d-[^/]+\/$/.test(url)) expect(await page.locator('.katex').count()).toBeGreaterThan(0);
		await expect(page.locator('.katex-error')).toHaveCount(0);
		// Code listings wrap instead of scrolling sideways.
		const overflowing = await page.locator('.expressive-code pre').evaluateAll((pres) =>
			pres.filter((pre) => pre.scrollWidth > pre.clientWidth + 1).map((pre) => pre.textContent?.slice(0, 60)),
		);
		expect(overflowing, 'code listings wider than their box').toEqual([]);

		// Budget: without widgets, only the shell's scripts.
		const html = htmlOf(url);
		if (widgetElements(html).length === 0) {
			const extra = scripts.map((s) => s.split('/').pop()!).filter((name) => !SHELL_SCRIPT.test(name));
			expect(extra, 'scripts beyond the shell on a page without widgets').toEqual([]);
		}

		const axe = await axeScan(page);
		const violations = axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
		expect(violations).toEqual([]);
		expect(problems).toEqual([]);
	});
}

/** The home pages, and a page with each widget (widget-inventory.ts): the live widgets are scanned dark too. */
const DARK_PAGES = [...new Set(['/en/', '/zh-cn/', ...WIDGET_TAGS.map((tag) => pageWith(tag))])];

for (const url of DARK_PAGES) {
	test(`${url} passes axe in the dark theme`, async ({ page }) => {
		test.setTimeout(120_000);
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto(url);
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await scrollThrough(page);
		await page.waitForLoadState('networkidle');
		// Each widget of the page is scanned live, not as its static fallback.
		for (const tag of WIDGET_TAGS.filter((t) => htmlOf(url).includes(`<${t}`))) {
			await page.locator(tag).first().scrollIntoViewIfNeeded();
			await expect(page.locator(`${tag}[data-ready]`).first()).toBeAttached({ timeout: 30_000 });
		}
		const axe = await axeScan(page);
		expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});
}
