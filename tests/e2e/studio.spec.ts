/**
 * The text-generation studio (issue 10), driven by the accessible names the issue gives. Small models
 * (`studio.hidden=32`…) keep the runs short on a shared machine; the behaviour under test does not depend on size.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { recordWorkers, terminateWorkers, watchProblems } from './site.ts';

const STUDIO = '/en/studio/';
const SMALL = 'studio.hidden=32&studio.seqLen=32&studio.batch=8';

test.describe.configure({ timeout: 120_000 });

async function openStudio(page: Page, query = SMALL, path = STUDIO, generate = 'Generate'): Promise<Locator> {
	await page.goto(`${path}?${query}`);
	const studio = page.locator('text-studio');
	await studio.scrollIntoViewIfNeeded();
	await expect(page.locator('text-studio[data-ready]')).toBeAttached({ timeout: 30_000 });
	if (generate) await ready(studio, generate);
	return studio;
}

/** The model is in place: the studio says what it is and Generate can be pressed. */
async function ready(studio: Locator, generate = 'Generate'): Promise<void> {
	await expect(studio.locator('[data-model-line]').first()).not.toBeEmpty({ timeout: 90_000 });
	await expect(studio.getByRole('button', { name: generate, exact: true })).toBeEnabled({ timeout: 30_000 });
}

const output = (studio: Locator, name: string) => studio.getByRole('status', { name, exact: true });
const number = async (studio: Locator, name: string) => Number((await output(studio, name).textContent())!.replace(/,/g, ''));

async function pause(studio: Locator): Promise<void> {
	await studio.getByRole('button', { name: 'Pause', exact: true }).click();
	await expect(studio.getByRole('button', { name: 'Train', exact: true })).toBeEnabled({ timeout: 30_000 });
}

async function generated(studio: Locator, length: number): Promise<string> {
	await studio.getByRole('button', { name: 'Generate', exact: true }).click();
	const region = studio.getByRole('region', { name: 'Generated text' });
	await expect(region).toHaveAttribute('data-count', String(length), { timeout: 30_000 });
	await expect(studio.getByRole('button', { name: 'Stop', exact: true })).toBeDisabled();
	return (await region.locator('[data-chars]').evaluate((el) => [...el.querySelectorAll('button')].map((b) => (b.textContent === '↵' ? '\n' : b.textContent)).join('')));
}

test('training for a few seconds brings the validation loss down, and the chart states it', async ({ page }) => {
	const problems = watchProblems(page);
	const studio = await openStudio(page);
	await studio.getByRole('button', { name: 'Train', exact: true }).click();
	await expect(studio.getByRole('button', { name: 'Pause', exact: true })).toBeEnabled();
	// The untrained model's validation loss is the first reading (near log2 V).
	await expect(studio.locator('[data-model-line]')).toContainText('New model');
	// The untrained model's own validation loss arrives first (near log2 V, far above what training reaches).
	await expect.poll(() => number(studio, 'Validation loss (bits per character)'), { timeout: 60_000 }).toBeGreaterThan(5);
	const before = await number(studio, 'Validation loss (bits per character)');
	await expect.poll(() => number(studio, 'Validation loss (bits per character)'), { timeout: 90_000, intervals: [1000] }).toBeLessThan(before - 0.5);
	expect(await number(studio, 'Training steps')).toBeGreaterThan(0);
	expect(await number(studio, 'Characters per second')).toBeGreaterThan(0);
	await expect(output(studio, 'Elapsed time')).toHaveText(/^\d+:\d\d$/);
	await pause(studio);
	const steps = await number(studio, 'Training steps');
	await expect(studio.locator('[data-chart] svg')).toHaveAttribute('aria-label', /Loss chart/);
	await expect(studio.locator('[data-chart-description]')).toContainText(`After ${steps.toLocaleString('en-US')} steps`);
	await expect(studio.locator('[data-sample]')).not.toBeEmpty();
	await expect(studio.locator('[data-holdout]')).toContainText('The last 10 % of the text');
	expect(problems.filter((p) => !p.includes('/checkpoints/'))).toEqual([]);
});

