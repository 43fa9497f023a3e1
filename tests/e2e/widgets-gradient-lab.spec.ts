/**
 * The gradient lab, used the way a reader does: by its labelled sliders and fields. The ratios, norms and
 * sampled values shown must equal what the model module computes for the same settings, a link read from
 * the URL must restore the same state in a fresh page, and axe must find nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { htmlOf, pagesWith, recordWorkers, terminateWorkers, watchProblems } from './site.ts';
import { DEFAULT_SETTINGS, firstToLastRatio, formatSci, gradientNorms, sampleSteps, type GradientSettings } from '../../src/widgets/gradient-lab/model.ts';

const labPages = (lang: string) => pagesWith('gradient-lab', lang);

async function open(page: Page, url: string) {
	await page.goto(url);
	await page.locator('gradient-lab').scrollIntoViewIfNeeded();
	await expect(page.locator('gradient-lab[data-ready]')).toBeAttached({ timeout: 30_000 });
}

/** Waits until the readouts and table show exactly the model's numbers for `settings` (quantity h). */
async function expectNumbers(page: Page, settings: GradientSettings) {
	const r = gradientNorms(settings);
	const lab = page.locator('gradient-lab');
	await expect(lab.getByRole('status', { name: 'RNN: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖' })).toHaveText(formatSci(firstToLastRatio(r.rnn.norms.h)!));
	await expect(lab.getByRole('status', { name: 'LSTM: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖' })).toHaveText(formatSci(firstToLastRatio(r.lstm.norms.h)!));
	await expect(lab.getByRole('status', { name: 'RNN: ‖∇θL‖' })).toHaveText(formatSci(r.rnn.paramNorm));
	await expect(lab.getByRole('status', { name: 'LSTM: ‖∇θL‖' })).toHaveText(formatSci(r.lstm.paramNorm));
	const table = lab.locator('table.gl-samples');
	for (const t of sampleSteps(settings.T)) {
		await expect(table.getByRole('row', { name: new RegExp(`^${t} `) })).toHaveText(
			`${t}${formatSci(r.rnn.norms.h![t - 1])}${formatSci(r.lstm.norms.h![t - 1])}`,
		);
	}
	await expect(lab.locator('.gl-description')).toContainText(`With T = ${settings.T} and s = ${settings.scale}`);
}

test('both chapters place the lab once per page, in both languages', () => {
	for (const lang of ['en', 'zh-cn']) {
		const urls = labPages(lang);
		expect(urls).toEqual([`/${lang}/01-background/`, `/${lang}/04-math/`]);
		for (const url of urls) expect(htmlOf(url).match(/<gradient-lab[\s>]/g)).toHaveLength(1);
	}
});

