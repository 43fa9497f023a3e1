/**
 * The Content-Security-Policy holds on every built page: Chromium reports no violation while a page loads,
 * while each widget comes on screen and goes live (workers, WebAssembly, charts, typeset math) and while a
 * training widget trains. Violations are collected from `securitypolicyviolation` events (page) and from
 * console messages (page and workers); a test first shows that both catch what the policy forbids.
 */
import { expect, test, type ConsoleMessage, type Page } from '@playwright/test';
import { HTML_FILES, htmlOf, pageWith, urlOf, widgetElements } from './site.ts';

/** Every built page, the home redirect and the 404 page included. */
const ALL_PAGES = HTML_FILES.map(urlOf).sort();
const MENTIONS_CSP = /Content[- ]Security[- ]Policy/i;
/** The smallest WebAssembly module: the magic number and version 1. */
const EMPTY_WASM = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** Collects every CSP violation the page, its documents after navigation and its workers report. */
async function watchPolicy(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeFunction('reportCspViolation', (line: string) => violations.push(line));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { reportCspViolation: (line: string) => void }).reportCspViolation;
			report(`${e.effectiveDirective} refused ${e.blockedURI || 'inline code'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
		});
	});
	const fromConsole = (where: string) => (message: ConsoleMessage) => {
		if (MENTIONS_CSP.test(message.text())) violations.push(`${where}: ${message.text()}`);
	};
	page.on('console', fromConsole('console'));
	page.on('worker', (worker) => worker.on('console', fromConsole(`worker ${worker.url()}`)));
	return violations;
}

/**
 * Runs outside Playwright's evaluation (which DevTools exempts from the eval check), in a timer, as the
 * page's or a worker's own code would: tries WebAssembly compilation and a string timer (an eval).
 */
function codeGeneration(bytes: number[]): Promise<{ wasm: string; evaluated: boolean }> {
	return new Promise((resolve) => {
		setTimeout(() => {
			let wasm = 'compiled';
			try {
				new WebAssembly.Module(new Uint8Array(bytes));
			} catch (error) {
				wasm = String(error);
			}
			const scope = globalThis as unknown as { evaluatedByTimer?: boolean };
			// A string handler is compiled like eval; the policy refuses it without 'unsafe-eval'.
			(setTimeout as unknown as (code: string, ms: number) => void)('globalThis.evaluatedByTimer = true', 0);
			setTimeout(() => resolve({ wasm, evaluated: scope.evaluatedByTimer === true }), 50);
		}, 0);
	});
}

test('the watcher catches what the policy forbids: inline script and style, eval, blob workers', async ({ page }) => {
	const violations = await watchPolicy(page);
	await page.goto('/en/');
	const ran = await page.evaluate(() => {
		const script = document.createElement('script');
		script.textContent = 'window.injectedRan = true;';
		document.head.append(script);
		const style = document.createElement('style');
		style.textContent = 'body { outline: 1px solid red }';
		document.head.append(style);
		new Worker(URL.createObjectURL(new Blob([''], { type: 'text/javascript' })));
		return (window as unknown as { injectedRan?: boolean }).injectedRan ?? false;
	});
	expect(ran).toBe(false);
	expect(await page.evaluate(codeGeneration, EMPTY_WASM)).toEqual({ wasm: 'compiled', evaluated: false });
	for (const refused of [/script-src-elem refused inline/, /style-src-elem refused inline/, /script-src refused eval/, /worker-src refused blob/]) {
		await expect.poll(() => violations.join('\n'), { message: String(refused) }).toMatch(refused);
	}
});

for (const url of ALL_PAGES) {
	test(`${url}: no CSP violation while it loads and its widgets go live`, async ({ page }) => {
		test.setTimeout(120_000);
		const violations = await watchPolicy(page);
		const response = await page.goto(url);
		// Astro's redirect pages (/ → /en/) move on at once; check the page they lead to as well.
		const redirect = /<meta http-equiv="refresh" content="0;url=([^"]+)"/.exec(htmlOf(url))?.[1];
		if (redirect) await page.waitForURL((u) => u.pathname === redirect);
		// The header policy (with frame-ancestors, which a <meta> cannot carry) and the page's <meta> policy.
		expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
		expect(await page.locator('meta[http-equiv="content-security-policy"]').count()).toBe(1);

		// Math, code listings and Starlight's scripts and styles are in place.
		await expect(page.locator('body')).toBeVisible();
		if (await page.locator('.katex').count()) {
			// A style attribute the policy refused leaves the element's inline style empty.
			const height = await page.locator('.katex .strut').first().evaluate((el) => (el as HTMLElement).style.height);
			expect(height, "KaTeX's style attributes apply").not.toBe('');
		}

		const widgets = page.locator('figure.widget');
		for (let i = 0; i < (await widgets.count()); i++) {
			await widgets.nth(i).scrollIntoViewIfNeeded();
			await page.waitForTimeout(100);
		}
		const tags = widgetElements(htmlOf(url));
		for (const tag of tags) {
			await expect(page.locator(`figure.widget ${tag}:not([data-ready])`), `${tag} goes live`).toHaveCount(0, { timeout: 30_000 });
		}
		await page.waitForLoadState('networkidle');
		expect(violations).toEqual([]);
	});
}

test('a training widget trains in its worker under the policy, with WebAssembly and without eval', async ({ page }) => {
	test.setTimeout(120_000);
	const violations = await watchPolicy(page);
	await page.goto(pageWith('memory-race'));
	const race = page.locator('memory-race');
	await race.scrollIntoViewIfNeeded();
	await expect(page.locator('memory-race[data-ready]')).toBeAttached({ timeout: 30_000 });
	const started = page.waitForEvent('worker', (w) => w.url().includes('/_astro/'));
	await race.getByRole('button', { name: 'Start training' }).click();
	const worker = await started;
	await expect.poll(async () => Number(await race.getByRole('status', { name: 'LSTM steps', exact: true }).innerText()), { timeout: 60_000 }).toBeGreaterThan(0);
	await race.getByRole('button', { name: 'Pause' }).click();
	expect(violations).toEqual([]);

	// The worker runs under the header policy of its own script: WebAssembly compiles, eval is refused.
	const inWorker = await worker.evaluate(codeGeneration, EMPTY_WASM);
	expect(inWorker).toEqual({ wasm: 'compiled', evaluated: false });
});

test('search (Pagefind: its script, WebAssembly and index) runs under the policy', async ({ page }) => {
	const violations = await watchPolicy(page);
	await page.goto('/en/');
	await page.getByRole('button', { name: /search/i }).first().click();
	await page.getByRole('dialog').getByRole('textbox').fill('forget gate');
	await expect(page.getByRole('dialog').locator('a[href^="/en/"]').first()).toBeVisible({ timeout: 30_000 });
	await page.waitForLoadState('networkidle');
	expect(violations).toEqual([]);
});
