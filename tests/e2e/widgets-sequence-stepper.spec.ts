/**
 * The sequence stepper, used the way a reader does: step buttons, the step slider with the keyboard, play and
 * pause, the seed and the text field by label. The numbers at each step must equal the engine's lstmStep run
 * over the same sequence, and the predictions must equal the checkpoint's own softmax.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { lstmStep, type LstmStepResult } from '../../src/engine/lstm-step.ts';
import { latchParams, pulseTrain } from '../../src/widgets/sequence-stepper/latch.ts';
import { pageWith, recordWorkers, terminateWorkers, watchProblems } from './site.ts';
import { DEFAULT_TEXT } from '../../src/widgets/sequence-stepper/model.ts';

const widgetPage = (lang: string, chapter: string) => pageWith('sequence-stepper', lang, chapter);
const read = (text: string) => Number(text.replace('\u2212', '-'));
const SERIES = { i: 'i_t', f: 'f_t', g: 'g_t', o: 'o_t', c: 'C_t', h: 'h_t' } as const;

const widget = (page: Page) => page.locator('sequence-stepper');

async function open(page: Page, url: string) {
	await page.goto(url);
	await widget(page).scrollIntoViewIfNeeded();
	// The first trace needs a worker, the engine and (character model) the checkpoint: slow on a loaded machine.
	await expect(page.locator('sequence-stepper[data-ready]')).toBeAttached({ timeout: 30_000 });
	await expect(widget(page).locator('.ss-marker').first()).toBeAttached({ timeout: 30_000 });
	await expect(widget(page).getByRole('status', { name: 't', exact: true })).toHaveText(/^\d+ \/ \d+$/, { timeout: 30_000 });
}

/** h_t, C_t of an LSTM run from zero state over xs with lstmStep; returns every step's result. */
function run(params: Parameters<typeof lstmStep>[0], xs: ArrayLike<number>[]): LstmStepResult[] {
	let h: ArrayLike<number> = new Float64Array(params.hiddenSize);
	let c: ArrayLike<number> = new Float64Array(params.hiddenSize);
	return xs.map((x) => {
		const r = lstmStep(params, x, h, c);
		h = r.h;
		c = r.c;
		return r;
	});
}

async function currentStep(page: Page): Promise<number> {
	return Number((await widget(page).getByRole('status', { name: 't', exact: true }).innerText()).split(' / ')[0]);
}

async function expectUnits(page: Page, expected: LstmStepResult, units: number[]) {
	for (const j of units) {
		for (const [key, name] of Object.entries(SERIES)) {
			const out = widget(page).getByRole('status', { name: `${name}[${j}]`, exact: true });
			const want = expected[key as keyof typeof SERIES][j - 1];
			await expect.poll(async () => Math.abs(read(await out.innerText()) - want), { message: `${name}[${j}]` }).toBeLessThanOrEqual(5e-4);
		}
	}
}

const markerX = (page: Page) => widget(page).locator('.ss-marker').first().getAttribute('x');

test('latch: stepping, the slider and play move the marked step, and the numbers are the engine’s', async ({ page }) => {
	const problems = watchProblems(page);
	await open(page, widgetPage('en', '02-core-concepts'));
	const seed = Number(await widget(page).getByLabel('Seed (pulse values)').inputValue());
	const xs = pulseTrain(seed);
	const expected = run(latchParams(), xs);

	await expect(widget(page).getByRole('status', { name: 't', exact: true })).toHaveText(`1 / ${xs.length}`);
	await expectUnits(page, expected[0], [1, 2]);
	const x0 = await markerX(page);

	await widget(page).getByRole('button', { name: 'Next step' }).click();
	await widget(page).getByRole('button', { name: 'Next step' }).click();
	await widget(page).getByRole('button', { name: 'Next step' }).click();
	await expect(widget(page).getByRole('status', { name: 't', exact: true })).toHaveText(`4 / ${xs.length}`);
	expect(await markerX(page)).not.toBe(x0);
	await expectUnits(page, expected[3], [1, 2]);
	await expect(widget(page).getByRole('status', { name: 'x_t[2] (write)', exact: true })).toHaveText(String(xs[3][1]));

	const slider = widget(page).getByRole('slider', { name: 'Step t' });
	await slider.focus();
	await page.keyboard.press('End');
	await expect(slider).toHaveValue(String(xs.length));
	await page.keyboard.press('ArrowLeft');
	await expect(widget(page).getByRole('status', { name: 't', exact: true })).toHaveText(`${xs.length - 1} / ${xs.length}`);
	await expectUnits(page, expected[xs.length - 2], [1, 2]);
	await expect(widget(page).locator('.ss-description')).toContainText(`Step ${xs.length - 1} of ${xs.length}`);

	await widget(page).getByRole('button', { name: 'Previous step' }).click();
	await expect.poll(() => currentStep(page)).toBe(xs.length - 2);

	// Play from the start, then pause: the step advances on its own and stops when asked.
	await slider.focus();
	await page.keyboard.press('Home');
	await widget(page).getByLabel('Speed (steps per second)').selectOption('4');
	await widget(page).getByRole('button', { name: 'Play' }).click();
	await expect.poll(() => currentStep(page), { timeout: 5000 }).toBeGreaterThan(2);
	await widget(page).getByRole('button', { name: 'Pause' }).click();
	const paused = await currentStep(page);
	await page.waitForTimeout(700);
	expect(await currentStep(page)).toBe(paused);
	await expectUnits(page, expected[paused - 1], [1, 2]);
	expect(problems).toEqual([]);
});

