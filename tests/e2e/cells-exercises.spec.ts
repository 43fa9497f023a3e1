/**
 * Issue 11, the rest: chapters 3 and 4's cells run in both languages; hints come one at a time and "Start over"
 * takes them back; edited code is written into the link as the reader types; a lowered time limit ends a cell
 * and the page says so and still answers; without JavaScript the cells are highlighted listings.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import LZString from 'lz-string';

/** Replaces a cell's code through its editor, as a reader would (select all, type). */
async function setCode(cell: Locator, code: string) {
	const editor = cell.getByRole('textbox', { name: /^Code of |的代码$/ });
	await editor.click();
	await cell.page().keyboard.press('ControlOrMeta+A');
	await cell.page().keyboard.insertText(code);
}

const cellsOf = (hash: string): Record<string, string> => {
	const at = hash.indexOf('cells=');
	return at < 0 ? {} : JSON.parse(LZString.decompressFromEncodedURIComponent(hash.slice(at + 6).split('&')[0]) ?? '{}');
};

const CHAPTER_CELLS = [
	{ lang: 'en', path: '/en/03-algorithm/', region: 'Code cell: One LSTM step, by hand and by the engine', run: 'Run', output: 'Output', expect: /by hand h_t =[\s\S]*\d(\.\d+)?e-1[6-9]/ },
	{ lang: 'zh-cn', path: '/zh-cn/03-algorithm/', region: '代码单元格：带温度的采样', run: '运行', output: '输出', expect: /τ = 0\.25: "e{30}"/ },
	{ lang: 'en', path: '/en/04-math/', region: 'Code cell: Gradient check', run: 'Run', output: 'Output', expect: /16 entries of W_hh checked[\s\S]*\de-(9|1\d)/ },
	{ lang: 'zh-cn', path: '/zh-cn/04-math/', region: '代码单元格：梯度检验', run: '运行', output: '输出', expect: /16 entries of W_hh checked/ },
];

for (const c of CHAPTER_CELLS) {
	test(`${c.lang}: "${c.region}" runs and prints what the chapter says`, async ({ page }) => {
		await page.goto(c.path);
		const cell = page.getByRole('region', { name: c.region });
		await cell.scrollIntoViewIfNeeded();
		await expect(cell.getByRole('textbox')).toBeVisible();
		await cell.getByRole('button', { name: c.run, exact: true }).click();
		await expect(cell.getByRole('region', { name: c.output })).toHaveText(c.expect);
	});
}

for (const [lang, show, startOver, count1, count2, hint2] of [
	['en', 'Show a hint', 'Start over', 'Hint 1 of 2 shown', 'Hint 2 of 2 shown', 'Hint 2'],
	['zh-cn', '显示一条提示', '重新开始', '已显示 1/2 条提示', '已显示 2/2 条提示', '提示 2'],
] as const) {
	test(`${lang}: hints come one at a time, the answer opens, and Start over resets code, hints and verdict`, async ({ page }) => {
		await page.goto(`/${lang}/03-algorithm/`);
		const exercise = page.locator('#ex-3-6');
		await exercise.scrollIntoViewIfNeeded();
		const hints = exercise.locator('details.exercise-hint');
		await expect(hints).toHaveCount(2);
		await expect(hints.first()).toBeHidden();
		const button = exercise.getByRole('button', { name: show });
		await button.click();
		await expect(exercise.getByRole('status').filter({ hasText: count1 })).toBeVisible();
		await expect(hints.nth(0)).toBeVisible();
		await expect(hints.nth(1)).toBeHidden();
		await button.click();
		await expect(exercise.getByRole('status').filter({ hasText: count2 })).toBeVisible();
		await expect(exercise.getByText(hint2, { exact: true })).toBeVisible();
		await expect(button).toBeDisabled();

		const cell = exercise.getByRole('region', { name: /Exercise 6|练习 6/ });
		await setCode(cell, 'function forgetGate() { return 2; }');
		await exercise.getByRole('button', { name: lang === 'en' ? 'Check' : '检查' }).click();
		const verdict = exercise.locator('output.exercise-feedback');
		await expect(verdict).toHaveAttribute('data-result', 'incorrect');
		await exercise.locator('details.exercise-answer > summary').click();
		await expect(exercise.locator('details.exercise-answer')).toContainText('Math.exp(-z)');

		await exercise.getByRole('button', { name: startOver }).click();
		await expect(verdict).toHaveText('');
		await expect(hints.first()).toBeHidden();
		await expect(button).toBeEnabled();
		await expect(exercise.locator('details.exercise-answer')).not.toHaveAttribute('open');
		await expect(cell.getByRole('textbox')).toContainText('return 0; // your code');
	});
}

test('edited code is written into the link as the reader types, and a reload shows it without running it', async ({ page }) => {
	await page.goto('/en/03-algorithm/');
	const cell = page.getByRole('region', { name: 'Code cell: Sampling with temperature' });
	await cell.scrollIntoViewIfNeeded();
	await setCode(cell, 'console.log("typed");\n40 + 2');
	await expect.poll(() => page.evaluate(() => location.hash).then(cellsOf)).toEqual({ temperature: 'console.log("typed");\n40 + 2' });
	// The widgets' own state stays in the query; the hash is only the cells'.
	await page.reload();
	const again = page.getByRole('region', { name: 'Code cell: Sampling with temperature' });
	await again.scrollIntoViewIfNeeded();
	await expect(again.getByRole('textbox')).toContainText('typed');
	await expect(again).toContainText('came with the link and has not run');
	await page.waitForTimeout(500);
	await expect(again.getByRole('region', { name: 'Output' })).toHaveText('');
	await again.getByRole('button', { name: 'Reset' }).click();
	await expect.poll(() => page.evaluate(() => location.hash)).toBe('');
});

