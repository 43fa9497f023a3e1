/**
 * The gate ablation widget (chapter 8.5), used the way a reader does: variants picked by their
 * checkboxes, the task and initialisation chosen in labelled selects, length and seed typed into labelled fields, training started and paused with the
 * buttons. The numbers in the results table must equal what the engine computes in Node for the
 * same settings and step.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { AblationTrainer, configFor, type Variant } from '../../src/widgets/gate-ablation/model.ts';
import { pageWith, watchProblems } from './site.ts';

const widgetPage = (lang: string) => pageWith('gate-ablation', lang, '08-');

async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('gate-ablation').scrollIntoViewIfNeeded();
	await expect(page.locator('gate-ablation[data-ready]')).toBeAttached();
}

const variant = (page: Page, name: RegExp) => page.getByRole('checkbox', { name });
const stepOf = async (page: Page) => Number((await page.getByRole('status', { name: 'Step', exact: true }).innerText()).split('/')[0]);
/** The status line under the buttons (the only role=status without a name). */
const statusLine = (page: Page) => page.locator('gate-ablation .ga-status');
/** Steps the engine needs to reach 90 % for these settings, or null: what the finished table must show. */
const stepsTo90 = (v: Variant, delay: number) => {
	const trainer = new AblationTrainer(configFor(v, { delay }));
	while (!trainer.done) trainer.step();
	return trainer.stepsToTarget;
};
/** Tables of the figure that are wider than their box (and so scroll sideways). */
const tablesThatScroll = (page: Page) =>
	page.locator('figure.ga-figure').evaluate((fig) =>
		[...fig.querySelectorAll('.widget-table-wrap')].filter((w) => w.scrollWidth > w.clientWidth).map((w) => w.querySelector('caption')?.textContent),
	);
/** Words of the checkbox labels and column headers that a line break cuts in two. */
const splitWords = (page: Page, words: string[]) =>
	page.locator('figure.ga-figure').evaluate((fig, words) => {
		const split: string[] = [];
		for (const box of fig.querySelectorAll('.ga-variants label, thead th')) {
			const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
				for (const word of words) {
					for (let i = node.data.indexOf(word); i >= 0; i = node.data.indexOf(word, i + 1)) {
						const range = document.createRange();
						range.setStart(node, i);
						range.setEnd(node, i + word.length);
						const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
						if (lines.size > 1) split.push(`${word} in “${box.textContent?.trim()}”`);
					}
				}
			}
		}
		return split;
	}, words);

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
	// The link is written once the settings have been still for a moment.
	await expect.poll(() => page.url()).toContain('ablate.init=forget-bias');
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

	await fresh.locator('gate-ablation').getByRole('button', { name: 'Reset', exact: true }).click();
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
	test.setTimeout(120_000); // three scans of a figure full of KaTeX, and a run between them
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