test('latch: the latch holds the written value until clear (as the engine computes it)', async ({ page }) => {
	await open(page, widgetPage('en', '02-core-concepts'));
	const xs = pulseTrain(7);
	const expected = run(latchParams(), xs);
	const write = xs.findIndex((x) => x[1] === 1);
	const clear = xs.findIndex((x) => x[3] === 1);
	const slider = widget(page).getByRole('slider', { name: 'Step t' });
	await slider.focus();
	await page.keyboard.press('Home');
	for (let k = 0; k < clear - 1; k++) await page.keyboard.press('ArrowRight');
	// The step before the clear: C_t[1] still holds tanh(2·value written).
	await expect.poll(() => currentStep(page)).toBe(clear);
	const held = read(await widget(page).getByRole('status', { name: 'C_t[1]', exact: true }).innerText());
	expect(Math.abs(held - Math.tanh(2 * xs[write][0]))).toBeLessThan(0.01);
	expect(Math.abs(held - expected[clear - 1].c[0])).toBeLessThan(5e-4);
	await page.keyboard.press('ArrowRight');
	await expect.poll(async () => Math.abs(read(await widget(page).getByRole('status', { name: 'C_t[1]', exact: true }).innerText()))).toBeLessThan(0.01);
});

test('with prefers-reduced-motion, play still advances (no autoplay, no glide)', async ({ browser }) => {
	const context = await browser.newContext({ reducedMotion: 'reduce' });
	const page = await context.newPage();
	await open(page, widgetPage('en', '02-core-concepts'));
	await page.waitForTimeout(600);
	expect(await currentStep(page)).toBe(1); // nothing moves until the reader presses Play
	const transition = await widget(page).locator('.ss-marker').first().evaluate((m) => getComputedStyle(m).transitionDuration);
	expect(transition).toBe('0s');
	await widget(page).getByLabel('Speed (steps per second)').selectOption('4');
	await widget(page).getByRole('button', { name: 'Play' }).click();
	await expect.poll(() => currentStep(page), { timeout: 5000 }).toBeGreaterThan(2);
	await widget(page).getByRole('button', { name: 'Pause' }).click();
	await context.close();
});

test('a link read from the URL restores model, seed, step and numbers in a fresh page', async ({ page, browser }) => {
	await open(page, widgetPage('en', '02-core-concepts'));
	const seed = widget(page).getByLabel('Seed (pulse values)');
	await seed.fill('12');
	await seed.press('Enter');
	await expect.poll(() => page.url()).toContain('seq.seed=12');
	for (let k = 0; k < 5; k++) await widget(page).getByRole('button', { name: 'Next step' }).click();
	await expect.poll(() => page.url()).toContain('seq.t=6');
	const link = page.url();
	const shown = await widget(page).locator('output[aria-label]').allInnerTexts();
	const expected = run(latchParams(), pulseTrain(12));
	await expectUnits(page, expected[5], [1, 2]);

	const fresh = await browser.newPage();
	await open(fresh, link);
	await expect(widget(fresh).getByLabel('Seed (pulse values)')).toHaveValue('12');
	await expect(widget(fresh).getByRole('slider', { name: 'Step t' })).toHaveValue('6');
	await expect.poll(() => widget(fresh).locator('output[aria-label]').allInnerTexts()).toEqual(shown);
	await widget(fresh).getByRole('button', { name: 'Reset' }).click();
	await expect(widget(fresh).getByLabel('Seed (pulse values)')).toHaveValue('7');
	await expect.poll(() => fresh.url()).not.toContain('seq.');
	await fresh.close();
});

