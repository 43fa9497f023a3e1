/**
 * Code cells (issue 11): edit and run, shared names between cells, errors at the cell's line, Stop ending
 * `while (true) {}`, Reset, links carrying code that does not run, chapter 5's models training above chance,
 * and no editor chunk on a page without cells.
 */
import { expect, test, type Page } from '@playwright/test';
import LZString from 'lz-string';

const CHAPTER = '/en/05-practice/';
const keras = (page: Page) => page.getByRole('region', { name: 'Code cell: Keras model, trained' });
const pytorch = (page: Page) => page.getByRole('region', { name: 'Code cell: PyTorch LSTMModel, trained' });

/** Replaces a cell's code through its editor, as a reader would (select all, type). */
async function setCode(cell: ReturnType<typeof keras>, code: string) {
	const editor = cell.getByRole('textbox', { name: /^Code of / });
	await editor.click();
	await cell.page().keyboard.press('ControlOrMeta+A');
	await cell.page().keyboard.insertText(code);
}

test.describe('code cells', () => {
	test('edit and run; a later cell sees an earlier one; an error names its line; Reset restores', async ({ page }) => {
		await page.goto(CHAPTER);
		const first = keras(page);
		await first.scrollIntoViewIfNeeded();
		await setCode(first, 'const answer: number = 6 * 7;\nanswer');
		await first.getByRole('button', { name: 'Run' }).click();
		await expect(first.getByRole('region', { name: 'Output' })).toHaveText('42');

		const second = pytorch(page);
		await second.scrollIntoViewIfNeeded();
		await setCode(second, 'console.log("twice", answer * 2);\nanswer + 1');
		await second.getByRole('textbox', { name: /^Code of / }).press('Shift+Enter');
		await expect(second.getByRole('region', { name: 'Output' })).toHaveText(/twice 84\s*43/);

		await setCode(second, 'const a = 1;\nconst b: { x: number } | null = null;\nconst c = b!.x;');
		await second.getByRole('button', { name: 'Run' }).click();
		await expect(second.getByRole('region', { name: 'Output' })).toContainText('TypeError (line 3:');

		await second.getByRole('button', { name: 'Reset' }).click();
		await expect(second.getByRole('textbox', { name: /^Code of / })).toContainText('class LSTMModel extends Module');
	});

	test('Stop ends while (true) {} within 2 s and the page still answers', async ({ page }) => {
		await page.goto(CHAPTER);
		const cell = keras(page);
		await cell.scrollIntoViewIfNeeded();
		await setCode(cell, 'const before = 1;\nbefore');
		await cell.getByRole('button', { name: 'Run' }).click();
		await expect(cell.getByRole('region', { name: 'Output' })).toHaveText('1');
		await setCode(cell, 'while (true) {}');
		await cell.getByRole('button', { name: 'Run' }).click();
		await expect(cell.getByRole('status')).toHaveText('Running…');
		const stopped = Date.now();
		await cell.getByRole('button', { name: 'Stop' }).click();
		await expect(cell.getByRole('region', { name: 'Output' })).toContainText('state of every cell was reset', { timeout: 2000 });
		expect(Date.now() - stopped).toBeLessThan(2000);
		await expect(cell.getByRole('region', { name: 'Output' })).toContainText('Run again: Keras model, trained');
		// The page answers clicks, and a fresh worker no longer knows `before`.
		await setCode(cell, 'typeof before');
		await cell.getByRole('button', { name: 'Run' }).click();
		await expect(cell.getByRole('region', { name: 'Output' })).toHaveText('"undefined"');
	});

	test('code in a link is shown, marked as changed, and runs only on Run', async ({ page }) => {
		const code = 'console.log("from the link");\n1 + 1';
		const hash = '#cells=' + LZString.compressToEncodedURIComponent(JSON.stringify({ 'keras-fit': code }));
		await page.goto(CHAPTER + hash);
		const cell = keras(page);
		await cell.scrollIntoViewIfNeeded();
		await expect(cell.getByRole('textbox', { name: /^Code of / })).toContainText('from the link');
		await expect(cell).toContainText('came with the link and has not run');
		await page.waitForTimeout(500);
		await expect(cell.getByRole('region', { name: 'Output' })).toHaveText('');
		await cell.getByRole('button', { name: 'Run' }).click();
		await expect(cell.getByRole('region', { name: 'Output' })).toHaveText(/from the link\s*2/);
	});

	test("chapter 5's Keras and PyTorch cells train above chance", async ({ page }) => {
		test.setTimeout(120_000);
		await page.goto(CHAPTER);
		for (const cell of [keras(page), pytorch(page)]) {
			await cell.scrollIntoViewIfNeeded();
			await cell.getByRole('button', { name: 'Run' }).click();
			const output = cell.getByRole('region', { name: 'Output' });
			await expect(output).toContainText('epoch 15:', { timeout: 60_000 });
			await expect(output.locator('.cc-plot')).toHaveCount(1);
			const text = (await output.textContent()) ?? '';
			const accuracy = Number(/test accuracy (\d\.\d+) \(chance/.exec(text)?.[1]);
			expect(accuracy).toBeGreaterThan(0.3);
		}
	});

	test('Run all runs the cells in order', async ({ page }) => {
		test.setTimeout(120_000);
		await page.goto(CHAPTER);
		await keras(page).scrollIntoViewIfNeeded();
		await page.getByRole('button', { name: 'Run all' }).click();
		await expect(page.getByText('Ran 2 of 2 cells.')).toBeVisible({ timeout: 90_000 });
	});

	test('no editor chunk is requested on a page without cells', async ({ page }) => {
		const requested: string[] = [];
		page.on('request', (request) => requested.push(request.url()));
		await page.goto('/en/06-applications/');
		await expect(page.locator('code-cell')).toHaveCount(0);
		await page.mouse.wheel(0, 100000);
		await page.waitForTimeout(1500);
		expect(requested.filter((url) => /code-cell|editor|cell\.worker|codemirror/i.test(url))).toEqual([]);
	});
});

test.describe('exercises', () => {
	test('a code exercise passes with the solution and fails with a broken one, naming the case', async ({ page }) => {
		await page.goto('/en/02-core-concepts/');
		const exercise = page.locator('#ex-2-6');
		const cell = exercise.getByRole('region', { name: 'Code cell: Exercise 6' });
		await cell.scrollIntoViewIfNeeded();
		await setCode(cell, 'function sigmoid(z: number) { return Math.tanh(z); }');
		await exercise.getByRole('button', { name: 'Check' }).click();
		await expect(exercise.locator('output.exercise-feedback')).toHaveText('sigmoid(0) should be 0.5, got 0.');
		await setCode(cell, 'function sigmoid(z: number) { return 1 / (1 + Math.exp(-z)); }');
		await exercise.getByRole('button', { name: 'Check' }).click();
		await expect(exercise.locator('output.exercise-feedback')).toHaveText('All 4 tests pass.');
		await exercise.getByRole('button', { name: 'Start over' }).click();
		await expect(exercise.locator('output.exercise-feedback')).toHaveText('');
		await expect(cell.getByRole('textbox', { name: /^Code of / })).toContainText('your code');
	});

	test('a numeric exercise states its precision, accepts an exact form and rejects a wrong answer', async ({ page }) => {
		await page.goto('/en/04-math/');
		const exercise = page.locator('#ex-4-1');
		await expect(exercise).toContainText('Within ±0.001');
		const input = exercise.getByRole('textbox', { name: 'Your answer' });
		await input.fill('0.5');
		await exercise.getByRole('button', { name: 'Check' }).click();
		await expect(exercise.locator('output')).toHaveAttribute('data-result', 'incorrect');
		await input.fill('1/(1+e^0.6)');
		await exercise.getByRole('button', { name: 'Check' }).click();
		await expect(exercise.locator('output')).toHaveAttribute('data-result', 'correct');
	});
});

test('exercise progress survives a reload, shows in the sidebar, and resets', async ({ page }) => {
	await page.goto('/en/04-math/');
	const exercise = page.locator('#ex-4-1');
	await exercise.getByRole('textbox', { name: 'Your answer' }).fill('0.354');
	await exercise.getByRole('button', { name: 'Check' }).click();
	await expect(page.getByText(/Solved 1 of \d exercises/)).toBeVisible();
	await page.reload();
	await expect(page.getByText(/Solved 1 of \d exercises/)).toBeVisible();
	await expect(page.locator('nav.sidebar a[href$="/04-math/"] .exercise-badge')).toHaveText(/1\/\d/);
	await page.getByRole('button', { name: 'Reset progress' }).click();
	await expect(page.getByText(/Solved 0 of \d exercises/)).toBeVisible();
});