test('Pause and Train again keep the step count; Step trains one batch', async ({ page }) => {
	const studio = await openStudio(page);
	await studio.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(output(studio, 'Training steps')).toHaveText('1', { timeout: 30_000 });
	await studio.getByRole('button', { name: 'Train', exact: true }).click();
	await expect.poll(() => number(studio, 'Training steps'), { timeout: 60_000 }).toBeGreaterThanOrEqual(4);
	await pause(studio);
	const paused = await number(studio, 'Training steps');
	await page.waitForTimeout(1500);
	expect(await number(studio, 'Training steps'), 'nothing trains while paused').toBe(paused);
	await studio.getByRole('button', { name: 'Train', exact: true }).click();
	await expect.poll(() => number(studio, 'Training steps'), { timeout: 60_000 }).toBeGreaterThan(paused);
	await pause(studio);
	// The curve goes on from where it was: its first point is still step 1.
	const first = await page.evaluate(() => document.querySelector('text-studio [data-chart-description]')!.textContent);
	expect(first).toContain('After');
	expect(await number(studio, 'Training steps')).toBeGreaterThan(paused);
});

test('the same sampler seed and settings give the same text; another seed another text; candidates on click', async ({ page }) => {
	const studio = await openStudio(page, `${SMALL}&studio.length=120&studio.sampleSeed=7&studio.temperature=1`);
	const a = await generated(studio, 120);
	const b = await generated(studio, 120);
	expect(b).toBe(a);
	await studio.getByLabel('Sampler seed', { exact: true }).fill('8');
	await studio.getByLabel('Sampler seed', { exact: true }).press('Enter');
	const c = await generated(studio, 120);
	expect(c).not.toBe(a);
	// Any generated character: the five most likely candidates with probabilities.
	const region = studio.getByRole('region', { name: 'Generated text' });
	await region.locator('button').nth(10).click();
	const items = studio.locator('[data-candidates] li');
	await expect(items).toHaveCount(5);
	await expect(items.first()).toContainText('%');
	// The keyboard moves along the text (one tab stop, arrow keys).
	await page.keyboard.press('ArrowRight');
	await expect(region.locator('button').nth(11)).toBeFocused();
	await expect(studio.locator('[data-candidates] p')).toContainText('Character 12');
});