for (const { lang, typed } of [
	{ lang: 'en', typed: 'Step t (typed)' },
	{ lang: 'zh-cn', typed: '时间步 t（键入数值）' },
]) {
	for (const chapter of ['02-core-concepts', '03-algorithm']) {
		test(`${lang} ${chapter}: the typed step field reaches every step up to the last`, async ({ page }) => {
			await open(page, widgetPage(lang, chapter));
			const status = widget(page).getByRole('status', { name: 't', exact: true });
			const T = Number((await status.innerText()).split(' / ')[1]);
			expect(T).toBe(chapter === '02-core-concepts' ? pulseTrain(7).length : DEFAULT_TEXT.length);
			const field = widget(page).getByRole('spinbutton', { name: typed });
			for (const t of [7, T - 1, T]) {
				await field.fill(String(t));
				await field.press('Enter');
				await expect(status).toHaveText(`${t} / ${T}`);
				await expect(field).toHaveValue(String(t));
				await expect(widget(page).getByRole('slider', { name: typed.replace(/ \(typed\)|（键入数值）/, '') })).toHaveValue(String(t));
			}
			// Past the end is the end.
			await field.fill(String(T + 5));
			await field.press('Enter');
			await expect(status).toHaveText(`${T} / ${T}`);
			await expect(field).toHaveValue(String(T));
		});
	}
}

/** Every stepper-state event the page heard, in order (recorded from before the page's scripts run). */
async function recordStates(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const seen: unknown[] = [];
		(window as unknown as { __states: unknown[] }).__states = seen;
		document.addEventListener('stepper-state', (e) => seen.push((e as CustomEvent).detail));
	});
}

interface State {
	t: number;
	T: number;
	inputs: string[];
	c: number[][];
	h: number[][];
	gates: Record<'i' | 'f' | 'g' | 'o', number[][]>;
}
const lastState = (page: Page) => page.evaluate(() => (window as unknown as { __states: State[] }).__states.at(-1) ?? null);

test('latch: each shown step is announced as stepper-state with that step’s numbers (for the unrolled chain)', async ({ page }) => {
	await recordStates(page);
	await open(page, widgetPage('en', '02-core-concepts'));
	const xs = pulseTrain(7);
	const expected = run(latchParams(), xs);
	await expect.poll(async () => (await lastState(page))?.t).toBe(0);
	const first = (await lastState(page))!;
	expect(first.T).toBe(xs.length);
	expect(first.inputs).toHaveLength(xs.length);
	expect(first.inputs[2]).toBe(`${xs[2][0].toFixed(2).replace('-', '\u2212')} write`);
	for (const [k, r] of expected.entries()) {
		for (let j = 0; j < 2; j++) {
			expect(Math.abs(first.c[k][j] - r.c[j])).toBeLessThan(1e-12);
			expect(Math.abs(first.h[k][j] - r.h[j])).toBeLessThan(1e-12);
			for (const g of ['i', 'f', 'g', 'o'] as const) expect(Math.abs(first.gates[g][k][j] - r[g][j])).toBeLessThan(1e-12);
		}
	}
	const count = await page.evaluate(() => (window as unknown as { __states: unknown[] }).__states.length);
	await widget(page).getByRole('button', { name: 'Next step' }).click();
	await widget(page).getByRole('button', { name: 'Next step' }).click();
	await expect.poll(async () => (await lastState(page))?.t).toBe(2);
	expect(await page.evaluate(() => (window as unknown as { __states: unknown[] }).__states.length)).toBe(count + 2);
	// The event's numbers at the shown step are the ones the readouts show.
	const state = (await lastState(page))!;
	const shown = read(await widget(page).getByRole('status', { name: 'C_t[1]', exact: true }).innerText());
	expect(Math.abs(state.c[state.t][0] - shown)).toBeLessThanOrEqual(5e-4);
	// Changing the seed is a new sequence: announced again, at its first step.
	const seed = widget(page).getByLabel('Seed (pulse values)');
	await seed.fill('12');
	await seed.press('Enter');
	await expect.poll(async () => (await lastState(page))?.c[0][1]).toBeCloseTo(run(latchParams(), pulseTrain(12))[0].c[1], 12);
	expect((await lastState(page))!.t).toBe(0);
});