test('T and scale driven by keyboard and typing give the model’s numbers; the link restores them', async ({ page, browser }) => {
	test.setTimeout(90_000);
	const problems = watchProblems(page);
	await open(page, labPages('en')[0]);
	await expectNumbers(page, { ...DEFAULT_SETTINGS });

	const T = page.getByRole('slider', { name: 'Sequence length T' });
	await T.focus();
	for (let k = 0; k < 10; k++) await page.keyboard.press('ArrowLeft');
	await expect(T).toHaveValue('90');
	await page.getByRole('spinbutton', { name: 'Recurrent weight scale s (typed)' }).fill('0.5');
	await page.getByRole('spinbutton', { name: 'Recurrent weight scale s (typed)' }).press('Enter');
	await expect(page.getByRole('slider', { name: 'Recurrent weight scale s' })).toHaveValue('0.5');
	const changed = { ...DEFAULT_SETTINGS, T: 90, scale: 0.5 };
	await expectNumbers(page, changed);
	await expect(page.locator('gradient-lab .gl-description')).toContainText('(it vanishes)');

	// Exploding: s = 2.
	await page.getByRole('spinbutton', { name: 'Recurrent weight scale s (typed)' }).fill('2');
	await page.getByRole('spinbutton', { name: 'Recurrent weight scale s (typed)' }).press('Enter');
	await expectNumbers(page, { ...changed, scale: 2 });
	await expect(page.locator('gradient-lab .gl-description')).toContainText('RNN’s ‖∂L/∂h_t‖ at t = 1 is');
	await expect(page.locator('gradient-lab .gl-description')).toContainText('(it explodes)');

	// Clipping: the factor shown is clip_grad_norm_'s; the ratios stay.
	await page.getByRole('checkbox', { name: 'Clip the gradient norm' }).check();
	const clipped = { ...changed, scale: 2, clip: true, maxNorm: 1 };
	const r = gradientNorms(clipped);
	await expect(page.getByRole('status', { name: 'RNN: clipping factor' })).toHaveText(formatSci(r.rnn.clipFactor));
	await expect(page.getByRole('status', { name: 'RNN: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖' })).toHaveText(formatSci(firstToLastRatio(r.rnn.norms.h)!));

	// The URL is written a moment after the last change (the runtime debounces it).
	await expect.poll(() => new URL(page.url()).searchParams.get('grad.clip')).toBe('1');
	const url = new URL(page.url());
	expect(url.searchParams.get('grad.T')).toBe('90');
	expect(url.searchParams.get('grad.s')).toBe('2');
	expect(url.searchParams.get('grad.clip')).toBe('1');

	const fresh = await browser.newPage();
	await open(fresh, url.pathname + url.search);
	await expect(fresh.getByRole('slider', { name: 'Sequence length T' })).toHaveValue('90');
	await expect(fresh.getByRole('checkbox', { name: 'Clip the gradient norm' })).toBeChecked();
	await expect(fresh.getByRole('status', { name: 'RNN: clipping factor' })).toHaveText(formatSci(r.rnn.clipFactor));
	await expect(fresh.getByRole('status', { name: 'LSTM: ‖∇θL‖' })).toHaveText(formatSci(r.lstm.paramNorm));
	await fresh.close();

	await page.locator('gradient-lab').getByRole('button', { name: 'Reset' }).click();
	await expect(T).toHaveValue(String(DEFAULT_SETTINGS.T));
	await expectNumbers(page, { ...DEFAULT_SETTINGS });
	expect(new URL(page.url()).search).not.toContain('grad.');
	expect(problems).toEqual([]);
});

test('clipping shows what clip_grad_norm_ changes: ‖∇θL‖ and the W_hh terms shrink, ‖∂L/∂h_t‖ does not', async ({ page }) => {
	await open(page, labPages('en')[0]);
	const lab = page.locator('gradient-lab');
	const settings = { ...DEFAULT_SETTINGS, scale: 2, clip: true, maxNorm: 1 };
	const typedScale = page.getByRole('spinbutton', { name: 'Recurrent weight scale s (typed)' });
	await typedScale.fill('2');
	await typedScale.press('Enter');
	await page.getByRole('checkbox', { name: 'Clip the gradient norm' }).check();
	const r = gradientNorms(settings);
	expect(r.rnn.clipFactor).toBeLessThan(1);
	await expect(lab.getByRole('status', { name: 'RNN: after clipping, ‖∇θL‖' })).toHaveText(formatSci(r.rnn.clippedNorm));
	await expect(lab.getByRole('status', { name: 'RNN: ‖∇θL‖', exact: true })).toHaveText(formatSci(r.rnn.paramNorm));
	// ∂L/∂h_t is not a parameter gradient: the table lists it as the backward pass left it.
	const table = lab.locator('table.gl-samples');
	await expect(table.getByRole('row', { name: /^100 / })).toHaveText(`100${formatSci(r.rnn.norms.h![99])}${formatSci(r.lstm.norms.h![99])}`);
	await expect(lab.locator('.gl-description')).toContainText('‖∂L/∂h_t‖ is not a parameter gradient: clipping leaves it as drawn.');
	// The W_hh terms are drawn after clipping, compared from t = 2 (h_0 = 0).
	await page.getByRole('combobox', { name: 'Plotted quantity' }).selectOption('w');
	await expect(lab.getByRole('status', { name: 'RNN: ‖(∂L/∂W_hh)_2‖ / ‖(∂L/∂W_hh)_T‖' })).toHaveText(formatSci(firstToLastRatio(r.rnn.clippedW, 2)!));
	await expect(table.getByRole('row', { name: /^100 / })).toHaveText(`100${formatSci(r.rnn.clippedW[99])}${formatSci(r.lstm.clippedW[99])}`);
	await expect(table.locator('caption')).toContainText('after clipping');
	await page.getByRole('checkbox', { name: 'Clip the gradient norm' }).uncheck();
	await expect(table.getByRole('row', { name: /^100 / })).toHaveText(`100${formatSci(r.rnn.norms.w![99])}${formatSci(r.lstm.norms.w![99])}`);
});

