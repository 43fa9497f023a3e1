/**
 * The cell explorer (chapter 3), used the way a reader does: sliders with the keyboard, number fields by
 * label, preset buttons by name. Every readout, and every number on the cell diagram's wires, must equal
 * the engine's lstmStep on the inputs and weights the page shows.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { lstmStep } from '../../src/engine/lstm-step.ts';
import { presetWeights } from '../../src/widgets/cell-explorer/model.ts';
import { exampleWeights } from '../../src/chapters/worked-examples.ts';
import { pageWith, watchProblems } from './site.ts';

const widgetPage = (lang: string, chapter: string) => pageWith('cell-explorer', lang, chapter);

const GATE_ROWS = { i: 0, f: 1, g: 2, o: 3 } as const;
const GATE_NAMES = { i: 'i', f: 'f', g: 'C', o: 'o' } as const;
const QUANTITY_NAMES = { f: 'f_t', i: 'i_t', g: 'C̃_t', o: 'o_t', c: 'C_t', h: 'h_t' } as const;
const read = (text: string) => Number(text.replace('\u2212', '-'));

async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('cell-explorer').scrollIntoViewIfNeeded();
	await expect(page.locator('cell-explorer[data-ready]')).toBeAttached();
	await expect(page.locator('cell-explorer .ce-equation .katex').first()).toBeVisible();
}

/** Reads I, H, the inputs and every weight from the page, packs them in PyTorch's layout and runs lstmStep. */
async function engineOnPage(page: Page) {
	const H = await page.locator('cell-explorer .ce-shape:not([hidden]) .ce-range[data-vec="c"]').count();
	const I = await page.locator('cell-explorer .ce-shape:not([hidden]) .ce-range[data-vec="x"]').count();
	const slider = async (name: string) => Number(await page.locator('cell-explorer').getByRole('slider', { name, exact: true }).inputValue());
	const x: number[] = [];
	const h: number[] = [];
	const c: number[] = [];
	for (let k = 1; k <= I; k++) x.push(await slider(`x_t[${k}]`));
	for (let k = 1; k <= H; k++) h.push(await slider(`h_{t-1}[${k}]`));
	for (let k = 1; k <= H; k++) c.push(await slider(`C_{t-1}[${k}]`));
	const weightIh = new Float64Array(4 * H * I);
	const weightHh = new Float64Array(4 * H * H);
	const biasIh = new Float64Array(4 * H);
	for (const [gate, block] of Object.entries(GATE_ROWS)) {
		const g = GATE_NAMES[gate as keyof typeof GATE_NAMES];
		for (let r = 1; r <= H; r++) {
			const row = block * H + (r - 1);
			for (let col = 1; col <= H + I; col++) {
				const field = page.locator('cell-explorer').getByRole('spinbutton', { name: new RegExp(`^W_${g}\\[${r},${col}\\]`) });
				const v = Number(await field.inputValue());
				// The chapter's W_f·[h_{t-1}, x_t]: the first H columns are PyTorch's weight_hh, the rest weight_ih.
				if (col <= H) weightHh[row * H + (col - 1)] = v;
				else weightIh[row * I + (col - H - 1)] = v;
			}
			biasIh[row] = Number(await page.locator('cell-explorer').getByRole('spinbutton', { name: `b_${g}[${r}]`, exact: true }).inputValue());
		}
	}
	return { H, I, x, h, c, result: lstmStep({ inputSize: I, hiddenSize: H, weightIh, weightHh, biasIh, biasHh: new Float64Array(4 * H) }, x, h, c) };
}

async function expectReadoutsMatchEngine(page: Page) {
	await expect
		.poll(async () => {
			const { H, result } = await engineOnPage(page);
			let worst = 0;
			for (const [key, name] of Object.entries(QUANTITY_NAMES)) {
				for (let j = 1; j <= H; j++) {
					const shown = read(await page.locator('cell-explorer').getByRole('status', { name: `${name}[${j}]`, exact: true }).innerText());
					worst = Math.max(worst, Math.abs(shown - result[key as keyof typeof QUANTITY_NAMES][j - 1]));
				}
			}
			return worst;
		})
		.toBeLessThanOrEqual(5e-5);
}

