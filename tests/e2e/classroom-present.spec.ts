/**
 * The classroom: presenter mode (keyboard, the URL, fit at projector sizes), full screen for a widget, the
 * Share dialog's QR code, and a pinned state that students open and return to.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { pageWith, watchProblems } from './site.ts';

const STEPPER_PAGE = pageWith('sequence-stepper');
const ACTIVATION_PAGE = pageWith('activation-explorer');

const axeScan = (page: Page) =>
	new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).exclude('.katex-html').analyze();

/** "Slide n of N" read from the presenter's bar, as [n, N]. */
async function slideNumber(page: Page): Promise<[number, number]> {
	const text = (await page.getByRole('navigation', { name: 'Presentation' }).locator('[data-presenter-count]').textContent()) ?? '';
	const match = /Slide (\d+) of (\d+)/.exec(text);
	expect(match, `the bar says "${text}"`).not.toBeNull();
	return [Number(match![1]), Number(match![2])];
}

test('presenter mode: Present, arrows and clicker keys move, the slide survives a reload, Escape leaves', async ({ page }) => {
	const problems = watchProblems(page);
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto(STEPPER_PAGE);
	const slides = page.getByRole('region', { name: 'Slides' });
	await expect(slides).toHaveCount(0);
	await page.getByRole('button', { name: 'Present', exact: true }).click();
	await expect(slides).toBeVisible();
	await expect(slides).toBeFocused();
	const [first, count] = await slideNumber(page);
	expect(first).toBe(1);
	expect(count).toBeGreaterThan(5);
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('PageDown');
	expect(await slideNumber(page)).toEqual([3, count]);
	await page.keyboard.press('PageUp');
	expect(await slideNumber(page)).toEqual([2, count]);
	await expect.poll(() => new URL(page.url()).searchParams.get('present')).toBe('2');
	await page.getByRole('button', { name: 'Next slide' }).click();
	expect(await slideNumber(page)).toEqual([3, count]);
	await page.keyboard.press('ArrowLeft');
	// Only the current slide's blocks are shown; the rest of the page cannot take focus.
	const shown = await page.locator('.sl-markdown-content [data-slide-on]').count();
	expect(shown).toBeGreaterThan(0);
	await expect(page.locator('header.header')).toHaveAttribute('inert', '');

	await page.reload();
	await expect(slides).toBeVisible();
	expect(await slideNumber(page)).toEqual([2, count]);
	await page.keyboard.press('Escape');
	await expect(slides).toHaveCount(0);
	await expect(page.locator('header.header')).not.toHaveAttribute('inert', '');
	expect(new URL(page.url()).searchParams.has('present')).toBe(false);

	// The shortcut enters and leaves too.
	await page.keyboard.press('Alt+Shift+KeyP');
	await expect(slides).toBeVisible();
	await page.keyboard.press('Alt+Shift+KeyP');
	await expect(slides).toHaveCount(0);
	expect(problems).toEqual([]);
});

for (const size of [
	{ width: 1920, height: 1080 },
	{ width: 1280, height: 720 },
]) {
	test(`presenter mode at ${size.width}×${size.height}: no slide scrolls, prose text is at least 24 px`, async ({ page }) => {
		test.setTimeout(120_000);
		await page.setViewportSize(size);
		await page.goto(`${STEPPER_PAGE}?present=1`);
		const slides = page.getByRole('region', { name: 'Slides' });
		await expect(slides).toBeVisible();
		const [, count] = await slideNumber(page);
		let prose = 0;
		for (let n = 1; n <= count; n++) {
			// A widget or code cell coming to life on its slide is fitted again on the next frame, so the slide is
			// read in one go (its overflow and its text sizes at the same moment) until it does not scroll.
			let report = { overflow: Infinity, zoomed: false, smallest: Infinity, texts: 0 };
			await expect
				.poll(
					async () => {
						report = await slides.evaluate((root) => {
							const shown = [...root.querySelectorAll('[data-slide-on]')];
							const zoomed = shown.some((c) => (c as HTMLElement).style.zoom !== '');
							const texts = shown.flatMap((c) => [...c.querySelectorAll('p, li, td, th, dt, dd')].concat(c.matches('p, ul, ol') ? [c] : []));
							const sizes = texts.filter((t) => !t.closest('figure, .katex')).map((t) => parseFloat(getComputedStyle(t).fontSize));
							return { overflow: root.scrollHeight - root.clientHeight, zoomed, smallest: Math.min(...sizes), texts: sizes.length };
						});
						return report.overflow;
					},
					{ message: `slide ${n} scrolls` },
				)
				.toBeLessThanOrEqual(1);
			if (!report.zoomed && report.texts > 0) {
				prose++;
				expect(report.smallest, `text on slide ${n}`).toBeGreaterThanOrEqual(24);
			}
			await page.keyboard.press('PageDown');
		}
		expect(prose, 'slides of prose were measured').toBeGreaterThan(3);
	});
}

