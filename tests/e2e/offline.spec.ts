/**
 * Offline and clean updates (issue 12): after one visit the book works with the network off (pages of both
 * languages, search, a widget computing in its worker, a code cell, the studio's pretrained generation, the
 * 404 page), and a new build replaces the old one only when the reader accepts, never mixing the two.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHeaders } from '../../src/site/headers-file.ts';
import { createStaticServer } from '../../src/serve/static-server.ts';
import { writeServiceWorker } from '../../src/offline/service-worker-build.ts';
import { DIST, htmlOf, pageWith } from './site.ts';

test.use({ serviceWorkers: 'allow' });

const NOTICE = 'A new version of this book is ready';

/** Waits until the service worker has precached the build and controls the page. */
async function controlled(page: Page): Promise<void> {
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
}

/** Collects Content-Security-Policy violations the pages report. */
async function watchPolicy(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeFunction('reportOfflineCsp', (line: string) => violations.push(line));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) =>
			(window as unknown as { reportOfflineCsp: (l: string) => void }).reportOfflineCsp(`${e.effectiveDirective} refused ${e.blockedURI}`),
		);
	});
	return violations;
}

test('after one visit the whole book works with the network off', async ({ page, context }) => {
	test.setTimeout(180_000);
	const violations = await watchPolicy(page);
	await page.goto('/en/');
	await controlled(page);
	await context.setOffline(true);
	// Reload and navigation are answered from the precache.
	await page.reload();
	await expect(page.locator('h1')).toBeVisible();

	// A widget computing in its worker (the engine's WebAssembly kernel inside its bundle).
	await page.goto(pageWith('memory-race', 'en'));
	const race = page.locator('memory-race');
	await race.scrollIntoViewIfNeeded();
	await expect(page.locator('memory-race[data-ready]')).toBeAttached({ timeout: 30_000 });
	await race.getByRole('button', { name: 'Start training' }).click();
	await expect.poll(async () => Number(await race.getByRole('status', { name: 'LSTM steps', exact: true }).innerText()), { timeout: 30_000 }).toBeGreaterThan(0);

	// A page of the other language, with its widget live.
	await page.goto(pageWith('activation-explorer', 'zh-cn'));
	await page.locator('activation-explorer').scrollIntoViewIfNeeded();
	const slider = page.getByRole('slider', { name: '输入 z' });
	await slider.focus();
	await page.keyboard.press('Home');
	await expect(slider).toHaveValue('-6');

	// Search: Pagefind's script, WebAssembly and index from the precache.
	await page.getByRole('button', { name: /search|搜索/i }).first().click();
	await page.getByRole('dialog').getByRole('textbox').fill('遗忘门');
	await expect(page.getByRole('dialog').locator('a[href^="/zh-cn/"]').first()).toBeVisible({ timeout: 15_000 });
	await page.keyboard.press('Escape');

	// A code cell, evaluated by its own worker.
	await page.goto('/en/05-practice/');
	const cell = page.getByRole('region', { name: 'Code cell: Keras model, trained' });
	await cell.scrollIntoViewIfNeeded();
	const editor = cell.getByRole('textbox', { name: /^Code of / });
	await editor.click();
	await page.keyboard.press('ControlOrMeta+A');
	await page.keyboard.insertText('6 * 7');
	await cell.getByRole('button', { name: 'Run' }).click();
	await expect(cell.getByRole('region', { name: 'Output' })).toHaveText('42', { timeout: 30_000 });

	// The studio's pretrained model (the checkpoint JSON) writes text.
	await page.goto('/en/studio/?studio.length=40');
	const studio = page.locator('text-studio');
	await studio.scrollIntoViewIfNeeded();
	await expect(studio.locator('[data-model-line]').first()).not.toBeEmpty({ timeout: 90_000 });
	const generate = studio.getByRole('button', { name: 'Generate', exact: true });
	await expect(generate).toBeEnabled({ timeout: 30_000 });
	await generate.click();
	await expect(studio.getByRole('region', { name: 'Generated text' })).toHaveAttribute('data-count', '40', { timeout: 60_000 });

	// A page that does not exist: the site's 404 page, from the precache too.
	await page.goto('/en/no-such-chapter/');
	await expect(page.locator('h1')).toHaveText(htmlOf('/404.html').match(/<h1[^>]*>([^<]+)<\/h1>/)![1]);
	expect(violations).toEqual([]);
});