test('en: the readouts are the engine’s step; sliders, weight fields and presets drive it', async ({ page }) => {
	const problems = watchProblems(page);
	await open(page, widgetPage('en', '03-algorithm'));
	await expectReadoutsMatchEngine(page);
	// Chapter 4's worked example: f_t = (0.8928, 0.6704).
	await expect(page.locator('cell-explorer').getByRole('status', { name: 'f_t[1]', exact: true })).toHaveText('0.8928');

	const x1 = page.locator('cell-explorer').getByRole('slider', { name: 'x_t[1]', exact: true });
	await x1.focus();
	for (let k = 0; k < 3; k++) await page.keyboard.press('ArrowLeft');
	await expect(x1).toHaveValue('0.7');
	await expectReadoutsMatchEngine(page);

	const w = page.locator('cell-explorer').getByRole('spinbutton', { name: /^W_f\[1,3\] / });
	await w.fill('-2.5');
	await w.press('Tab');
	await expectReadoutsMatchEngine(page);

	await page.locator('cell-explorer').getByRole('button', { name: 'Remember everything' }).click();
	await expect(page.locator('cell-explorer').getByRole('status').filter({ hasText: 'Remember everything' })).toBeVisible();
	await expectReadoutsMatchEngine(page);
	for (let j = 1; j <= 2; j++) {
		const before = Number(await page.locator('cell-explorer').getByRole('slider', { name: `C_{t-1}[${j}]`, exact: true }).inputValue());
		const after = read(await page.locator('cell-explorer').getByRole('status', { name: `C_t[${j}]`, exact: true }).innerText());
		expect(Math.abs(after - before)).toBeLessThan(0.01);
	}
	await page.locator('cell-explorer').getByRole('button', { name: 'Read' }).click();
	await expectReadoutsMatchEngine(page);
	expect(read(await page.locator('cell-explorer').getByRole('status', { name: 'o_t[1]', exact: true }).innerText())).toBeGreaterThan(0.997);
	expect(problems).toEqual([]);
});

test('random weights come from the seed shown', async ({ page }) => {
	await open(page, widgetPage('en', '03-algorithm'));
	const seed = page.locator('cell-explorer').getByLabel('Seed', { exact: true });
	await seed.fill('5');
	await seed.press('Enter');
	const expected = presetWeights('random', 'pair', 5);
	await expect(page.locator('cell-explorer').getByRole('spinbutton', { name: /^W_i\[1,1\] / })).toHaveValue(String(expected.w[0]));
	await expect(page.locator('cell-explorer').getByRole('spinbutton', { name: 'b_o[2]', exact: true })).toHaveValue(String(expected.b[7]));
	await expectReadoutsMatchEngine(page);
});

test('scalar mode has one unit and still agrees with the engine', async ({ page }) => {
	await open(page, widgetPage('en', '03-algorithm'));
	await page.locator('cell-explorer').getByLabel('Size').selectOption('scalar');
	await expect(page.locator('cell-explorer').getByRole('status', { name: 'f_t[2]', exact: true })).toHaveCount(0);
	await expect(page.locator('cell-explorer').getByRole('slider', { name: 'x_t[2]', exact: true })).toHaveCount(0);
	await expectReadoutsMatchEngine(page);
	await page.locator('cell-explorer').getByRole('slider', { name: 'h_{t-1}[1]', exact: true }).focus();
	await page.keyboard.press('End');
	await expectReadoutsMatchEngine(page);
});