test('a corrupt or mismatched model file is refused with the key and shapes; the current model stays', async ({ page }) => {
	const studio = await openStudio(page);
	const line = await studio.locator('[data-model-line]').textContent();
	const download = page.waitForEvent('download');
	await studio.getByRole('button', { name: 'Download model', exact: true }).click();
	const file = JSON.parse(readFileSync((await (await download).path())!, 'utf8'));
	expect(Object.keys(file.stateDict)).toContain('lstm.weight_hh_l0');
	const load = studio.getByLabel('Load model', { exact: true });
	const status = studio.locator('[data-save-status]');

	await load.setInputFiles({ name: 'truncated.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file).slice(0, 5000)) });
	await expect(status).toContainText('was not loaded');
	await expect(status).toContainText('not valid JSON');

	file.stateDict['fc.bias'].shape = [3];
	await load.setInputFiles({ name: 'mismatched.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
	await expect(status).toContainText('fc.bias');
	await expect(status).toContainText(/\[3\].*\[\d+\]/);
	await expect(status).toContainText('The current model is still loaded.');
	await expect(studio.locator('[data-model-line]')).toHaveText(line!);
	expect((await generated(studio, 300)).length).toBe(300);
});

test('a model file loads back, with its settings', async ({ page }) => {
	const studio = await openStudio(page);
	await studio.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(output(studio, 'Training steps')).toHaveText('1', { timeout: 30_000 });
	const download = page.waitForEvent('download');
	await studio.getByRole('button', { name: 'Download model', exact: true }).click();
	const path = (await (await download).path())!;
	await studio.getByRole('button', { name: 'Reset', exact: true }).click();
	await ready(studio);
	await studio.getByLabel('Load model', { exact: true }).setInputFiles(path);
	await expect(studio.locator('[data-save-status]')).toHaveText('Model loaded from your file.');
	await expect(studio.getByLabel('Hidden size', { exact: true })).toHaveValue('32');
	await expect(output(studio, 'Training steps')).toHaveText('1');
});

test('Continue in PyTorch downloads one archive with the script, the model file and the text', async ({ page }) => {
	const studio = await openStudio(page);
	const download = page.waitForEvent('download');
	await studio.getByRole('button', { name: 'Continue in PyTorch', exact: true }).click();
	const archive = await download;
	expect(archive.suggestedFilename()).toBe('cell-state-pytorch.zip');
	const bytes = readFileSync((await archive.path())!);
	// The central directory at the end lists the entries (stored, not compressed).
	const names: string[] = [];
	const end = bytes.length - 22;
	let at = bytes.readUInt32LE(end + 16);
	for (let k = 0; k < bytes.readUInt16LE(end + 10); k++) {
		const length = bytes.readUInt16LE(at + 28);
		names.push(bytes.subarray(at + 46, at + 46 + length).toString('utf8'));
		at += 46 + length;
	}
	expect(names).toEqual(['continue_training.py', 'model.json', 'corpus.txt']);
	const text = bytes.toString('utf8');
	expect(text).toContain('nn.LSTM');
	expect(text).toContain('"lstm.weight_ih_l0"');
	await expect(studio.locator('[data-save-status]')).toContainText('continue_training.py');
});

test('a saved run is listed, resumes where it was, and can be deleted', async ({ page }) => {
	const studio = await openStudio(page);
	await studio.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(output(studio, 'Training steps')).toHaveText('1', { timeout: 30_000 });
	await studio.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(output(studio, 'Training steps')).toHaveText('2', { timeout: 30_000 });
	await studio.getByRole('button', { name: 'Save run', exact: true }).click();
	await expect(studio.locator('[data-save-status]')).toHaveText('Run saved in this browser.');
	const runs = studio.getByRole('list', { name: 'Saved runs' }).getByRole('listitem');
	await expect(runs).toHaveCount(1);
	await expect(runs.first()).toContainText('2 steps');
	await page.reload();
	await expect(page.locator('text-studio[data-ready]')).toBeAttached({ timeout: 30_000 });
	await ready(studio);
	await expect(runs).toHaveCount(1);
	await runs.first().getByRole('button', { name: 'Resume', exact: true }).click();
	await expect(studio.locator('[data-model-line]')).toContainText('Saved run');
	await expect(output(studio, 'Training steps')).toHaveText('2');
	await expect(studio.getByLabel('Hidden size', { exact: true })).toHaveValue('32');
	await studio.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(output(studio, 'Training steps')).toHaveText('3', { timeout: 30_000 });
	await runs.first().getByRole('button', { name: 'Delete', exact: true }).click();
	await expect(runs).toHaveCount(0);
	await expect(studio.getByText('No saved runs yet.')).toBeVisible();
});

test('pasted text survives a reload; bad uploads get a clear message and keep it', async ({ page }) => {
	const studio = await openStudio(page, `${SMALL}&studio.corpus=own`, STUDIO, '');
	const box = studio.getByRole('textbox', { name: 'Training text', exact: true });
	const text = 'The quick brown fox jumps over the lazy dog. 细胞状态 🙂\n'.repeat(40);
	await box.fill(text);
	const status = studio.locator('[data-text-status]');
	await expect(status).toContainText('Draft kept in this browser.');
	await page.reload();
	await expect(page.locator('text-studio[data-ready]')).toBeAttached({ timeout: 30_000 });
	await expect(box).toHaveValue(text.replace(/\r\n?/g, '\n'));
	await expect(status).toContainText('ready to train', { timeout: 30_000 });

	const upload = studio.getByLabel('Upload a text file', { exact: true });
	await upload.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) });
	await expect(status).toContainText('binary file');
	await upload.setInputFiles({ name: 'short.txt', mimeType: 'text/plain', buffer: Buffer.from('too short') });
	await expect(status).toContainText('it needs at least 1,000');
	await upload.setInputFiles({ name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) });
	await expect(status).toContainText('The text is empty');
	await expect(box, 'an error never loses the draft').toHaveValue(text);
	// The reader's text trains.
	await studio.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(output(studio, 'Training steps')).toHaveText('1', { timeout: 30_000 });
});

