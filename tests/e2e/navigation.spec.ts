/** Reading the book: '/' lands in English, prev/next follow the chapter order, the language switcher keeps the chapter. */
import { expect, test } from '@playwright/test';
import { chapterPages } from './site.ts';

test('/ redirects to the English edition', async ({ page }) => {
	await page.goto('/');
	await expect(page).toHaveURL(/\/en\/$/);
	await expect(page.locator('h1')).toHaveText('Cell State');
});

for (const lang of ['en', 'zh-cn'] as const) {
	test(`${lang}: the sidebar lists the chapters in reading order and marks the current one`, async ({ page }) => {
		const chapters = chapterPages(lang);
		await page.goto(chapters[1]);
		const sidebar = page.locator('#starlight__sidebar');
		const hrefs = await sidebar.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
		expect(hrefs.filter((h) => chapters.includes(h ?? ''))).toEqual(chapters);
		await expect(sidebar.locator('a[aria-current="page"]')).toHaveAttribute('href', chapters[1]);
	});

	test(`${lang}: next and previous links walk the chapters in order`, async ({ page }) => {
		const chapters = chapterPages(lang);
		expect(chapters.length).toBeGreaterThanOrEqual(3);
		await page.goto(chapters[1]);
		await page.locator('a[rel="next"]').click();
		await expect(page).toHaveURL(new RegExp(`${chapters[2]}$`));
		await page.locator('a[rel="prev"]').click();
		await expect(page).toHaveURL(new RegExp(`${chapters[1]}$`));
		await page.locator('a[rel="prev"]').click();
		await expect(page).toHaveURL(new RegExp(`${chapters[0]}$`));
	});
}

test('the language switcher lands on the same chapter in the other language', async ({ page }) => {
	const [en] = chapterPages('en').slice(3);
	await page.goto(en);
	const select = page.getByRole('combobox', { name: /language/i }).first();
	await select.selectOption({ label: '简体中文' });
	await expect(page).toHaveURL(new RegExp(`${en.replace('/en/', '/zh-cn/')}$`));
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	// The URL changes before the new page's scripts run; the switcher only navigates once its script has.
	await page.waitForFunction(() => customElements.get('starlight-lang-select') !== undefined);
	const back = page.getByRole('combobox', { name: /语言|language/i }).first();
	await back.selectOption({ label: 'English' });
	await expect(page).toHaveURL(new RegExp(`${en}$`));
});

test('the theme can be switched to dark and back', async ({ page }) => {
	await page.goto('/en/');
	const theme = page.getByRole('combobox', { name: /theme/i }).first();
	await theme.selectOption('dark');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await theme.selectOption('light');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('a labelled equation can be reached by its anchor', async ({ page }) => {
	await page.goto('/en/04-math/#eq-forget-gate');
	const equation = page.locator('#eq-forget-gate');
	await expect(equation).toHaveClass(/equation/);
	await expect(equation.locator('.katex-display')).toBeVisible();
	await expect(equation.getByRole('link', { name: 'Link to this equation' })).toHaveAttribute('href', '#eq-forget-gate');
});