test('a link read from the URL restores the same state and numbers in a fresh page', async ({ page, browser }) => {
	await open(page, widgetPage('en', '03-algorithm'));
	await page.locator('cell-explorer').getByRole('slider', { name: 'C_{t-1}[2]', exact: true }).focus();
	await page.keyboard.press('Home');
	await page.locator('cell-explorer').getByRole('button', { name: 'Write' }).click();
	const b = page.locator('cell-explorer').getByRole('spinbutton', { name: 'b_C[1]', exact: true });
	await b.fill('1.5');
	await b.press('Tab');
	// The URL is written after a short debounce: wait for the last edit (b_C[1] = 1.5), not just any bias.
	await expect.poll(() => new URL(page.url()).searchParams.get('cell.b')?.split(',') ?? []).toContain('1.5');
	await expect.poll(() => page.url()).toContain('cell.c=');
	const link = page.url();
	const shown = await page.locator('cell-explorer output[aria-label]').allInnerTexts();

	const fresh = await browser.newPage();
	await open(fresh, link);
	await expect(fresh.locator('cell-explorer').getByRole('slider', { name: 'C_{t-1}[2]', exact: true })).toHaveValue('-3');
	await expect(fresh.locator('cell-explorer').getByRole('spinbutton', { name: 'b_C[1]', exact: true })).toHaveValue('1.5');
	await expect.poll(() => fresh.locator('cell-explorer output[aria-label]').allInnerTexts()).toEqual(shown);
	await expectReadoutsMatchEngine(fresh);

	await fresh.locator('cell-explorer').getByRole('button', { name: 'Reset' }).click();
	await expect(fresh.locator('cell-explorer').getByRole('status', { name: 'f_t[1]', exact: true })).toHaveText('0.8928');
	await expect.poll(() => fresh.url()).not.toContain('cell.');
	await fresh.close();
});

test('equation numbers and readouts highlight each other (hover, focus, arrow keys)', async ({ page }) => {
	await open(page, widgetPage('en', '03-algorithm'));
	const readout = page.locator('cell-explorer .ce-shape:not([hidden]) td.ce-readout[data-term="f1"]');
	const cellEquation = page.locator('cell-explorer .ce-equation[data-eq="eq-cell-state"]');
	const termInEquation = cellEquation.locator('[data-term="f1"]').first();
	await expect(termInEquation).toHaveText('0.893');

	await termInEquation.hover();
	await expect(readout).toHaveClass(/ce-hot/);
	await page.mouse.move(0, 0);
	await expect(readout).not.toHaveClass(/ce-hot/);

	await page.locator('cell-explorer').getByRole('status', { name: 'f_t[1]', exact: true }).focus();
	await expect(termInEquation).toHaveClass(/ce-hot/);
	await expect(page.locator('cell-explorer .ce-equation[data-eq="eq-forget-gate"] [data-term="f1"]')).toHaveClass(/ce-hot/);

	const group = page.locator('cell-explorer').getByRole('group', { name: /^Cell state C_t, with the current numbers/ });
	await group.focus();
	await page.keyboard.press('Home'); // no effect; arrows move
	await page.keyboard.press('ArrowRight');
	await expect(cellEquation.locator('.ce-active')).toHaveCount(1);
	const active = await cellEquation.locator('.ce-active').getAttribute('data-term');
	expect(active).toBeTruthy();
	await expect(page.locator(`cell-explorer [data-term="${active}"]`).first()).toHaveClass(/ce-hot/);
	// Screen readers hear which number was reached (the KaTeX layer itself is aria-hidden).
	await expect(page.locator('cell-explorer .ce-equations').getByRole('status')).toHaveText(/^\S+\[\d\] = −?\d/);
});

test('zh-cn: translated labels, same numbers, no axe violations', async ({ page }) => {
	const problems = watchProblems(page);
	await open(page, widgetPage('zh-cn', '03-algorithm'));
	await expect(page.locator('cell-explorer').getByRole('button', { name: '全部记住' })).toBeVisible();
	await expectReadoutsMatchEngine(page);
	const axe = await new AxeBuilder({ page }).include('cell-explorer').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	expect(problems).toEqual([]);
});

