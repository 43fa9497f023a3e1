/**
 * The two widgets that train in the compute worker (memory race, gate ablation), under what can go wrong
 * around a run: the worker dies or its handler throws mid-training (the widget says so and Restart trains
 * again), the reader pauses and resumes (the step count is kept), and the tab is hidden (training pauses,
 * and resumes when the tab is shown unless the reader had paused it).
 */
import { expect, test, type Page } from '@playwright/test';
import { pageWith, recordWorkers, terminateWorkers, watchProblems } from './site.ts';

interface TrainingWidget {
	tag: string;
	/** Query that keeps a run long enough for the test (the gate ablation's defaults finish in tens of seconds). */
	search: string;
	/** Steps done so far, as the widget shows them. */
	steps: (page: Page) => Promise<number>;
}

const WIDGETS: TrainingWidget[] = [
	{
		tag: 'memory-race',
		search: '',
		steps: async (page) => Number(await page.locator('memory-race').getByRole('status', { name: 'LSTM steps', exact: true }).innerText()),
	},
	{
		tag: 'gate-ablation',
		search: '?ablate.v=0,1&ablate.n=30',
		steps: async (page) => Number((await page.locator('gate-ablation').getByRole('status', { name: 'Step', exact: true }).innerText()).split('/')[0]),
	},
];

async function open(page: Page, w: TrainingWidget): Promise<void> {
	await page.goto(pageWith(w.tag) + w.search);
	await page.locator(w.tag).scrollIntoViewIfNeeded();
	await expect(page.locator(`${w.tag}[data-ready]`)).toBeAttached({ timeout: 30_000 });
}

/** Makes the document look hidden (or visible again) and tells the page, as a switch of tabs would. */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
	await page.evaluate((h) => {
		Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
		document.dispatchEvent(new Event('visibilitychange'));
	}, hidden);
}

/**
 * The count comes to a stop (a chunk of training already under way still finishes, and on a busy machine
 * one step of four variants can take a second) and then stands still.
 */
async function expectStill(page: Page, w: TrainingWidget): Promise<number> {
	let at = -1;
	await expect
		.poll(
			async () => {
				const before = await w.steps(page);
				await page.waitForTimeout(1500);
				at = await w.steps(page);
				return at === before;
			},
			{ timeout: 20_000, intervals: [0] },
		)
		.toBe(true);
	await page.waitForTimeout(1500);
	expect(await w.steps(page)).toBe(at);
	return at;
}