test('with four picked, the other boxes stay reachable with Tab, look unavailable and refuse a fifth pick with a hint', async ({ page }) => {
	const problems = watchProblems(page);
	await open(page, widgetPage('en'));
	const hint = 'Up to four variants at a time: uncheck one to pick another.';
	// The default state: four picked, and the status says so.
	await expect(statusLine(page)).toHaveText('Four variants are picked; press “Start training”, or change the picks.');
	await expect(page.getByText(hint)).toBeVisible();

	// Tab reaches every box, the unavailable ones included, and each tells why it cannot be picked.
	await variant(page, /^Vanilla LSTM/).focus();
	for (const name of [/^Forget gate fixed at 1/, /^No input gate/, /^No output gate/, /^Coupled input/, /^Peepholes/, /^No output activation/, /^GRU/]) {
		await page.keyboard.press('Tab');
		await expect(variant(page, name)).toBeFocused();
	}
	for (const name of [/^No output gate/, /^Peepholes/, /^No output activation/, /^GRU/]) {
		await expect(variant(page, name)).toHaveAttribute('aria-disabled', 'true');
		await expect(variant(page, name)).toHaveAccessibleDescription(hint);
	}
	await expect(variant(page, /^Coupled input/)).not.toHaveAttribute('aria-disabled', 'true');

	// A fifth pick by keyboard or mouse changes nothing and repeats the hint, now as a warning.
	const gru = variant(page, /^GRU/);
	await page.keyboard.press('Space');
	await expect(gru).not.toBeChecked();
	// force: Playwright would wait for the (aria-)disabled box to become enabled; a reader just clicks.
	await page.locator('gate-ablation label', { has: page.getByRole('checkbox', { name: /^Peepholes/ }) }).click({ force: true });
	await expect(variant(page, /^Peepholes/)).not.toBeChecked();
	await expect(page.getByText(hint)).toBeVisible();
	await expect(page.getByText(hint)).toHaveAttribute('aria-live', 'polite');
	await expect(page.getByRole('button', { name: 'Start training' })).toBeEnabled();
	expect(page.url()).not.toContain('ablate.v=');

	// They look unavailable in both themes: dimmed, with a not-allowed pointer; the available ones do not.
	const look = (name: RegExp) =>
		variant(page, name).evaluate((input) => {
			const label = getComputedStyle(input.closest('label')!);
			return { opacity: Number(label.opacity), cursor: label.cursor };
		});
	for (const theme of ['light', 'dark']) {
		await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
		const off = await look(/^GRU/);
		expect(off.cursor).toBe('not-allowed');
		expect(off.opacity).toBeLessThan(0.7);
		expect(await look(/^Vanilla LSTM/)).toEqual({ opacity: 1, cursor: expect.not.stringMatching('not-allowed') });
	}

	// Unchecking one frees the others: the hint goes, and the box that refused can now be picked.
	await variant(page, /^Coupled input/).focus();
	await page.keyboard.press('Space');
	await expect(variant(page, /^Coupled input/)).not.toBeChecked();
	await expect(page.getByText(hint)).toBeHidden();
	await expect(statusLine(page)).toHaveText('Three variants are picked; press “Start training”, or change the picks.');
	await expect(gru).not.toHaveAttribute('aria-disabled', 'true');
	await gru.focus();
	await page.keyboard.press('Space');
	await expect(gru).toBeChecked();
	await expect(page.getByText(hint)).toBeVisible();
	await expect(variant(page, /^Coupled input/)).toHaveAttribute('aria-disabled', 'true');
	expect(problems).toEqual([]);
});

test('375 px: the results table fits; once the run has finished it reads "Final results" and "not reached"', async ({ page }) => {
	test.setTimeout(120_000);
	// Vanilla and NIG on last mark with N = 14: the vanilla LSTM learns it, the cell without an input gate does not.
	const expected = { vanilla: stepsTo90('vanilla', 14), nig: stepsTo90('no-input-gate', 14) };
	expect(expected.vanilla).not.toBeNull();
	expect(expected.nig).toBeNull();
	await page.setViewportSize({ width: 375, height: 700 });
	await open(page, `${widgetPage('en')}?ablate.v=0%2C2&ablate.n=14`);
	await expect(statusLine(page)).toHaveText('Two variants are picked; press “Start training”, or change the picks.');
	expect(await tablesThatScroll(page)).toEqual([]);

	await page.getByRole('button', { name: 'Start training' }).click();
	await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(20);
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByRole('table', { name: /^Results so far/ })).toBeVisible();
	await expect(page.getByRole('status', { name: /^Steps to 90.%, NIG$/ })).toHaveText('not yet');

	await page.getByRole('button', { name: 'Resume' }).click();
	await expect(statusLine(page)).toHaveText(/^Finished in \d+\.\d s\.$/, { timeout: 90_000 });
	await expect(page.getByRole('table', { name: /^Final results \(held-out set/ })).toBeVisible();
	await expect(page.getByRole('table', { name: /so far/ })).toHaveCount(0);
	await expect(page.getByRole('status', { name: /^Steps to 90.%, NIG$/ })).toHaveText('not reached');
	await expect(page.getByRole('status', { name: /^Steps to 90.%, LSTM$/ })).toHaveText(String(expected.vanilla));
	await expect(page.locator('gate-ablation .ga-summary')).toContainText('After 250 steps of last mark with N = 14: LSTM reached 90');
	expect(await tablesThatScroll(page)).toEqual([]);
});