test('a widget\'s slide magnifies the live widget as a whole: larger text and chart labels, nothing cut off', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(ACTIVATION_PAGE);
	await page.locator('figure#activation-explorer').scrollIntoViewIfNeeded();
	await expect(page.locator('activation-explorer[data-ready]')).toBeAttached({ timeout: 30_000 });
	await page.getByRole('button', { name: 'Present' }).click();
	const slides = page.getByRole('region', { name: 'Slides' });
	// The presenter loads on first use: a key pressed before it is up would scroll the page instead.
	await expect(slides).toBeVisible();
	for (let n = 0; n < 80 && !(await page.locator('figure#activation-explorer[data-slide-on]').count()); n++) await page.keyboard.press('PageDown');
	const figure = page.locator('figure#activation-explorer[data-slide-on]');
	await expect(figure).toBeVisible();
	// Sizes as seen on the screen: CSS zoom and the SVG's own scale both count.
	await expect
		.poll(() =>
			figure.evaluate((f) => {
				const zoom = parseFloat((f as HTMLElement).style.zoom || '1');
				const text = [...f.querySelectorAll('label, output, button, dt, dd, p')].filter((t) => t.getClientRects().length).map((t) => parseFloat(getComputedStyle(t).fontSize) * zoom);
				const labels = [...f.querySelectorAll('svg.cs-plot text')].filter((t) => t.getClientRects().length).map((t) => {
					const m = (t as SVGTextElement).getScreenCTM()!;
					return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
				});
				// Nothing measured counts as too small (an empty list's minimum would be Infinity).
				if (text.length === 0 || labels.length === 0) return 0;
				return Math.min(Math.min(...text) / 16, Math.min(...labels) / 14);
			}),
		)
		.toBeGreaterThanOrEqual(1);
	expect(await slides.evaluate((root) => root.scrollHeight - root.clientHeight)).toBeLessThanOrEqual(1);
	await expect(figure.locator('.widget-table-wrap')).toBeHidden();
	// Full screen from the slide: the whole window, not the slide's magnified layout.
	await figure.getByRole('button', { name: 'Full screen', exact: true }).click();
	await expect(figure).toHaveAttribute('data-fullscreen', '');
	await expect.poll(async () => figure.boundingBox()).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
	await expect(figure).not.toHaveAttribute('style', /zoom/);
	await figure.getByRole('button', { name: 'Exit full screen' }).click();
	await expect(figure).toHaveAttribute('style', /zoom/);
	await page.keyboard.press('Escape');
	await expect(page.locator('figure#activation-explorer')).not.toHaveAttribute('style', /zoom|width/);
});

test('full screen on a widget fills the window and the button restores it', async ({ page }) => {
	await page.setViewportSize({ width: 1920, height: 1080 });
	await page.goto(STEPPER_PAGE);
	const figure = page.locator('figure#sequence-stepper');
	await figure.scrollIntoViewIfNeeded();
	await expect(page.locator('sequence-stepper[data-ready]')).toBeAttached({ timeout: 30_000 });
	await figure.getByRole('button', { name: 'Full screen', exact: true }).click();
	await expect(figure).toHaveAttribute('data-fullscreen', '');
	const box = await figure.boundingBox();
	expect(box).toMatchObject({ x: 0, y: 0, width: 1920, height: 1080 });
	// Wide layout: the heatmaps sit beside the controls, not below them.
	const beside = await figure.evaluate((f) => {
		const controls = f.querySelector('.ss-transport')!.getBoundingClientRect();
		const maps = f.querySelector('.ss-maps')!.getBoundingClientRect();
		return maps.left >= controls.right;
	});
	expect(beside).toBe(true);
	await figure.getByRole('button', { name: 'Exit full screen' }).click();
	await expect(figure).not.toHaveAttribute('data-fullscreen');
	await expect(figure.getByRole('button', { name: 'Full screen', exact: true })).toBeVisible();
	expect((await figure.boundingBox())!.width).toBeLessThan(1920);
});

