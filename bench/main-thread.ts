/**
 * npm run bench:main-thread [-- --only stepper-char,race] [-- --seconds 15]
 *
 * How long the page's main thread is blocked while each widget loads and while a reader uses it. Opens the
 * built site (dist/, from `npm run build`) in Chromium, one fresh page per scenario, brings the widget on
 * screen, waits until it is live, then drives it by role and label as a reader would. Every widget of the
 * registry is measured (tests/e2e/widget-inventory.ts), with its scenarios from main-thread-scenarios.ts or,
 * without any, the default one: on screen, then left alone for a few seconds. The Long Tasks API
 * reports every main-thread task over 50 ms; the table prints, per scenario and phase, how many there were
 * and the longest, against the 50 ms budget the widgets are held to. Timing depends on the machine and its
 * load, so this is a measurement to read, not a test that passes or fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { WIDGET_TAGS } from '../tests/e2e/widget-inventory.ts';
import { SCENARIOS, type Scenario } from './main-thread-scenarios.ts';

const ROOT = join(import.meta.dirname, '..');
const PORT = Number(process.env.PREVIEW_PORT ?? 4392);
const BASE = `http://127.0.0.1:${PORT}`;
const BUDGET_MS = 50;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** A scenario to run: its widget's tag and the page it opens. */
type Planned = Scenario & { tag: string; url: string };

/** The first English page of the built site that uses `<tag>`, e.g. /en/01-background/. */
function firstPageWith(tag: string): string {
	const en = join(ROOT, 'dist/en');
	for (const dir of readdirSync(en).sort()) {
		const file = join(en, dir, 'index.html');
		if (existsSync(file) && readFileSync(file, 'utf8').includes(`<${tag}`)) return `/en/${dir}/`;
	}
	throw new Error(`bench:main-thread: no English page uses <${tag}>`);
}

/** Left alone once live: what a widget without a scenario of its own is measured by. */
const DEFAULT_DRIVE: Scenario['drive'] = (page) => page.waitForTimeout(3000);

function plan(): Planned[] {
	return WIDGET_TAGS.flatMap((tag) =>
		(SCENARIOS[tag] ?? [{ id: tag, drive: DEFAULT_DRIVE }]).map((s) => ({ ...s, tag, url: s.url ?? firstPageWith(tag) })),
	);
}

interface Phase {
	count: number;
	longest: number;
	total: number;
}

async function measure(page: Page, scenario: Planned, seconds: number): Promise<{ load: Phase; use: Phase; loadMs: number }> {
	await page.addInitScript(() => {
		const tasks: { start: number; duration: number }[] = [];
		(globalThis as unknown as { longTasks: typeof tasks }).longTasks = tasks;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
		}).observe({ type: 'longtask', buffered: true });
	});
	await page.goto(BASE + scenario.url);
	await page.waitForLoadState('load');
	await page.waitForTimeout(1000); // let the page itself settle before the widget comes into view
	const now = () => page.evaluate(() => performance.now());
	const t0 = await now();
	const widget = page.locator(scenario.tag).first();
	await widget.scrollIntoViewIfNeeded();
	await page.locator(`${scenario.tag}[data-ready]`).first().waitFor({ state: 'attached', timeout: 30_000 });
	await scenario.settled?.(page);
	const t1 = await now();
	await page.waitForTimeout(1000);
	const t2 = await now();
	await scenario.drive(page, seconds);
	await page.waitForTimeout(500);
	const t3 = await now();
	const tasks = await page.evaluate(() => (globalThis as unknown as { longTasks: { start: number; duration: number }[] }).longTasks);
	const phase = (from: number, to: number): Phase => {
		const inside = tasks.filter((task) => task.start >= from && task.start < to).map((task) => task.duration);
		return { count: inside.length, longest: Math.max(0, ...inside), total: inside.reduce((a, b) => a + b, 0) };
	};
	return { load: phase(t0, t2), use: phase(t2, t3), loadMs: t1 - t0 };
}

function parseArgs(argv: string[], scenarios: readonly Planned[]): { only: Set<string> | null; seconds: number } {
	let only: Set<string> | null = null;
	let seconds = 15;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]) ?? '';
		if (a.startsWith('--only')) only = new Set(value().split(',').map((s) => s.trim()));
		else if (a.startsWith('--seconds')) seconds = Number(value());
		else if (a === '--help' || a === '-h') {
			console.log(`npm run bench:main-thread -- [--only ${scenarios.map((s) => s.id).join(',')}] [--seconds N]`);
			process.exit(0);
		} else throw new Error(`bench:main-thread: unknown option ${a} (try --help)`);
	}
	for (const id of only ?? []) if (!scenarios.some((s) => s.id === id)) throw new Error(`bench:main-thread: --only ${id}: no such scenario`);
	if (!(seconds > 0)) throw new Error('bench:main-thread: --seconds must be positive');
	return { only, seconds };
}

async function startPreview(): Promise<ChildProcess> {
	// The server of `npm start`, so the widgets run under the site's real headers and Content-Security-Policy.
	const server = spawn('node', ['--import', 'tsx', 'scripts/serve.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' },
		stdio: 'ignore',
		detached: true,
	});
	for (let k = 0; k < 120; k++) {
		try {
			if ((await fetch(`${BASE}/en/`)).ok) return server;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`bench:main-thread: the preview server did not answer on ${BASE}`);
}

async function main(): Promise<void> {
	if (!existsSync(join(ROOT, 'dist/en/index.html'))) throw new Error('bench:main-thread: dist/ is missing; run `npm run build` first');
	const scenarios = plan();
	const { only, seconds } = parseArgs(process.argv.slice(2), scenarios);
	const server = await startPreview();
	const browser = await chromium.launch({
		executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
	const fmt = (p: Phase) => `${String(p.count).padStart(3)} ${p.longest.toFixed(0).padStart(8)} ms`;
	console.log(`main-thread tasks over ${BUDGET_MS} ms (Long Tasks API), Chromium ${browser.version()}, 1280×900, training scenarios ${seconds} s`);
	console.log(`${'scenario'.padEnd(15)} ${'ready in'.padStart(9)} | load: tasks  longest | use: tasks  longest | within ${BUDGET_MS} ms`);
	let within = 0;
	let ran = 0;
	try {
		for (const scenario of scenarios) {
			if (only && !only.has(scenario.id)) continue;
			const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
			const page = await context.newPage();
			try {
				const r = await measure(page, scenario, seconds);
				const ok = r.load.longest <= BUDGET_MS && r.use.longest <= BUDGET_MS;
				within += ok ? 1 : 0;
				ran += 1;
				console.log(`${scenario.id.padEnd(15)} ${`${r.loadMs.toFixed(0)} ms`.padStart(9)} | ${fmt(r.load).padStart(19)} | ${fmt(r.use).padStart(18)} | ${ok ? 'yes' : 'no'}`);
			} catch (error) {
				ran += 1;
				console.log(`${scenario.id.padEnd(15)} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
			} finally {
				await context.close();
			}
		}
	} finally {
		await browser.close();
		if (server.pid) process.kill(-server.pid);
	}
	console.log(`${within} of ${ran} scenarios within the ${BUDGET_MS} ms budget`);
}

await main();