test('a lowered time limit ends a runaway cell; the page says which cells to run again and still answers', async ({ page }) => {
	await page.goto('/en/03-algorithm/');
	const first = page.getByRole('region', { name: 'Code cell: One LSTM step, by hand and by the engine' });
	await first.scrollIntoViewIfNeeded();
	await first.getByRole('button', { name: 'Run', exact: true }).click();
	await expect(first.getByRole('status')).toHaveText(/^Done in/);

	const cell = page.getByRole('region', { name: 'Code cell: Sampling with temperature' });
	await cell.scrollIntoViewIfNeeded();
	const limit = cell.getByRole('spinbutton', { name: 'Time limit (s)' });
	await limit.fill('0');
	await limit.press('Tab');
	await expect(cell.getByRole('status')).toHaveText('The time limit is a whole number of seconds from 1 to 600; it stays 30 s.');
	await expect(limit).toHaveValue('30');
	await limit.fill('1');
	await limit.press('Tab');
	await setCode(cell, 'while (true) {}');
	const started = Date.now();
	await cell.getByRole('button', { name: 'Run', exact: true }).click();
	const output = cell.getByRole('region', { name: 'Output' });
	await expect(output).toContainText('Stopped at the time limit of 1 s.', { timeout: 4000 });
	expect(Date.now() - started).toBeGreaterThan(900);
	await expect(output).toContainText('state of every cell was reset');
	await expect(output).toContainText('Run again: One LSTM step, by hand and by the engine');
	// The page answers: the first cell runs again in a fresh worker.
	await first.getByRole('button', { name: 'Run', exact: true }).click();
	await expect(first.getByRole('region', { name: 'Output' })).toContainText('by hand h_t =');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });
	for (const lang of ['en', 'zh-cn'] as const) {
		test(`${lang}: cells are highlighted listings and the exercises are readable`, async ({ page }) => {
			await page.goto(`/${lang}/03-algorithm/`);
			const cell = page.getByRole('region', { name: lang === 'en' ? 'Code cell: One LSTM step, by hand and by the engine' : '代码单元格：一步 LSTM：手算与引擎' });
			// Expressive Code's highlighted listing: coloured tokens, the whole code, and no editor or buttons.
			const listing = cell.locator('[data-static] pre');
			await expect(listing).toContainText('function lstmStepByHand');
			expect(await listing.locator('span[style*="--"]').count()).toBeGreaterThan(10);
			await expect(cell.getByRole('button')).toHaveCount(0);
			await expect(cell.getByRole('textbox')).toHaveCount(0);

			const exercise = page.locator('#ex-3-6');
			await expect(exercise).toContainText('forgetGate');
			await expect(exercise.getByRole('button', { name: /Show a hint|显示一条提示|Start over|重新开始/ })).toHaveCount(0);
			const hints = exercise.locator('details.exercise-hint');
			await expect(hints).toHaveCount(2);
			await hints.nth(1).locator('summary').click();
			await expect(hints.nth(1)).toHaveAttribute('open');
			await exercise.locator('details.exercise-answer > summary').click();
			await expect(exercise.locator('details.exercise-answer')).toContainText('Math.exp(-z)');
		});
	}
});

for (const c of [
	{ lang: 'en', check: 'Check', wrong: 'Not quite', right: 'Correct.', because: 'the LSTM gets there first, at step 61' },
	{ lang: 'zh-cn', check: '检查', wrong: '还不对', right: '正确。', because: 'LSTM 在第 61 步' },
] as const) {
	test(`${c.lang}: the memory-race exercise takes the smallest losing N and then explains it`, async ({ page }) => {
		await page.goto(`/${c.lang}/01-background/`);
		const exercise = page.locator('#ex-1-7');
		await exercise.scrollIntoViewIfNeeded();
		const input = exercise.getByRole('textbox');
		await input.fill('60');
		await exercise.getByRole('button', { name: c.check }).click();
		await expect(exercise.locator('output')).toContainText(c.wrong);
		await expect(exercise.locator('details.exercise-answer')).not.toHaveAttribute('open');
		await input.fill('8');
		await exercise.getByRole('button', { name: c.check }).click();
		await expect(exercise.locator('output')).toHaveText(c.right);
		await expect(exercise.locator('details.exercise-answer')).toHaveAttribute('open');
		await expect(exercise.locator('details.exercise-answer')).toContainText(c.because);
	});
}

for (const c of [
	{ lang: 'en', check: 'Check', right: 'Correct.', because: 'nearly greedy' },
	{ lang: 'zh-cn', check: '检查', right: '正确。', because: '近乎贪心' },
] as const) {
	test(`${c.lang}: the studio temperature exercise is a choice, checked, with the reason after it`, async ({ page }) => {
		await page.goto(`/${c.lang}/05-practice/`);
		const exercise = page.locator('#ex-5-8');
		await exercise.scrollIntoViewIfNeeded();
		await exercise.getByRole('radio', { name: '2.0' }).check();
		await exercise.getByRole('button', { name: c.check }).click();
		await expect(exercise.locator('output')).toHaveAttribute('data-result', 'incorrect');
		await exercise.getByRole('radio', { name: '0.1' }).check();
		await exercise.getByRole('button', { name: c.check }).click();
		await expect(exercise.locator('output')).toHaveText(c.right);
		await expect(exercise.locator('details.exercise-answer')).toContainText(c.because);
		await expect(exercise.locator('details.exercise-answer')).toHaveAttribute('open');
	});
}