test('zh-cn at 375 px: Chinese throughout, words kept whole, tables fit, final wording after the run', async ({ page }) => {
	test.setTimeout(120_000);
	const problems = watchProblems(page);
	await page.setViewportSize({ width: 375, height: 700 });
	await open(page, widgetPage('zh-cn'));
	const figure = page.locator('figure.ga-figure');
	// The peepholes row of the variants table is Chinese around the symbols.
	const peepholes = figure.locator('tr', { has: page.getByRole('rowheader', { name: '窥视孔连接（PH）' }) });
	await expect(peepholes).toContainText('中同样加');
	await expect(peepholes).toContainText('中加');
	await expect(figure).not.toContainText(/likewise|so far|not yet|Pick|picked|Results/);
	await expect(statusLine(page)).toHaveText('已选好 4 个变体：按“开始训练”，或更改所选的变体。');
	await expect(page.getByText('一次最多选 4 个变体：先取消勾选一个，才能选另一个。')).toBeVisible();
	await expect(page.getByRole('checkbox', { name: /^窥视孔连接/ })).toHaveAttribute('aria-disabled', 'true');
	expect(await splitWords(page, ['参数', '参数量', '准确率', '损失'])).toEqual([]);
	expect(await tablesThatScroll(page)).toEqual([]);

	// A finished run: vanilla and NIG, N = 14.
	await open(page, `${widgetPage('zh-cn')}?ablate.v=0%2C2&ablate.n=14`);
	await expect(statusLine(page)).toHaveText('已选好 2 个变体：按“开始训练”，或更改所选的变体。');
	await page.getByRole('button', { name: '开始训练' }).click();
	await expect(page.getByRole('table', { name: /^目前的结果/ })).toBeVisible();
	await expect(statusLine(page)).toHaveText(/^训练完成，用时 \d+\.\d 秒。$/, { timeout: 90_000 });
	await expect(page.getByRole('table', { name: /^最终结果（留出集/ })).toBeVisible();
	await expect(page.getByRole('status', { name: /^达到 90.% 的步数，NIG$/ })).toHaveText('未达到');
	await expect(figure).not.toContainText(/尚未|还没有/);
	expect(await splitWords(page, ['参数', '参数量', '准确率', '损失'])).toEqual([]);
	expect(await tablesThatScroll(page)).toEqual([]);
	expect(problems).toEqual([]);
});

for (const raw of ['0.5,1.5', '0,1.5']) {
	test(`a link with variants ${raw} trains the default four, and says the link was changed`, async ({ page }) => {
		const problems = watchProblems(page);
		await open(page, `${widgetPage('en')}?ablate.v=${encodeURIComponent(raw)}`);
		await expect(page.locator('gate-ablation [data-notice]')).toHaveText(`The link's variant list (“${raw}”) does not fit this widget; 0, 1, 2, 4 is used.`);
		for (const name of [/^Vanilla LSTM/, /^Forget gate fixed at 1/, /^No input gate/, /^Coupled input and forget gates/]) await expect(variant(page, name)).toBeChecked();
		await expect(statusLine(page)).toHaveText('Four variants are picked; press “Start training”, or change the picks.');
		// The rewritten link no longer carries the fractions.
		await expect.poll(() => new URL(page.url()).searchParams.get('ablate.v')).toBeNull();
		await page.getByRole('button', { name: 'Start training' }).click();
		await expect.poll(() => stepOf(page), { timeout: 30_000 }).toBeGreaterThan(0);
		await expect(page.getByRole('status', { name: 'Accuracy, CIFG' })).toHaveText(/^\d+\s%$/, { timeout: 30_000 });
		expect(problems).toEqual([]);
	});
}