test('a worker that dies mid-run: the lab says so, leaves “Computing…” even after Reset, and Restart computes again', async ({ page }) => {
	test.setTimeout(90_000);
	await recordWorkers(page);
	await open(page, labPages('en')[0]);
	await expectNumbers(page, { ...DEFAULT_SETTINGS });
	const lab = page.locator('gradient-lab');
	await page.getByRole('combobox', { name: 'Hidden size H' }).selectOption('64');
	expect(await terminateWorkers(page)).toBeGreaterThan(0);
	const fault = lab.locator('[data-fault]');
	await expect(fault).toBeVisible({ timeout: 15_000 });
	await expect(fault.getByRole('alert')).toContainText('The computation stopped');
	await expect(lab.locator('.gl-status')).not.toHaveText('Computing…');
	await lab.getByRole('button', { name: 'Reset', exact: true }).click();
	await expect(page.getByRole('combobox', { name: 'Hidden size H' })).toHaveValue(String(DEFAULT_SETTINGS.hidden));
	await expect(fault).toBeVisible();
	await expect(lab.locator('.gl-status')).not.toHaveText('Computing…');
	await lab.getByRole('button', { name: 'Restart' }).click();
	await expect(fault).toBeHidden();
	await page.getByRole('slider', { name: 'Sequence length T' }).fill('60');
	await expectNumbers(page, { ...DEFAULT_SETTINGS, T: 60 });
});

test('the cell-state quantity: the RNN has none, the LSTM’s ratio is the model’s', async ({ page }) => {
	await open(page, labPages('en')[1]);
	await page.getByRole('combobox', { name: 'Plotted quantity' }).selectOption('c');
	const r = gradientNorms({ ...DEFAULT_SETTINGS });
	await expect(page.getByRole('status', { name: 'LSTM: ‖∂L/∂C_1‖ / ‖∂L/∂C_T‖' })).toHaveText(formatSci(firstToLastRatio(r.lstm.norms.c)!));
	await expect(page.getByRole('status', { name: 'RNN: ‖∂L/∂C_1‖ / ‖∂L/∂C_T‖' })).toHaveText('none (no C_t)');
	await expect(page.locator('gradient-lab svg[aria-label]')).toBeVisible();
});

test('zh-cn: labels are translated and the sentence states the numbers', async ({ page }) => {
	await open(page, labPages('zh-cn')[0]);
	await page.getByRole('slider', { name: '序列长度 T' }).fill('50');
	// The number field beside each slider is named in Chinese too.
	await expect(page.getByRole('spinbutton', { name: '序列长度 T（键入数值）' })).toHaveValue('50');
	const r = gradientNorms({ ...DEFAULT_SETTINGS, T: 50 });
	await expect(page.locator('gradient-lab .gl-description')).toContainText(`T = 50、s = 1 时：循环神经网络在 t = 1 处的 ‖∂L/∂h_t‖ 是 t = T 处的 ${formatSci(firstToLastRatio(r.rnn.norms.h)!)} 倍`);
});

test('without JavaScript the build-time table is there and says so', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await page.goto(labPages('en')[0]);
	const table = page.locator('#gradient-lab').getByRole('table', { name: /Computed at build time/ });
	await expect(table).toBeVisible();
	await expect(table.locator('caption')).toContainText('Computed at build time');
	const r = gradientNorms({ ...DEFAULT_SETTINGS });
	await expect(table.getByRole('row', { name: /^1 / })).toContainText(formatSci(r.rnn.norms.h![0]));
	await context.close();
});

for (const theme of ['light', 'dark']) {
	test(`axe finds no violations in the live lab (${theme})`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: theme as 'light' | 'dark' });
		await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
		await open(page, labPages('en')[0]);
		await page.getByRole('checkbox', { name: 'Clip the gradient norm' }).check();
		await expect(page.getByRole('status', { name: 'RNN: clipping factor' })).toBeVisible();
		const axe = await new AxeBuilder({ page }).include('#gradient-lab').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
		expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
	});
}