test('the page answers at once while the model trains', async ({ page }) => {
	const studio = await openStudio(page, 'studio.hidden=128');
	await studio.getByRole('button', { name: 'Train', exact: true }).click();
	await expect.poll(() => number(studio, 'Training steps'), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
	// A timer set now fires without waiting behind training (which runs in the worker).
	const delays = await page.evaluate(async () => {
		const out: number[] = [];
		for (let k = 0; k < 10; k++) {
			const t = performance.now();
			await new Promise((r) => setTimeout(r, 0));
			out.push(performance.now() - t);
			await new Promise((r) => setTimeout(r, 50));
		}
		return out;
	});
	expect(Math.max(...delays)).toBeLessThan(250);
	const start = studio.getByRole('textbox', { name: 'Start text', exact: true });
	await start.fill('The cell');
	await expect(start).toHaveValue('The cell');
	await pause(studio);
});

test('a worker that dies mid-training shows the fault and Restart brings the studio back', async ({ page }) => {
	await recordWorkers(page);
	const studio = await openStudio(page);
	await studio.getByRole('button', { name: 'Train', exact: true }).click();
	await expect.poll(() => number(studio, 'Training steps'), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
	expect(await terminateWorkers(page)).toBeGreaterThan(0);
	const fault = studio.locator('[data-fault]');
	await expect(fault).toBeVisible({ timeout: 15_000 });
	await expect(fault).toContainText('The computation stopped');
	await expect(studio.getByRole('button', { name: 'Pause', exact: true })).toBeDisabled();
	await expect(studio.locator('[data-train-status]')).not.toContainText('Training…');
	await studio.getByRole('button', { name: 'Restart', exact: true }).click();
	await expect(fault).toBeHidden();
	await ready(studio);
	await studio.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(output(studio, 'Training steps')).toHaveText('1', { timeout: 30_000 });
});

test('the cell inspector colours the text by a unit and Find units ranks them', async ({ page }) => {
	const studio = await openStudio(page, `${SMALL}&studio.length=200`);
	await generated(studio, 200);
	const view = studio.getByRole('group', { name: 'Text coloured by the chosen unit' });
	await expect(view.locator('span')).not.toHaveCount(0);
	await expect(studio.locator('[data-inspect-description]')).toContainText('Unit 0');
	await studio.getByRole('combobox', { name: 'Text to inspect' }).selectOption('own');
	await studio.getByRole('textbox', { name: 'Text for the inspector' }).fill('He said "yes" and (then) left.\nShe said "no".');
	await studio.getByRole('textbox', { name: 'Text for the inspector' }).blur();
	await studio.getByRole('button', { name: 'Find units', exact: true }).click();
	const picks = studio.locator('[data-ranked-list] button');
	await expect(picks).toHaveCount(8);
	const second = await picks.nth(1).textContent();
	const unit = /Unit (\d+)/.exec(second!)![1];
	await picks.nth(1).click();
	await expect(studio.getByLabel('Unit', { exact: true })).toHaveValue(unit);
	await expect(studio.locator('[data-inspect-description]')).toContainText(`Unit ${unit}`);
	await expect(view.locator('span')).toHaveCount(Array.from('He said "yes" and (then) left.\nShe said "no".').length);
	// A feature that never changes in the text: no ranking, a sentence that says why.
	await studio.getByRole('textbox', { name: 'Text for the inspector' }).fill('no quotation marks here at all');
	await studio.getByRole('button', { name: 'Find units', exact: true }).click();
	await expect(studio.locator('[data-ranked]')).toContainText('never changes in this text');
	await expect(picks).toHaveCount(0);
});

for (const theme of ['light', 'dark'] as const) {
	test(`axe finds nothing in the ${theme} theme with a trained model, text and candidates on screen`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: theme });
		const studio = await openStudio(page, `${SMALL}&studio.length=80`);
		await studio.getByRole('button', { name: 'Step', exact: true }).click();
		await expect(output(studio, 'Training steps')).toHaveText('1', { timeout: 30_000 });
		await generated(studio, 80);
		await studio.getByRole('region', { name: 'Generated text' }).locator('button').nth(3).click();
		await studio.getByRole('combobox', { name: 'Text to inspect' }).selectOption('own');
		await studio.getByRole('textbox', { name: 'Text for the inspector' }).fill('He said "yes" and (then) left.');
		await studio.getByRole('button', { name: 'Find units', exact: true }).click();
		await expect(studio.locator('[data-ranked-list] button')).not.toHaveCount(0);
		const axe = await new AxeBuilder({ page }).include('text-studio').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
	});
}

