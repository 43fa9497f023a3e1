/**
 * The gate ablation widget (chapter 8.5), used the way a reader does: variants picked by their
 * checkboxes, the task and initialisation chosen in labelled selects, length and seed typed into labelled fields, training started and paused with the
 * buttons. The numbers in the results table must equal what the engine computes in Node for the
 * same settings and step.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AblationTrainer, configFor, type Variant } from '../../src/widgets/gate-ablation/model.ts';
import { htmlOf, PAGES, watchProblems } from './site.ts';

const widgetPage = (lang: string) => {
	const url = PAGES.find((p) => p.startsWith(`/${lang}/08-`) && htmlOf(p).includes('<gate-ablation'));
	if (!url) throw new Error(`no ${lang} chapter 8 page uses <GateAblation />`);
	return url;
};

async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('gate-ablation').scrollIntoViewIfNeeded();
	await expect(page.locator('gate-ablation[data-ready]')).toBeAttached();
}

const variant = (page: Page, name: RegExp) => page.getByRole('checkbox', { name });
const stepOf = async (page: Page) => Number((await page.getByRole('status', { name: 'Step', exact: true }).innerText()).split('/')[0]);

test('pick variants, start, watch progress, pause stops it, numbers match the engine', async ({ page }) => {
	test.setTimeout(120_000);
	const problems = watchProblems(page);
	await open(page, widgetPage('en'));

	// Defaults: vanilla, NFG, NIG, CIFG on the last-mark task.
	await expect(page.getByLabel('Task', { exact: true })).toHaveValue('last-mark');
	for (const name of [/^Vanilla LSTM/, /^Forget gate fixed at 1/, /^No input gate/, /^Coupled input and forget gates/]) {
		await expect(variant(page, name)).toBeChecked();
	}
	// The fifth box is disabled while four are chosen; unchecking one frees it.
	await expect(variant(page, /^GRU/)).toBeDisabled();
	await variant(page, /^No input gate/).uncheck();
	await variant(page, /^Coupled input and forget gates/).uncheck();
	await variant(page, /^GRU/).check();
	await page.getByRole('spinbutton', { name: 'Length N (steps before the query) (typed)' }).fill('3');
	await page.getByRole('spinbutton', { name: 'Length N (steps before the query) (typed)' }).press('Enter');
	await page.getByLabel('Seed').fill('7');
	await page.getByLabel('Seed').press('Enter');
	await expect(page.getByRole('slider', { name: 'Length N (steps before the query)' })).toHaveValue('3');

	expect(await stepOf(page)).toBe(0);
	await page.getByRole('button', { name: 'Start training' }).click();
	await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
	const accuracy = page.getByRole('status', { name: 'Accuracy, LSTM' });
	await expect(accuracy).toHaveText(/^\d+\s%$/);

	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
	// A chunk already under way may still arrive; after that the count must stand still.
	await page.waitForTimeout(500);
	const paused = await stepOf(page);
	await page.waitForTimeout(1500);
	expect(await stepOf(page)).toBe(paused);

	// Compare every row of the table with the engine run for the same settings and evaluation step.
	const variants: [Variant, string][] = [['vanilla', 'LSTM'], ['no-forget-gate', 'NFG'], ['gru', 'GRU']];
	for (const [v, short] of variants) {
		const shown = await page.getByRole('status', { name: `Accuracy, ${short}` }).innerText();
		const loss = Number(await page.getByRole('status', { name: `Loss, ${short}` }).innerText());
		const trainer = new AblationTrainer(configFor(v, { task: 'last-mark', delay: 3, seed: 7 }));
		const evalStep = Math.floor(paused / 10) * 10;
		while (trainer.steps < evalStep) trainer.step();
		const point = trainer.history.at(-1)!;
		expect(point.step).toBe(evalStep);
		expect(shown).toBe(`${Math.round(point.accuracy * 100)}\u00a0%`);
		expect(loss).toBeCloseTo(point.loss, 3);
	}

	await page.getByRole('button', { name: 'Resume' }).click();
	await expect.poll(() => stepOf(page), { timeout: 20_000 }).toBeGreaterThan(paused);
	await expect(page.locator('gate-ablation .ga-summary')).toContainText('steps of last mark with N = 3');
	await expect(page.locator('gate-ablation svg[aria-label="Held-out accuracy"]')).toBeVisible();
	await expect(page.locator('gate-ablation .ga-chart-alt').first()).toContainText(/Held-out accuracy at step \d+: LSTM \d+\s%, NFG \d+\s%, GRU \d+\s%\./);
	expect(problems).toEqual([]);
});

test('a link read from the URL restores the selection and the task; Reset restores the defaults', async ({ page, browser }) => {
	await open(page, widgetPage('en'));
	await page.getByLabel('Task', { exact: true }).selectOption('recall');
	await variant(page, /^Forget gate fixed at 1/).uncheck();
	await variant(page, /^Peepholes/).check();
	await page.getByRole('spinbutton', { name: 'Length N (steps before the query) (typed)' }).fill('12');
	await page.getByRole('spinbutton', { name: 'Length N (steps before the query) (typed)' }).press('Enter');
	await page.getByLabel('Seed').fill('42');
	await page.getByLabel('Seed').press('Enter');
	await page.getByLabel('Gate biases start').selectOption('forget-bias');
	const link = page.url();
	expect(link).toContain('ablate.v=0%2C2%2C4%2C5');
	expect(link).toContain('ablate.task=recall');
	expect(link).toContain('ablate.n=12');

	const fresh = await browser.newPage();
	await open(fresh, link);
	for (const name of [/^Vanilla LSTM/, /^No input gate/, /^Coupled input/, /^Peepholes/]) await expect(variant(fresh, name)).toBeChecked();
	for (const name of [/^Forget gate fixed at 1/, /^No output gate/, /^No output activation/, /^GRU/]) await expect(variant(fresh, name)).not.toBeChecked();
	await expect(fresh.getByLabel('Task', { exact: true })).toHaveValue('recall');
	await expect(fresh.getByRole('slider', { name: 'Length N (steps before the query)' })).toHaveValue('12');
	await expect(fresh.getByLabel('Seed')).toHaveValue('42');
	await expect(fresh.getByLabel('Gate biases start')).toHaveValue('forget-bias');

	await fresh.getByRole('button', { name: 'Reset' }).click();
	for (const name of [/^Vanilla LSTM/, /^Forget gate fixed at 1/, /^No input gate/, /^Coupled input/]) await expect(variant(fresh, name)).toBeChecked();
	await expect(variant(fresh, /^Peepholes/)).not.toBeChecked();
	await expect(fresh.getByLabel('Task', { exact: true })).toHaveValue('last-mark');
	await expect(fresh.getByRole('slider', { name: 'Length N (steps before the query)' })).toHaveValue('40');
	await expect(fresh.getByLabel('Seed')).toHaveValue('1');
	await expect(fresh.getByLabel('Gate biases start')).toHaveValue('chrono');
	expect(fresh.url()).not.toContain('ablate.');
	await fresh.close();
});

test('fewer than two variants cannot start; keyboard operates the checkboxes and buttons', async ({ page }) => {
	await open(page, widgetPage('en'));
	for (const name of [/^Forget gate fixed at 1/, /^No input gate/, /^Coupled input/]) await variant(page, name).uncheck();
	await expect(page.getByRole('button', { name: 'Start training' })).toBeDisabled();
	await expect(page.locator('gate-ablation .ga-hint')).toHaveText('Pick at least 2 variants.');
	await variant(page, /^GRU/).focus();
	await page.keyboard.press('Space');
	await expect(variant(page, /^GRU/)).toBeChecked();
	await page.getByRole('button', { name: 'Start training' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
});

test('zh-cn: labels are translated; with reduced motion nothing starts by itself', async ({ browser }) => {
	const context = await browser.newContext({ reducedMotion: 'reduce' });
	const page = await context.newPage();
	const problems = watchProblems(page);
	await open(page, widgetPage('zh-cn'));
	await expect(page.getByRole('button', { name: '开始训练' })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: /^标准 LSTM/ })).toBeChecked();
	await expect(page.getByLabel('任务', { exact: true })).toHaveValue('last-mark');
	await expect(page.getByRole('slider', { name: '长度 N（询问之前的步数）' })).toHaveValue('40');
	await page.waitForTimeout(1000);
	expect(await page.getByRole('status', { name: '步数', exact: true }).innerText()).toBe('0 / 250');
	expect(problems).toEqual([]);
	await context.close();
});

test('axe: no violations in the widget, idle and while training, in both themes', async ({ page }) => {
	await open(page, widgetPage('en'));
	const scan = () => new AxeBuilder({ page }).include('figure.ga-figure').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();
	expect((await scan()).violations).toEqual([]);
	await page.getByRole('spinbutton', { name: 'Length N (steps before the query) (typed)' }).fill('2');
	await page.getByRole('spinbutton', { name: 'Length N (steps before the query) (typed)' }).press('Enter');
	await page.getByRole('button', { name: 'Start training' }).click();
	await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
	await page.getByRole('button', { name: 'Pause' }).click();
	expect((await scan()).violations).toEqual([]);
	await page.evaluate(() => (document.documentElement.dataset.theme = 'dark'));
	expect((await scan()).violations).toEqual([]);
});
