/**
 * npm run bench:page-weight [-- --page /en/04-math/] [-- --loads 7] [-- --no-lighthouse] [-- --report lhr.json]
 *
 * What a chapter costs the reader's browser on load, measured on the built site (dist/, from `npm run build`)
 * served by scripts/serve.ts: HTML bytes, DOM size (elements, and how many of them are KaTeX's), the median
 * DOMContentLoaded of several fresh loads in headless Chromium, and Lighthouse 12's mobile Total Blocking Time
 * and Cumulative Layout Shift. Timing depends on the machine and its load: this is a measurement to read and
 * record (README "Page weight"), not a test that passes or fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const ROOT = join(import.meta.dirname, '..');
const PORT = Number(process.env.PREVIEW_PORT ?? 4393);
const BASE = `http://127.0.0.1:${PORT}`;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];

function option(name: string, fallback: string): string {
	const at = process.argv.indexOf(`--${name}`);
	return at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}
const page = option('page', '/en/04-math/');
const loads = Number(option('loads', '7'));
if (!Number.isInteger(loads) || loads < 1) throw new Error(`--loads "${option('loads', '')}" should be a whole number ≥ 1`);
const withLighthouse = !process.argv.includes('--no-lighthouse');
// --report FILE keeps Lighthouse's whole report (JSON), for its main-thread breakdown and long tasks.
const reportPath = option('report', '');

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function waitForServer(url: string): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		try {
			if ((await fetch(url)).ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`the preview server did not answer at ${url}`);
}

/** DOM size and DOMContentLoaded of `loads` fresh loads (new context each: no cache). */
async function browserLoads(url: string) {
	const browser = await chromium.launch({
		executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
		args: ['--no-sandbox', '--disable-gpu'],
	});
	const dcl: number[] = [];
	let elements = 0;
	let katexElements = 0;
	try {
		for (let i = 0; i < loads; i++) {
			const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
			const tab = await context.newPage();
			await tab.goto(url, { waitUntil: 'load' });
			const sample = await tab.evaluate(() => {
				const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
				return {
					dcl: nav.domContentLoadedEventEnd - nav.startTime,
					elements: document.getElementsByTagName('*').length,
					katex: document.querySelectorAll('.katex, .katex *').length,
				};
			});
			dcl.push(sample.dcl);
			elements = sample.elements;
			katexElements = sample.katex;
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return { dcl, elements, katexElements };
}

/** Lighthouse 12's mobile preset (simulated throttling, a mid-range phone): TBT and CLS. */
async function lighthouseRun(url: string) {
	const chrome = await chromeLauncher.launch({ chromePath: SYSTEM_CHROMIUM, chromeFlags: CHROME_FLAGS });
	try {
		const result = await lighthouse(url, { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error' });
		const audits = result!.lhr.audits;
		if (reportPath) writeFileSync(reportPath, JSON.stringify(result!.lhr, null, 1));
		return {
			tbt: audits['total-blocking-time'].numericValue ?? NaN,
			cls: audits['cumulative-layout-shift'].numericValue ?? NaN,
			score: result!.lhr.categories.performance.score,
		};
	} finally {
		await chrome.kill();
	}
}

if (!existsSync(join(ROOT, 'dist', 'index.html'))) throw new Error('dist/ holds no built site: run `npm run build` first');
const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/serve.ts'], {
	cwd: ROOT,
	env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' },
	stdio: 'ignore',
});
try {
	const url = BASE + page;
	await waitForServer(url);
	const html = await (await fetch(url)).text();
	const { dcl, elements, katexElements } = await browserLoads(url);
	console.log(`page ${page}`);
	console.log(`HTML bytes            ${Buffer.byteLength(html)}`);
	console.log(`DOM elements          ${elements} (KaTeX: ${katexElements})`);
	console.log(`DOMContentLoaded      median ${median(dcl).toFixed(0)} ms of ${loads} loads (${dcl.map((v) => v.toFixed(0)).join(', ')})`);
	if (withLighthouse) {
		const lh = await lighthouseRun(url);
		console.log(`Lighthouse mobile     TBT ${lh.tbt.toFixed(0)} ms, CLS ${lh.cls.toFixed(3)}, performance ${lh.score}`);
	}
} finally {
	server.kill();
}