const SIZES = [
	{ name: 'phone', width: 375, height: 800 },
	{ name: 'projector', width: 640, height: 480 },
];
const PLACES = [
	{ tag: 'text-studio', url: `${STUDIO}?${SMALL}` },
	{ tag: 'studio-train', url: '/en/05-practice/?train.hidden=32' },
	{ tag: 'studio-generate', url: '/en/05-practice/' },
	{ tag: 'text-studio', url: `/zh-cn/studio/?${SMALL}` },
];
for (const size of SIZES) {
	for (const { tag, url } of PLACES) {
		test(`${tag} on ${url.split('?')[0]} fits its figure on a ${size.name} (${size.width} px)`, async ({ page }) => {
			await page.setViewportSize({ width: size.width, height: size.height });
			await page.goto(url);
			const widget = page.locator(tag).first();
			await widget.scrollIntoViewIfNeeded();
			await expect(page.locator(`${tag}[data-ready]`).first()).toBeAttached({ timeout: 30_000 });
			await expect(widget.locator('[data-model-line]').first()).not.toBeEmpty({ timeout: 90_000 });
			const outside = await widget.evaluate((el) => {
				const box = el.closest('figure')!.getBoundingClientRect();
				return [...el.querySelectorAll('*')]
					.filter((node) => {
						const r = node.getBoundingClientRect();
						return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1);
					})
					.map((node) => `<${node.tagName.toLowerCase()} class="${node.getAttribute('class') ?? ''}"> ${node.textContent?.trim().slice(0, 40)}`);
			});
			expect(outside).toEqual([]);
		});
	}
}

test('the Chinese studio speaks Chinese', async ({ page }) => {
	const studio = await openStudio(page, SMALL, '/zh-cn/studio/', '生成');
	await expect(studio.getByRole('combobox', { name: '语料', exact: true })).toBeVisible();
	await expect(studio.getByRole('button', { name: '训练', exact: true })).toBeVisible();
	await expect(studio.getByRole('region', { name: '生成的文本' })).toBeAttached();
	await expect(studio.getByLabel('验证损失（比特/字符）', { exact: true })).not.toHaveText('—');
});

test('chapter 5 embeds: the generation embed writes at once, the training embed trains', async ({ page }) => {
	await page.goto('/en/05-practice/?train.hidden=32');
	const gen = page.locator('studio-generate');
	await gen.scrollIntoViewIfNeeded();
	await ready(gen);
	expect((await generated(gen, 300)).length).toBe(300);
	const train = page.locator('studio-train');
	await train.scrollIntoViewIfNeeded();
	await expect(train.locator('[data-model-line]')).not.toBeEmpty({ timeout: 90_000 });
	await train.getByRole('button', { name: 'Step', exact: true }).click();
	await expect(output(train, 'Training steps')).toHaveText('1', { timeout: 60_000 });
});