for (const w of WIDGETS) {
	test.describe(w.tag, () => {
		test('a worker terminated mid-training: the widget says the computation stopped, and Restart trains again', async ({ page }) => {
			test.setTimeout(120_000);
			const problems = watchProblems(page);
			await recordWorkers(page);
			await open(page, w);
			const widget = page.locator(w.tag);
			await widget.getByRole('button', { name: 'Start training' }).click();
			await expect.poll(() => w.steps(page), { timeout: 30_000 }).toBeGreaterThan(0);
			expect(await terminateWorkers(page)).toBeGreaterThan(0);

			const fault = widget.locator('[data-fault]');
			await expect(fault).toBeVisible({ timeout: 10_000 });
			await expect(fault.getByRole('alert')).toContainText('The computation stopped');
			await expect(widget.getByRole('status').filter({ hasText: 'Training…' })).toHaveCount(0);
			await expect(widget.getByText('Training stopped.')).toBeVisible();
			// Start cannot hang on a dead worker: Restart is the way out.
			await expect(widget.getByRole('button', { name: 'Start training' })).toBeDisabled();
			const frozen = await w.steps(page);
			await page.waitForTimeout(1000);
			expect(await w.steps(page)).toBe(frozen);

			await widget.getByRole('button', { name: 'Restart' }).click();
			await expect(fault).toBeHidden();
			await expect(widget.getByRole('button', { name: 'Pause' })).toBeVisible();
			await expect(widget.getByRole('status').filter({ hasText: 'Training…' })).toHaveCount(1);
			// A fresh run: the count starts again and grows.
			await expect.poll(() => w.steps(page), { timeout: 30_000 }).toBeGreaterThan(0);
			const first = await w.steps(page);
			await expect.poll(() => w.steps(page), { timeout: 30_000 }).toBeGreaterThan(first);
			// The console warning names the cause; nothing else went wrong.
			expect(problems).toEqual([]);
		});

		test('a run whose handler throws in the worker: the widget says so, and Restart trains again', async ({ page }) => {
			test.setTimeout(90_000);
			const problems = watchProblems(page);
			// Keeps the last command the page sent to a worker, so the test can send a broken one in the same run.
			await page.addInitScript(() => {
				const send = Worker.prototype.postMessage;
				Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
					(window as unknown as { __last: { worker: Worker; message: unknown } }).__last = { worker: this, message };
					return (send as (...args: unknown[]) => void).call(this, message, ...rest);
				} as Worker['postMessage'];
			});
			await open(page, w);
			const widget = page.locator(w.tag);
			await widget.getByRole('button', { name: 'Start training' }).click();
			await expect.poll(() => w.steps(page), { timeout: 30_000 }).toBeGreaterThan(0);
			// A start command of the right type whose settings the trainer cannot use: the handler throws.
			await page.evaluate(() => {
				const { worker, message } = (window as unknown as { __last: { worker: Worker; message: { body: object } } }).__last;
				worker.postMessage({ ...message, body: { type: 'start', settings: null, configs: null } });
			});
			const fault = widget.locator('[data-fault]');
			await expect(fault).toBeVisible({ timeout: 10_000 });
			await expect(fault.getByRole('alert')).toContainText('The computation stopped (');
			await expect(widget.getByText('Training stopped.')).toBeVisible();

			await widget.getByRole('button', { name: 'Restart' }).click();
			await expect(fault).toBeHidden();
			await expect.poll(() => w.steps(page), { timeout: 30_000 }).toBeGreaterThan(0);
			expect(problems).toEqual([]);
		});

		test('Pause keeps the step count, Resume goes on from it', async ({ page }) => {
			test.setTimeout(90_000);
			await open(page, w);
			const widget = page.locator(w.tag);
			await widget.getByRole('button', { name: 'Start training' }).click();
			await expect.poll(() => w.steps(page), { timeout: 30_000 }).toBeGreaterThan(0);
			await widget.getByRole('button', { name: 'Pause' }).click();
			await expect(widget.getByText('Paused.')).toBeVisible();
			const paused = await expectStill(page, w);
			await widget.getByRole('button', { name: 'Resume' }).click();
			await expect.poll(() => w.steps(page), { timeout: 20_000 }).toBeGreaterThan(paused);
			// Resumed, not restarted: no reading ever went back below the paused count.
			for (let k = 0; k < 5; k++) {
				expect(await w.steps(page)).toBeGreaterThan(paused);
				await page.waitForTimeout(200);
			}
		});

		test('a hidden tab pauses training and showing it resumes; a run the reader paused stays paused', async ({ page }) => {
			test.setTimeout(90_000);
			await open(page, w);
			const widget = page.locator(w.tag);
			await widget.getByRole('button', { name: 'Start training' }).click();
			await expect.poll(() => w.steps(page), { timeout: 30_000 }).toBeGreaterThan(0);

			await setHidden(page, true);
			const hiddenAt = await expectStill(page, w);
			await setHidden(page, false);
			await expect(widget.getByRole('button', { name: 'Pause' })).toBeVisible();
			await expect.poll(() => w.steps(page), { timeout: 20_000 }).toBeGreaterThan(hiddenAt);

			await widget.getByRole('button', { name: 'Pause' }).click();
			const pausedAt = await expectStill(page, w);
			await setHidden(page, true);
			await setHidden(page, false);
			await expect(widget.getByRole('button', { name: 'Resume' })).toBeVisible();
			await page.waitForTimeout(1500);
			expect(await w.steps(page)).toBe(pausedAt);
		});
	});
}
