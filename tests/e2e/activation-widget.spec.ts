/**
 * The activation explorer, used the way a reader does: by its labelled slider and number field, with
 * the keyboard. The numbers shown must equal σ and tanh (and their derivatives) of the chosen z.
 */
import { expect, test, type Page } from '@playwright/test';
import { htmlOf, PAGES, pageWith, watchProblems } from './site.ts';

const widgetPage = (lang: string) => pageWith('activation-explorer', lang);

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const expected = (z: number) => ({
	'σ(z)': sigmoid(z),
	'tanh(z)': Math.tanh(z),
	'σ′(z)': sigmoid(z) * (1 - sigmoid(z)),
	'tanh′(z)': 1 - Math.tanh(z) ** 2,
});
const read = (text: string) => Number(text.replace('\u2212', '-'));

async function expectReadouts(page: Page, z: number) {
	for (const [symbol, value] of Object.entries(expected(z))) {
		const output = page.getByRole('status', { name: symbol, exact: true });
		await expect.poll(async () => Math.abs(read(await output.innerText()) - value)).toBeLessThanOrEqual(5e-5);
	}
}

test('en: slider, keyboard and number field drive the readouts', async ({ page }) => {
	const problems = watchProblems(page);
	await page.goto(widgetPage('en'));
	await page.locator('activation-explorer').scrollIntoViewIfNeeded();
	const slider = page.getByRole('slider', { name: 'Input z' });
	await expect(slider).toBeVisible();
	await expectReadouts(page, Number(await slider.inputValue()));

	await slider.focus();
	await page.keyboard.press('Home');
	await expect(slider).toHaveValue('-6');
	await expectReadouts(page, -6);
	for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowRight');
	const z = Number(await slider.inputValue());
	expect(z).toBeCloseTo(-5.75, 6);
	await expectReadouts(page, z);

	const typed = page.getByRole('spinbutton', { name: 'Input z, typed' });
	await typed.fill('0.75');
	await expectReadouts(page, 0.75);
	await expect(slider).toHaveValue('0.75');
	await expect(page.locator('activation-explorer .ae-description')).toContainText('z = 0.75: σ(z) = 0.6792');
	await expect(page.locator('activation-explorer svg[aria-label]')).toBeVisible();
	expect(problems).toEqual([]);
});

test('zh-cn: labels are translated and the numbers agree', async ({ page }) => {
	await page.goto(widgetPage('zh-cn'));
	await page.locator('activation-explorer').scrollIntoViewIfNeeded();
	const slider = page.getByRole('slider', { name: '输入 z' });
	await slider.focus();
	await page.keyboard.press('End');
	await expectReadouts(page, 6);
	await expect(page.locator('activation-explorer .ae-description')).toContainText('标记点位于 z = 6：');
});

test('the widget module loads only when the widget comes on screen', async ({ page }) => {
	await page.setViewportSize({ width: 1000, height: 400 });
	const loaded: string[] = [];
	page.on('request', (r) => {
		if (/activation-explorer\.[\w-]+\.js$/.test(r.url())) loaded.push(r.url());
	});
	await page.goto(widgetPage('en'));
	await page.waitForLoadState('networkidle');
	const onScreen = await page.locator('activation-explorer').evaluate((el) => {
		const r = el.getBoundingClientRect();
		return r.top < window.innerHeight + 200 && r.bottom > -200;
	});
	test.skip(onScreen, 'the widget is on the first screen of this chapter');
	expect(loaded).toEqual([]);
	await page.locator('activation-explorer').scrollIntoViewIfNeeded();
	await expect.poll(() => loaded.length).toBe(1);
	await expect(page.getByRole('slider', { name: 'Input z' })).toBeVisible();
});

test('pages without the widget never load its module', async ({ page }) => {
	const loaded: string[] = [];
	page.on('request', (r) => {
		if (/activation-explorer\.[\w-]+\.js$/.test(r.url())) loaded.push(r.url());
	});
	const other = PAGES.find((p) => p.startsWith('/en/') && !htmlOf(p).includes('<activation-explorer') && /\d\d-/.test(p))!;
	await page.goto(other);
	await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
	await page.waitForLoadState('networkidle');
	expect(loaded).toEqual([]);
});

test('without JavaScript the figure still shows the table of values', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(widgetPage('en'));
	const table = page.locator('.activation-figure table');
	await expect(table).toBeVisible();
	await expect(table.getByRole('row', { name: /^1 / })).toContainText('0.7311');
	await context.close();
});

test('a link restores z in a fresh page; Reset returns to z = 1', async ({ page, browser }) => {
	await page.goto(widgetPage('en'));
	await page.locator('activation-explorer').scrollIntoViewIfNeeded();
	const number = page.getByRole('spinbutton', { name: 'Input z, typed' });
	await number.fill('-2.35');
	await number.press('Enter');
	await expectReadouts(page, -2.35);
	// The URL is written once the reader pauses; the link ends at the figure.
	await expect.poll(() => new URL(page.url()).searchParams.get('act.z')).toBe('-2.35');
	const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
	const sender = await context.newPage();
	await sender.goto(page.url());
	await sender.locator('activation-explorer').scrollIntoViewIfNeeded();
	await sender.getByRole('button', { name: 'Copy link' }).click();
	await expect(sender.getByRole('status').filter({ hasText: 'Link copied.' })).toBeVisible();
	const link = await sender.evaluate(() => navigator.clipboard.readText());
	// A short link: the state compressed in the hash, after the figure it points at.
	expect(link).toMatch(/#activation-explorer&v=2&s=[A-Za-z0-9+$-]+$/);
	await context.close();

	const fresh = await browser.newPage();
	await fresh.goto(link);
	await expect(fresh.getByRole('spinbutton', { name: 'Input z, typed' })).toHaveValue('-2.35');
	await expectReadouts(fresh, -2.35);
	await fresh.locator('activation-explorer').getByRole('button', { name: 'Reset', exact: true }).click();
	await expect(fresh.getByRole('slider', { name: 'Input z' })).toHaveValue('1');
	await expectReadouts(fresh, 1);
	await expect.poll(() => new URL(fresh.url()).searchParams.has('act.z')).toBe(false);
	await fresh.close();
});