/** Every file under `dir`, relative paths. */
function filesIn(dir: string, prefix = ''): string[] {
	return readdirSync(join(dir, prefix)).flatMap((name) => {
		const rel = join(prefix, name);
		return statSync(join(dir, rel)).isDirectory() ? filesIn(dir, rel) : [rel];
	});
}

/**
 * Build B: a copy of the build with the stylesheet of /en/ changed (new content, new hashed name, the old
 * file gone) and its own service worker, as a redeploy makes it.
 */
async function nextBuild(): Promise<{ dir: string; oldCss: string; newCss: string }> {
	const dir = mkdtempSync(join(tmpdir(), 'cell-state-build-b-'));
	cpSync(DIST, dir, { recursive: true });
	const oldCss = htmlOf('/en/').match(/href="(\/_astro\/[^"]+\.css)"/)![1];
	const newCss = oldCss.replace(/\.css$/, '-b.css');
	renameSync(join(dir, oldCss), join(dir, newCss));
	writeFileSync(join(dir, newCss), `${readFileSync(join(dir, newCss), 'utf8')}\n/* build B */\n`);
	for (const file of filesIn(dir).filter((f) => f.endsWith('.html'))) {
		const html = readFileSync(join(dir, file), 'utf8');
		if (html.includes(oldCss)) writeFileSync(join(dir, file), html.split(oldCss).join(newCss));
	}
	await writeServiceWorker(dir);
	return { dir, oldCss, newCss };
}

test('a new build waits for the reader, then replaces the old one whole, in every open tab', async ({ page }) => {
	test.setTimeout(120_000);
	const b = await nextBuild();
	const serve = (root: string) => createStaticServer({ root, headers: parseHeaders(readFileSync(join(root, '_headers'), 'utf8')) });
	const builds = { a: serve(DIST), b: serve(b.dir) };
	let current: Server = builds.a;
	// One origin (the worker's scope is per origin) whose files switch from build A to build B.
	const front = createServer((req, res) => current.emit('request', req, res));
	await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
	const origin = `http://localhost:${(front.address() as AddressInfo).port}`;
	try {
		await page.goto(`${origin}/en/`);
		await controlled(page);
		const swResponse = await page.request.get(`${origin}/sw.js`);
		expect(swResponse.headers()['cache-control']).toBe('no-cache');

		current = builds.b;
		// The browser checks /sw.js on navigation and installs B beside A; the page is still all A.
		await page.reload();
		const notice = page.getByRole('status').filter({ hasText: NOTICE });
		await expect(notice).toBeVisible({ timeout: 60_000 });
		await expect(page.locator(`link[href="${b.oldCss}"]`)).toBeAttached();
		// No axe violation in either theme, on a phone as on a projector.
		for (const [colorScheme, width] of [['light', 1280], ['dark', 375]] as const) {
			await page.emulateMedia({ colorScheme });
			await page.setViewportSize({ width, height: 720 });
			expect((await new AxeBuilder({ page }).include('.cs-update').analyze()).violations, colorScheme).toEqual([]);
			const box = (await notice.boundingBox())!;
			expect(box.x >= 0 && box.x + box.width <= width, `notice inside ${width} px`).toBe(true);
		}

		// A second tab, in Chinese, is offered the same update in its language.
		const other = await page.context().newPage();
		await other.goto(`${origin}/zh-cn/`);
		const zhNotice = other.getByRole('status').filter({ hasText: '本书的新版本已准备好' });
		await expect(zhNotice.getByRole('button', { name: '重新加载', exact: true })).toBeVisible({ timeout: 30_000 });

		const requested: string[] = [];
		page.on('request', (request) => requested.push(new URL(request.url()).pathname));
		await notice.getByRole('button', { name: 'Reload', exact: true }).click();
		await expect(page.locator(`link[href="${b.newCss}"]`)).toBeAttached({ timeout: 30_000 });
		await page.waitForLoadState('load');
		await expect(page.getByRole('status').filter({ hasText: NOTICE })).toHaveCount(0);
		expect(requested).toContain(b.newCss);
		expect(requested).not.toContain(b.oldCss);
		// The other tab reloads when the new worker takes it over, rather than keep a page of build A.
		await expect(other.locator(`link[href="${b.newCss}"]`)).toBeAttached({ timeout: 30_000 });
		await expect(zhNotice).toHaveCount(0);
	} finally {
		front.close();
		front.closeAllConnections();
		rmSync(b.dir, { recursive: true, force: true });
	}
});
