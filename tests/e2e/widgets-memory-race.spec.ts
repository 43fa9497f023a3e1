/**
 * The memory race, used the way a reader does: start training with the button, watch the LSTM's accuracy
 * climb while the step counts grow, pause (progress stops), resume, check that the page stays responsive
 * meanwhile, reset to the defaults; a link restores the settings; axe finds nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { pageWith, watchProblems } from './site.ts';
import { DEFAULT_RACE, LSTM_HIDDEN, lstmParams, matchedRnnHidden, rnnParams } from '../../src/widgets/memory-race/model.ts';

const racePage = (lang: string) => pageWith('memory-race', lang);

async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('memory-race').scrollIntoViewIfNeeded();
	await expect(page.locator('memory-race[data-ready]')).toBeAttached({ timeout: 30_000 });
}

const race = (page: Page) => page.locator('memory-race');
const number = async (page: Page, name: string) => Number((await race(page).getByRole('status', { name, exact: true }).innerText()).replace(/[^\d.]/g, '') || 'NaN');

test('training runs in the background, the LSTM’s accuracy climbs, pause stops it, the page stays responsive', async ({ page }) => {
	test.setTimeout(150_000);
	const problems = watchProblems(page);
	// The gradient lab above the race gives a second control to try while training.
	await page.goto(racePage('en'));
	await page.locator('gradient-lab').scrollIntoViewIfNeeded();
	await expect(page.locator('gradient-lab[data-ready]')).toBeAttached({ timeout: 30_000 });
	await expect(page.getByRole('slider', { name: 'Sequence length T' })).toHaveValue('100');
	await page.locator('memory-race').scrollIntoViewIfNeeded();
	await expect(page.locator('memory-race[data-ready]')).toBeAttached({ timeout: 30_000 });
	// Long main-thread tasks while training (the Long Tasks API reports anything over 50 ms).
	await page.evaluate(() => {
		(window as unknown as { longTasks: number[] }).longTasks = [];
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) (window as unknown as { longTasks: number[] }).longTasks.push(e.duration);
		}).observe({ type: 'longtask', buffered: false });
	});
	await expect(race(page).getByRole('status', { name: 'LSTM steps' })).toHaveText('0');
	await expect(race(page).getByRole('status', { name: 'LSTM: step at 90 %' })).toHaveText('—');
	await expect(race(page).getByRole('status', { name: 'Training time' })).toHaveText('0.0 s');
	await expect(race(page).locator('.mr-budget')).toContainText(`${lstmParams(LSTM_HIDDEN).toLocaleString('en')} parameters`);
	await expect(race(page).locator('.mr-budget')).toContainText(`H = ${matchedRnnHidden()} has ${rnnParams(matchedRnnHidden()).toLocaleString('en')}`);

	await race(page).getByRole('button', { name: 'Start training' }).click();
	await expect(race(page).getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect.poll(() => number(page, 'LSTM steps'), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
	const early = await number(page, 'LSTM accuracy');
	await expect.poll(() => number(page, 'RNN steps'), { timeout: 30_000 }).toBeGreaterThan(0);

	// Another control on the page answers at once while both workers train.
	const gradT = page.getByRole('slider', { name: 'Sequence length T' });
	await gradT.focus();
	const t0 = Date.now();
	await page.keyboard.press('ArrowLeft');
	await expect(page.getByRole('spinbutton', { name: 'Sequence length T (typed)' })).toHaveValue('99');
	// …and the lab's own worker still answers with a new chart for T = 99.
	await expect(page.locator('gradient-lab .gl-description')).toContainText('With T = 99 ');
	const reaction = Date.now() - t0;

	await expect.poll(() => number(page, 'LSTM accuracy'), { timeout: 100_000, intervals: [1000] }).toBeGreaterThanOrEqual(90);
	expect(await number(page, 'LSTM accuracy')).toBeGreaterThan(early);
	const rnnAccuracy = await number(page, 'RNN accuracy');
	expect(rnnAccuracy).toBeLessThan(50);
	await expect(race(page).locator('.mr-summary')).toContainText('the LSTM’s accuracy is');
	// Who learned first: the step at which the LSTM's plotted accuracy first reached 90 % (same redraw as the accuracy).
	const reachedAt = await number(page, 'LSTM: step at 90 %');
	expect(reachedAt).toBeGreaterThan(0);
	expect(reachedAt).toBeLessThanOrEqual(await number(page, 'LSTM steps'));
	await expect(race(page).getByRole('status', { name: 'RNN: step at 90 %' })).toHaveText('not yet');
	await expect(race(page).locator('.mr-summary')).toContainText(`The LSTM reached 90 % at step ${reachedAt}; the RNN has not reached 90 % yet.`);

	await race(page).getByRole('button', { name: 'Pause' }).click();
	await expect(race(page).getByRole('button', { name: 'Resume' })).toBeVisible();
	await page.waitForTimeout(1000); // let messages already in flight arrive
	const pausedAt = await number(page, 'LSTM steps');
	await page.waitForTimeout(2000);
	expect(await number(page, 'LSTM steps')).toBe(pausedAt);

	await race(page).getByRole('button', { name: 'Resume' }).click();
	await expect.poll(() => number(page, 'LSTM steps'), { timeout: 20_000 }).toBeGreaterThan(pausedAt);

	const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
	const draws = await page.evaluate(() => performance.getEntriesByName('memory-race:draw', 'measure').map((e) => Math.round(e.duration)));
	console.log(`memory race redraws (ms): ${JSON.stringify(draws)}`);
	console.log(`memory race responsiveness: keyboard reaction ${reaction} ms; main-thread tasks over 50 ms: ${JSON.stringify(longTasks.map(Math.round))}`);
	// Timings are reported, not asserted (they measure the machine as much as the page); the charts must
	// have been redrawn while training went on.
	expect(draws.length).toBeGreaterThan(3);
	expect(problems).toEqual([]);
});

test('settings go into the link; reset restores the defaults and stops training', async ({ page, browser }) => {
	await open(page, racePage('en'));
	const N = race(page).getByRole('slider', { name: 'Distractors N (delay)' });
	await N.fill('20');
	await race(page).getByRole('combobox', { name: 'LSTM initialisation' }).selectOption('default');
	await race(page).getByRole('spinbutton', { name: 'Seed' }).fill('7');
	await race(page).getByRole('spinbutton', { name: 'Seed' }).press('Enter');
	// The link is written once the settings have been still for a moment.
	await expect.poll(() => new URL(page.url()).searchParams.get('race.seed')).toBe('7');
	const url = new URL(page.url());
	expect(url.searchParams.get('race.N')).toBe('20');
	expect(url.searchParams.get('race.init')).toBe('default');
	expect(url.searchParams.get('race.seed')).toBe('7');

	const fresh = await browser.newPage();
	await open(fresh, url.pathname + url.search);
	await expect(race(fresh).getByRole('slider', { name: 'Distractors N (delay)' })).toHaveValue('20');
	await expect(race(fresh).getByRole('combobox', { name: 'LSTM initialisation' })).toHaveValue('default');
	await expect(race(fresh).getByRole('spinbutton', { name: 'Seed' })).toHaveValue('7');
	await fresh.close();

	await race(page).getByRole('button', { name: 'Start training' }).click();
	await expect.poll(() => number(page, 'LSTM steps'), { timeout: 30_000 }).toBeGreaterThan(0);
	await race(page).getByRole('button', { name: 'Reset' }).click();
	await expect(N).toHaveValue(String(DEFAULT_RACE.N));
	await expect(race(page).getByRole('combobox', { name: 'LSTM initialisation' })).toHaveValue('chrono');
	await expect(race(page).getByRole('button', { name: 'Start training' })).toBeVisible();
	await page.waitForTimeout(1000);
	await expect(race(page).getByRole('status', { name: 'LSTM steps' })).toHaveText('0');
	expect(new URL(page.url()).search).not.toContain('race.');
});

test('nothing trains until the reader asks, also with reduced motion', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	await open(page, racePage('zh-cn'));
	await expect(race(page).getByRole('button', { name: '开始训练' })).toBeVisible();
	await page.waitForTimeout(1500);
	await expect(race(page).getByRole('status', { name: 'LSTM 训练步数' })).toHaveText('0');
	await expect(race(page).locator('.mr-status')).toContainText('在你按下之前不会运行任何计算');
	await expect(race(page).getByRole('status', { name: 'LSTM：达到 90 % 的步数' })).toHaveText('—');
	await expect(race(page).getByRole('status', { name: 'RNN：达到 90 % 的步数' })).toHaveText('—');
	await expect(race(page).getByRole('status', { name: '训练时间' })).toHaveText('0.0 秒');
});

for (const lang of ['en', 'zh-cn']) {
	test(`the initialisation select shows its options whole at 1280 px (${lang})`, async ({ page }) => {
		await page.setViewportSize({ width: 1280, height: 800 });
		await open(page, racePage(lang));
		const select = race(page).getByRole('combobox', { name: lang === 'en' ? 'LSTM initialisation' : 'LSTM 初始化' });
		await expect(select).toBeVisible();
		// The width the select would take for its longest option without the site's max-width, against the width it has.
		const [free, shown] = await select.evaluate((el: HTMLSelectElement) => {
			const shownWidth = el.getBoundingClientRect().width;
			el.style.maxWidth = 'none';
			const freeWidth = el.getBoundingClientRect().width;
			el.style.maxWidth = '';
			return [freeWidth, shownWidth];
		});
		expect(shown).toBeGreaterThanOrEqual(free - 0.5);
	});
}

for (const theme of ['light', 'dark']) {
	test(`axe finds no violations in the race while it trains (${theme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: theme as 'light' | 'dark' });
		await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
		await open(page, racePage('en'));
		await race(page).getByRole('button', { name: 'Start training' }).click();
		await expect.poll(() => number(page, 'LSTM steps'), { timeout: 30_000 }).toBeGreaterThan(0);
		await race(page).getByRole('button', { name: 'Pause' }).click();
		const axe = await new AxeBuilder({ page }).include('#memory-race').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});
}