test('character model: stepper-state carries the characters read and C_t per step', async ({ page }) => {
	await recordStates(page);
	await open(page, widgetPage('en', '03-algorithm'));
	const text = 'gates';
	await widget(page).getByLabel('Text to read').fill(text);
	await expect.poll(async () => (await lastState(page))?.inputs.join('')).toBe(text);
	const ref = charReference();
	const steps = run(ref.params, [...text].map(ref.embedRow));
	await widget(page).getByRole('slider', { name: 'Step t' }).fill('4');
	await expect.poll(async () => (await lastState(page))?.t).toBe(3);
	const state = (await lastState(page))!;
	expect(state.T).toBe(text.length);
	steps.forEach((r, k) => r.c.forEach((c, j) => expect(Math.abs(state.c[k][j] - c)).toBeLessThan(1e-9)));
});

test('a worker that dies: the stepper says so, leaves “Computing…” even after Reset, and Restart traces again', async ({ page }) => {
	test.setTimeout(90_000);
	await recordWorkers(page);
	await open(page, widgetPage('en', '03-algorithm'));
	const status = widget(page).getByRole('status', { name: 't', exact: true });
	await expect(status).toHaveText(`1 / ${DEFAULT_TEXT.length}`);
	await widget(page).getByLabel('Text to read').fill('a text that is traced while its worker is killed');
	expect(await terminateWorkers(page)).toBeGreaterThan(0);
	const fault = widget(page).locator('[data-fault]');
	await expect(fault).toBeVisible({ timeout: 15_000 });
	await expect(fault.getByRole('alert')).toContainText('The computation stopped');
	const busy = widget(page).locator('.ss-busy');
	await expect(busy).not.toHaveText('Computing…');
	await widget(page).getByRole('button', { name: 'Reset', exact: true }).click();
	await expect(widget(page).getByLabel('Text to read')).toHaveValue(DEFAULT_TEXT);
	await expect(fault).toBeVisible();
	await expect(busy).not.toHaveText('Computing…');
	await widget(page).getByRole('button', { name: 'Restart' }).click();
	await expect(fault).toBeHidden();
	const text = 'after the restart';
	await widget(page).getByLabel('Text to read').fill(text);
	await expect(status).toHaveText(`1 / ${text.length}`);
	await widget(page).getByRole('button', { name: 'Next step' }).click();
	await expect(widget(page).getByRole('status', { name: 'x_t (character read)' })).toHaveText('f');
});

test('a checkpoint that cannot be loaded is a fault of the run, and Restart tries again', async ({ page }) => {
	// The worker imports the checkpoint's chunk on the first character request; make that import fail.
	let fail = true;
	await page.route(/char-model-[^/]*\.js$/, (route) => (fail ? route.abort() : route.continue()));
	await page.goto(widgetPage('en', '03-algorithm'));
	await widget(page).scrollIntoViewIfNeeded();
	const fault = widget(page).locator('[data-fault]');
	await expect(fault).toBeVisible({ timeout: 30_000 });
	await expect(fault.getByRole('alert')).toContainText('The computation stopped');
	await expect(widget(page).locator('.ss-busy')).not.toHaveText('Computing…');
	fail = false;
	await widget(page).getByRole('button', { name: 'Restart' }).click();
	await expect(fault).toBeHidden();
	// A fresh worker loads the engine and the checkpoint again: on a busy machine that takes a while.
	await expect(widget(page).getByRole('status', { name: 't', exact: true })).toHaveText(`1 / ${DEFAULT_TEXT.length}`, { timeout: 30_000 });
});

/** The checkpoint's weights, read straight from the committed JSON. */
function charReference() {
	const ck = JSON.parse(readFileSync(join(import.meta.dirname, '../../src/widgets/sequence-stepper/char-model.json'), 'utf8'));
	const sd = ck.stateDict as Record<string, { shape: number[]; data: number[] }>;
	const [V, E] = sd['embed.weight'].shape;
	const H = sd['lstm.weight_hh_l0'].shape[1];
	const params = {
		inputSize: E,
		hiddenSize: H,
		weightIh: Float64Array.from(sd['lstm.weight_ih_l0'].data),
		weightHh: Float64Array.from(sd['lstm.weight_hh_l0'].data),
		biasIh: Float64Array.from(sd['lstm.bias_ih_l0'].data),
		biasHh: Float64Array.from(sd['lstm.bias_hh_l0'].data),
	};
	const chars: string[] = ck.vocab;
	const embedRow = (ch: string) => sd['embed.weight'].data.slice(chars.indexOf(ch) * E, (chars.indexOf(ch) + 1) * E);
	const probabilities = (h: ArrayLike<number>) => {
		const z = Array.from({ length: V }, (_, v) => sd['fc.bias'].data[v] + Array.from(h).reduce((s, hk, k) => s + sd['fc.weight'].data[v * H + k] * hk, 0));
		const m = Math.max(...z);
		const e = z.map((x) => Math.exp(x - m));
		const total = e.reduce((a, b) => a + b, 0);
		return e.map((x) => x / total);
	};
	return { params, chars, embedRow, probabilities };
}