test('a pinned state: the link opens it, and Back to pinned state returns to it after exploring', async ({ browser, page }) => {
	await page.goto(ACTIVATION_PAGE);
	const widget = page.locator('activation-explorer');
	await widget.scrollIntoViewIfNeeded();
	const number = page.getByRole('spinbutton', { name: 'Input z, typed' });
	await number.fill('-2.35');
	await number.press('Enter');
	await widget.getByRole('button', { name: 'Pin this state' }).click();
	await widget.getByRole('button', { name: 'Share' }).click();
	const dialog = page.getByRole('dialog', { name: 'Share this link' });
	await expect(dialog).toBeVisible();
	const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
	expect(link).toMatch(/#activation-explorer&v=2&s=[^&]+&pin=/);
	await dialog.getByRole('button', { name: 'Close' }).click();
	await expect(dialog).toBeHidden();

	const student = await browser.newPage();
	const problems = watchProblems(student);
	await student.goto(link);
	const typed = student.getByRole('spinbutton', { name: 'Input z, typed' });
	await expect(typed).toHaveValue('-2.35');
	await typed.fill('3');
	await typed.press('Enter');
	await expect(typed).toHaveValue('3');
	// A reload keeps what the student explored and still offers the pinned state.
	await expect.poll(() => new URL(student.url()).searchParams.get('act.z')).toBe('3');
	await student.reload();
	await expect(typed).toHaveValue('3');
	await student.locator('activation-explorer').getByRole('button', { name: 'Back to pinned state' }).click();
	await expect(typed).toHaveValue('-2.35');
	await expect.poll(() => new URL(student.url()).searchParams.get('act.z')).toBe('-2.35');
	expect(problems).toEqual([]);
	await student.close();
});

test('Share shows a QR code that decodes to the link, large enough for a room', async ({ browser }) => {
	const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'], viewport: { width: 1280, height: 720 } });
	const page = await context.newPage();
	await page.goto(ACTIVATION_PAGE);
	const widget = page.locator('activation-explorer');
	await widget.scrollIntoViewIfNeeded();
	await expect(page.locator('activation-explorer[data-ready]')).toBeAttached();
	await widget.getByRole('button', { name: 'Share' }).click();
	const dialog = page.getByRole('dialog', { name: 'Share this link' });
	await expect(dialog.getByRole('status')).toHaveText('Link copied.');
	const link = await dialog.getByRole('textbox', { name: 'Link' }).inputValue();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
	const qr = dialog.getByRole('img', { name: 'QR code of the link' });
	const box = (await qr.locator('svg').boundingBox())!;
	expect(box.width).toBeGreaterThanOrEqual(0.6 * 720);
	// Rasterise the SVG in the page and read it back as pixels.
	const image = await qr.evaluate(async (el) => {
		const svg = el.querySelector('svg')!;
		const size = 300;
		const img = new Image();
		img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
		await img.decode();
		const canvas = document.createElement('canvas');
		canvas.width = canvas.height = size;
		const context2d = canvas.getContext('2d')!;
		context2d.drawImage(img, 0, 0, size, size);
		return { data: [...context2d.getImageData(0, 0, size, size).data], size };
	});
	const decoded = jsQR(Uint8ClampedArray.from(image.data), image.size, image.size);
	expect(decoded?.data).toBe(link);
	expect(link).toContain(`${new URL(page.url()).pathname}#activation-explorer`);
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await context.close();
});

for (const theme of ['light', 'dark']) {
	test(`axe: the presenter view and the Share dialog in the ${theme} theme`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: theme as 'light' | 'dark' });
		await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.goto(`${ACTIVATION_PAGE}?present=2`);
		await expect(page.getByRole('region', { name: 'Slides' })).toBeVisible();
		expect((await axeScan(page)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
		await page.getByRole('navigation', { name: 'Presentation' }).getByRole('button', { name: 'Share' }).click();
		await expect(page.getByRole('dialog', { name: 'Share this link' })).toBeVisible();
		expect((await axeScan(page)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
	});
}

test('the Chinese chapter has 演示 and the widgets 分享, 全屏, 固定此状态', async ({ page }) => {
	await page.goto(pageWith('activation-explorer', 'zh-cn'));
	await expect(page.getByRole('button', { name: '演示', exact: true })).toBeVisible();
	const widget = page.locator('activation-explorer');
	await widget.scrollIntoViewIfNeeded();
	for (const name of ['分享', '全屏', '固定此状态']) await expect(widget.getByRole('button', { name, exact: true })).toBeVisible();
	await page.getByRole('button', { name: '演示', exact: true }).click();
	await expect(page.getByRole('region', { name: '幻灯片' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: '演示控制' })).toContainText(/第 \d+ 张，共 \d+ 张/);
});
