/**
 * What a reader does with each widget in `npm run bench:main-thread`, keyed by the widget's tag. The list of
 * widgets itself comes from the registry (tests/e2e/widget-inventory.ts); a widget without an entry here is
 * measured by the default scenario of bench/main-thread.ts (brought on screen, then left alone).
 */
import type { Page } from '@playwright/test';

export interface Scenario {
	id: string;
	/** The page to open; the first English page that uses the widget when omitted. */
	url?: string;
	/** Waits until the widget shows its first result, after data-ready. */
	settled?: (page: Page) => Promise<void>;
	/** What a reader does with it; `seconds` bounds the training scenarios. */
	drive: (page: Page, seconds: number) => Promise<void>;
}

async function pressRepeatedly(page: Page, key: string, times: number, gapMs = 40): Promise<void> {
	for (let k = 0; k < times; k++) {
		await page.keyboard.press(key);
		await page.waitForTimeout(gapMs);
	}
}

export const SCENARIOS: Record<string, Scenario[]> = {
	'activation-explorer': [
		{
			id: 'activation',
			url: '/en/02-core-concepts/',
			drive: async (page) => {
				await page.getByRole('slider', { name: 'Input z' }).focus();
				await pressRepeatedly(page, 'ArrowRight', 40);
			},
		},
	],
	'sequence-stepper': [
		{
			id: 'stepper-latch',
			url: '/en/02-core-concepts/',
			settled: (page) => page.locator('sequence-stepper').getByRole('status', { name: 't', exact: true }).waitFor(),
			drive: async (page) => {
				const stepper = page.locator('sequence-stepper');
				await stepper.getByRole('combobox', { name: 'Speed (steps per second)' }).selectOption('4');
				await stepper.getByRole('button', { name: 'Play' }).click();
				await page.waitForTimeout(4000);
				await stepper.getByRole('spinbutton', { name: 'Seed' }).fill('12');
				await stepper.getByRole('spinbutton', { name: 'Seed' }).press('Enter');
				await page.waitForTimeout(1000);
			},
		},
		{
			id: 'stepper-char',
			url: '/en/03-algorithm/',
			settled: (page) => page.locator('sequence-stepper').getByRole('status', { name: 'x_t (character read)' }).waitFor(),
			drive: async (page) => {
				const stepper = page.locator('sequence-stepper');
				const text = 'The forget gate decides what the cell keeps; the input gate decides what it writes. '.repeat(3);
				await stepper.getByRole('textbox', { name: 'Text to read' }).fill(text.slice(0, 200));
				await stepper.getByRole('textbox', { name: 'Text to read' }).press('Enter');
				await page.waitForTimeout(1500);
				await stepper.getByRole('slider', { name: 'Step t' }).focus();
				await pressRepeatedly(page, 'ArrowRight', 30);
				await stepper.getByRole('combobox', { name: 'Units in the heatmaps' }).selectOption({ index: 2 });
				await page.waitForTimeout(1000);
			},
		},
	],
	'cell-explorer': [
		{
			id: 'cell-explorer',
			url: '/en/03-algorithm/',
			drive: async (page) => {
				const cell = page.locator('cell-explorer');
				await cell.getByRole('button', { name: 'Random weights' }).click();
				await cell.getByRole('slider', { name: 'x_t[1]' }).focus();
				await pressRepeatedly(page, 'ArrowRight', 30);
				await cell.getByRole('button', { name: 'Remember everything' }).click();
				await page.waitForTimeout(500);
			},
		},
	],
	'gradient-lab': [
		{
			id: 'gradient-lab',
			url: '/en/01-background/',
			drive: async (page) => {
				const lab = page.locator('gradient-lab');
				await lab.getByRole('spinbutton', { name: 'Sequence length T (typed)' }).fill('200');
				await lab.getByRole('spinbutton', { name: 'Sequence length T (typed)' }).press('Enter');
				await page.waitForTimeout(1500);
				await lab.getByRole('slider', { name: 'Recurrent weight scale s' }).focus();
				await pressRepeatedly(page, 'ArrowRight', 15, 100);
				await lab.getByRole('checkbox', { name: 'Clip the gradient norm' }).click();
				await page.waitForTimeout(1500);
			},
		},
	],
	'memory-race': [
		{
			id: 'memory-race',
			url: '/en/01-background/',
			drive: async (page, seconds) => {
				await page.locator('memory-race').getByRole('button', { name: 'Start training' }).click();
				await page.waitForTimeout(seconds * 1000);
				// On a fast machine the race can end within the scenario's seconds; then there is nothing to pause.
				const pause = page.locator('memory-race').getByRole('button', { name: 'Pause' });
				if (await pause.isVisible()) await pause.click();
			},
		},
	],
	'gate-ablation': [
		{
			id: 'gate-ablation',
			url: '/en/08-summary/',
			drive: async (page, seconds) => {
				await page.locator('gate-ablation').getByRole('button', { name: 'Start training' }).click();
				await page.waitForTimeout(seconds * 1000);
			},
		},
	],
	'text-studio': [
		{
			id: 'studio',
			url: '/en/studio/',
			settled: (page) =>
				page.locator('text-studio').getByRole('button', { name: 'Generate', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 }),
			drive: async (page, seconds) => {
				const studio = page.locator('text-studio');
				await studio.getByRole('button', { name: 'Generate', exact: true }).click();
				await page.waitForTimeout(1500);
				await studio.getByRole('button', { name: 'Train', exact: true }).click();
				await page.waitForTimeout(seconds * 1000);
				await studio.getByRole('button', { name: 'Generate', exact: true }).click();
				await page.waitForTimeout(1500);
				await studio.getByRole('button', { name: 'Pause', exact: true }).click();
			},
		},
	],
};