async function outputText(locator: Locator) {
	return (await locator.innerText()).replace('␣', ' ');
}

test('character model: the reader’s text runs through the checkpoint; gates and top-3 predictions match the engine', async ({ page }) => {
	const problems = watchProblems(page);
	await open(page, widgetPage('en', '03-algorithm'));
	await expect(widget(page).getByLabel('Model')).toHaveValue('char');
	const text = 'the forget gate';
	const field = widget(page).getByLabel('Text to read');
	await field.fill(text);
	await field.press('Enter');
	await expect(widget(page).getByRole('status', { name: 't', exact: true })).toHaveText(`1 / ${text.length}`);

	const ref = charReference();
	const steps = run(ref.params, [...text].map(ref.embedRow));
	await widget(page).getByLabel('Unit for the C_t chart and readouts').selectOption('5');
	for (const t of [1, 5]) {
		await widget(page).getByRole('slider', { name: 'Step t' }).fill(String(t));
		await expect.poll(() => currentStep(page)).toBe(t);
		await expect.poll(() => outputText(widget(page).getByRole('status', { name: 'x_t (character read)' }))).toBe(text[t - 1]);
		await expectUnits(page, steps[t - 1], [5]);
		const p = ref.probabilities(steps[t - 1].h);
		const order = p.map((_, v) => v).sort((a, b) => p[b] - p[a] || a - b);
		for (let k = 1; k <= 3; k++) {
			const v = order[k - 1];
			const shown = await outputText(widget(page).getByRole('status', { name: `Prediction ${k}` }));
			expect(shown).toBe(`${ref.chars[v]} ${(p[v] * 100).toFixed(1)} %`);
		}
	}
	expect(problems).toEqual([]);
});

test('character model: a long text is computed without blocking, and heatmap windows switch units', async ({ page }) => {
	await open(page, widgetPage('en', '03-algorithm'));
	const long = 'An LSTM reads one character at a time and keeps a cell state that it scales and adds to at every step of the text.';
	await widget(page).getByLabel('Text to read').fill(long);
	await widget(page).getByLabel('Text to read').press('Enter');
	await expect(widget(page).getByRole('status', { name: 't', exact: true })).toHaveText(`1 / ${long.length}`);
	await widget(page).getByLabel('Units in the heatmaps').selectOption({ label: 'Units 9–16' });
	await expect(widget(page).locator('.ss-maps svg').first()).toHaveAttribute('aria-label', /units 9 to 16/);
	await widget(page).getByRole('slider', { name: 'Step t' }).focus();
	await page.keyboard.press('End');
	await expect(widget(page).locator('.ss-maps svg').first()).toHaveAttribute('aria-label', new RegExp(`step ${long.length} is outlined`));
});

test('zh-cn: translated controls and no axe violations on either page', async ({ page }) => {
	// axe reads two whole chapters with their formulas and the heatmaps: over a minute on a loaded machine.
	test.setTimeout(240_000);
	const problems = watchProblems(page);
	await open(page, widgetPage('zh-cn', '02-core-concepts'));
	await expect(widget(page).getByRole('button', { name: '下一步' })).toBeVisible();
	await widget(page).getByRole('button', { name: '下一步' }).click();
	await expect(widget(page).getByRole('status', { name: 't', exact: true })).toHaveText(/^2 \//);
	for (const p of [page]) {
		const axe = await new AxeBuilder({ page: p }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	}
	await open(page, widgetPage('en', '03-algorithm'));
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	expect(problems).toEqual([]);
});

test('without JavaScript the figure shows the latch’s pulse train as a table', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(widgetPage('en', '02-core-concepts'));
	const table = page.locator('figure.sequence-stepper-figure').getByRole('table', { name: 'The latch model on its default pulse train, computed at build time' });
	await expect(table).toBeVisible();
	await expect(table.getByRole('row')).toHaveCount(25);
	await context.close();
});