test('en: the whole page with the live widget has no axe violations', async ({ page }) => {
	test.setTimeout(150_000); // a long page full of formulas: axe needs its time on a shared machine
	await open(page, widgetPage('en', '03-algorithm'));
	await page.locator('cell-explorer').getByRole('button', { name: 'Random weights' }).click();
	const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('without JavaScript the figure shows the six equations and the default outputs', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(widgetPage('en', '03-algorithm'));
	const figure = page.locator('figure.cell-explorer-figure');
	await expect(figure.locator('.ce-static-equation .katex')).toHaveCount(6);
	await expect(figure.getByRole('row', { name: /^f_t / })).toContainText('0.8928');
	await context.close();
});

/** The number written on a wire of the explorer's diagram for unit j (1-based). */
const wireText = (page: Page, wire: string, j: number) => page.locator(`cell-explorer .ce-diagram [data-wire="${wire}"] [data-unit="${j - 1}"]`);

test('editing x_t or a weight changes the matching wire label, and wire and readout agree with the engine', async ({ page }) => {
	await open(page, widgetPage('en', '03-algorithm'));
	await expect(wireText(page, 'f', 1)).toHaveText('0.893');
	const before = (await wireText(page, 'f', 1).textContent())!;
	const w = page.locator('cell-explorer').getByRole('spinbutton', { name: /^W_f\[1,3\] / });
	await w.fill('-2.5');
	await w.press('Tab');
	await expect(wireText(page, 'f', 1)).not.toHaveText(before);
	const x = page.locator('cell-explorer').getByRole('spinbutton', { name: 'x_t[2] (typed)', exact: true });
	await x.fill('-1.5');
	await x.press('Tab');
	await expect(wireText(page, 'x', 2)).toHaveText('\u22121.500');
	await expect
		.poll(async () => {
			const { H, result } = await engineOnPage(page);
			let worst = 0;
			for (const [key, wire] of [['f', 'f'], ['i', 'i'], ['g', 'g'], ['o', 'o'], ['c', 'c'], ['h', 'h']] as const) {
				for (let j = 1; j <= H; j++) worst = Math.max(worst, Math.abs(read((await wireText(page, wire, j).textContent())!) - result[key][j - 1]));
			}
			return worst;
		})
		.toBeLessThanOrEqual(5e-4);
	await expectReadoutsMatchEngine(page);
	// The wire's accessible name carries the same numbers.
	await expect(page.locator('cell-explorer .ce-diagram [data-wire="f"]')).toHaveAttribute('aria-label', new RegExp(`^forget gate f_t: ${(await wireText(page, 'f', 1).textContent())!}, `));
});

test('hovering or focusing a wire highlights its equation terms and readouts, and back', async ({ page }) => {
	await open(page, widgetPage('en', '03-algorithm'));
	const wire = page.locator('cell-explorer .ce-diagram [data-wire="f"]');
	const term = page.locator('cell-explorer .ce-equation[data-eq="eq-cell-state"] [data-term="f1"]').first();
	const readout = page.locator('cell-explorer .ce-shape:not([hidden]) td.ce-readout[data-term="f2"]');
	await expect(term).toBeAttached();
	await wire.locator('.cd-name').hover();
	await expect(term).toHaveClass(/ce-hot/);
	await expect(readout).toHaveClass(/ce-hot/);
	await expect(page.locator('cell-explorer .ce-shape:not([hidden]) td.ce-readout[data-term="i1"]')).not.toHaveClass(/ce-hot/);
	await page.mouse.move(0, 0);
	await expect(term).not.toHaveClass(/ce-hot/);
	// Back: a readout lights its wire; the keyboard reaches wires too.
	await page.locator('cell-explorer').getByRole('status', { name: 'C_t[1]', exact: true }).focus();
	await expect(page.locator('cell-explorer .ce-diagram [data-wire="c"]')).toHaveClass(/cd-hot/);
	await page.locator('cell-explorer .ce-diagram [data-wire="o"]').focus();
	await expect(page.locator('cell-explorer .ce-equation[data-eq="eq-hidden-state"] [data-term="o1"]').first()).toHaveClass(/ce-hot/);
});

test('the stage control shows one stage at a time, by keyboard and the Next stage button, and the link keeps it', async ({ page }) => {
	await open(page, widgetPage('en', '03-algorithm'));
	const svg = page.locator('cell-explorer .ce-diagram svg.cd-svg');
	const stage = page.locator('cell-explorer').getByLabel('Stage', { exact: true });
	const opacity = (wire: string) => page.locator(`cell-explorer .ce-diagram [data-wire="${wire}"] path`).evaluate((p) => getComputedStyle(p).opacity);
	await expect(svg).toHaveAttribute('data-stage', 'all');
	await stage.focus();
	await page.keyboard.press('ArrowDown');
	await expect(svg).toHaveAttribute('data-stage', 'forget');
	await expect.poll(() => opacity('o')).toBe('0.15');
	await expect.poll(() => opacity('f')).toBe('1');
	await page.locator('cell-explorer').getByRole('button', { name: 'Next stage' }).click();
	await expect(svg).toHaveAttribute('data-stage', 'input');
	await expect(stage).toHaveValue('input');
	await expect.poll(() => opacity('g')).toBe('1');
	await expect.poll(() => opacity('f')).toBe('0.15');
	await expect.poll(() => new URL(page.url()).searchParams.get('cell.stage')).toBe('input');
	for (const next of ['update', 'output', 'all']) {
		await page.locator('cell-explorer').getByRole('button', { name: 'Next stage' }).click();
		await expect(svg).toHaveAttribute('data-stage', next);
	}
});

test('chapter 2: the diagram on its own walks through the stages and says what each computes', async ({ page }) => {
	await page.goto(pageWith('cell-diagram', 'en', '02-core-concepts'));
	await page.locator('cell-diagram').scrollIntoViewIfNeeded();
	await expect(page.locator('cell-diagram[data-ready]')).toBeAttached();
	await expect(page.locator('cell-diagram [data-wire="f"] [data-unit="0"]')).toHaveText('0.893');
	await page.locator('cell-diagram').getByRole('button', { name: 'Next stage' }).click();
	await expect(page.locator('cell-diagram svg.cd-svg')).toHaveAttribute('data-stage', 'forget');
	await expect(page.locator('cell-diagram [data-stage-text]')).toHaveText(/^1\. Forget/);
	await page.locator('cell-diagram [data-wire="c"]').focus();
	await expect(page.locator('cell-diagram [data-wire="c"]')).toHaveClass(/cd-hot/);
});

test('chapter 4: one equation at a time, its result the engine’s and its derivative σ′', async ({ page }) => {
	await page.goto(pageWith('equation-view', 'en', '04-math'));
	await page.locator('equation-view').scrollIntoViewIfNeeded();
	await expect(page.locator('equation-view[data-ready]')).toBeAttached();
	await page.locator('equation-view').getByLabel('Equation').selectOption('cell');
	await expect(page.locator('equation-view [data-part="result"] .katex-mathml')).toContainText('C');
	const x1 = page.locator('equation-view').getByLabel('x_t[1]', { exact: true });
	await x1.fill('0.5');
	await x1.press('Tab');
	await expect.poll(() => new URL(page.url()).searchParams.get('eqv.x')).toBe('0.5,0.5');
	await page.locator('equation-view').getByLabel('Equation').selectOption('forget');
	const { result } = engineFor([0.5, 0.5]);
	const f = result.f;
	const text = await page.locator('equation-view [data-part="derivatives"] .katex-mathml').innerText();
	for (const v of f) expect(text).toContain((v * (1 - v)).toFixed(4));
	const res = await page.locator('equation-view [data-part="result"] .katex-mathml').innerText();
	for (const v of f) expect(res).toContain(v.toFixed(4));
});

/** The engine's step of chapter 4's example cell with input x (PyTorch layout, as engineOnPage packs it). */
function engineFor(x: number[]) {
	const H = 2;
	const I = 2;
	const weightIh = new Float64Array(4 * H * I);
	const weightHh = new Float64Array(4 * H * H);
	const biasIh = new Float64Array(4 * H);
	for (const [gate, block] of Object.entries(GATE_ROWS)) {
		const { W, b } = exampleWeights[gate as keyof typeof GATE_ROWS];
		for (let r = 0; r < H; r++) {
			const row = block * H + r;
			for (let col = 0; col < H + I; col++) {
				if (col < H) weightHh[row * H + col] = W[r][col];
				else weightIh[row * I + (col - H)] = W[r][col];
			}
			biasIh[row] = b[r];
		}
	}
	return { result: lstmStep({ inputSize: I, hiddenSize: H, weightIh, weightHh, biasIh, biasHh: new Float64Array(4 * H) }, x, [0.2, -0.4], [0.8, -0.5]) };
}

for (const chapter of ['02-core-concepts', '03-algorithm']) {
	test(`the unrolled chain follows the sequence stepper before it (${chapter}): current step outlined, C_t of the unit on the line`, async ({ page }) => {
		await page.goto(pageWith('unrolled-chain', 'en', chapter));
		const stepper = page.locator('sequence-stepper').first();
		await stepper.scrollIntoViewIfNeeded();
		await expect(page.locator('sequence-stepper[data-ready]').first()).toBeAttached();
		await page.locator('unrolled-chain').scrollIntoViewIfNeeded();
		await expect(page.locator('unrolled-chain[data-ready]')).toBeAttached();
		const now = page.locator('unrolled-chain .uc-cell.uc-now');
		await expect(stepper.getByRole('status', { name: 't', exact: true })).toHaveText(/^\d+ \/ \d+$/, { timeout: 30_000 });
		await expect(now).toHaveCount(1);
		for (let k = 0; k < 3; k++) await stepper.getByRole('button', { name: 'Next step' }).click();
		const t = Number((await stepper.getByRole('status', { name: 't', exact: true }).innerText()).split(' / ')[0]);
		await expect(now.locator('[data-value="step"]')).toHaveText(`step ${t}`);
		const c1 = read(await stepper.getByRole('status', { name: 'C_t[1]', exact: true }).innerText());
		await expect.poll(async () => Math.abs(read((await now.locator('[data-value="c"]').textContent())!) - c1)).toBeLessThan(6e-4);
		await expect(page.locator('unrolled-chain [data-description]')).toContainText(`Step ${t} of`);
		await stepper.getByRole('button', { name: 'Previous step' }).click();
		await expect(now.locator('[data-value="step"]')).toHaveText(`step ${t - 1}`);
	});
}

for (const width of [375, 640]) {
	test(`the diagrams' labels are at least 11 px on a ${width} px screen`, async ({ page }) => {
		await page.setViewportSize({ width, height: 800 });
		for (const [tag, chapter] of [['cell-diagram', '02-core-concepts'], ['unrolled-chain', '02-core-concepts'], ['cell-explorer', '03-algorithm']] as const) {
			await page.goto(pageWith(tag, 'en', chapter));
			await page.locator(tag).scrollIntoViewIfNeeded();
			await expect(page.locator(`${tag}[data-ready]`)).toBeAttached({ timeout: 30_000 });
			const smallest = await page.locator(`${tag} svg.cd-svg`).last().evaluate((svg: SVGSVGElement) => {
				const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
				// Names and numbers (a subscript's own size is the name's 0.85).
				return Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
			});
			expect(smallest, tag).toBeGreaterThanOrEqual(11);
		}
	});
}

test('on a 375 px phone every weight grid shows its bias column without scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 375, height: 800 });
	await page.goto(widgetPage('en', '03-algorithm'));
	await page.locator('cell-explorer').scrollIntoViewIfNeeded();
	await expect(page.locator('cell-explorer[data-ready]')).toBeAttached({ timeout: 30_000 });
	const grids = await page.locator('cell-explorer .ce-matrix-wrap').evaluateAll((wraps) =>
		// The grids of the shape shown (vector or scalar; the other is hidden).
		wraps.filter((w) => w.getClientRects().length > 0).map((w) => {
			const box = w.getBoundingClientRect();
			const bias = [...w.querySelectorAll('.ce-bias-col')].map((c) => c.getBoundingClientRect().right);
			return { scroll: w.scrollWidth - w.clientWidth, biasInside: bias.length > 0 && bias.every((r) => r <= box.right + 1) };
		}),
	);
	expect(grids.length).toBe(4);
	for (const g of grids) {
		expect(g.scroll, 'the grid scrolls sideways').toBeLessThanOrEqual(0);
		expect(g.biasInside, 'the bias column is cut off').toBe(true);
	}
});

test('a long caption keeps its rest in a closed "What to look for" that opens from the keyboard', async ({ page }) => {
	await page.goto(pageWith('memory-race', 'en', '01-background'));
	const look = page.locator('#memory-race figcaption details.w-look');
	await expect(look).toHaveCount(1);
	const rest = look.locator('p');
	await expect(rest).toBeHidden();
	await look.getByText('What to look for', { exact: true }).focus();
	await page.keyboard.press('Enter');
	await expect(rest).toBeVisible();
	await expect(rest).toContainText('Chrono initialisation');
});
