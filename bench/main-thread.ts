/**
 * npm run bench:main-thread [-- --only stepper-char,race] [-- --seconds 15]
 *
 * How long the page's main thread is blocked while each widget loads and while a reader uses it. Opens the
 * built site (dist/, from `npm run build`) in Chromium, one fresh page per scenario, brings the widget on
 * screen, waits until it is live, then drives it by role and label as a reader would. The Long Tasks API
 * reports every main-thread task over 50 ms; the table prints, per scenario and phase, how many there were
 * and the longest, against the 50 ms budget the widgets are held to. Timing depends on the machine and its
 * load, so this is a measurement to read, not a test that passes or fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const ROOT = join(import.meta.dirname, '..');
const PORT = Number(process.env.PREVIEW_PORT ?? 4392);
const BASE = `http://127.0.0.1:${PORT}`;
const BUDGET_MS = 50;
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

interface Scenario {
	id: string;
	url: string;
	/** The widget's custom element; it gets data-ready when live. */
	tag: string;
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

const SCENARIOS: Scenario[] = [
	{
		id: 'activation',
		url: '/en/02-core-concepts/',
		tag: 'activation-explorer',
		drive: async (page) => {
			await page.getByRole('slider', { name: 'Input z' }).focus();
			await pressRepeatedly(page, 'ArrowRight', 40);
		},
	},
	{
		id: 'stepper-latch',
		url: '/en/02-core-concepts/',
		tag: 'sequence-stepper',
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
		tag: 'sequence-stepper',
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
	{
		id: 'cell-explorer',
		url: '/en/03-algorithm/',
		tag: 'cell-explorer',
		drive: async (page) => {
			const cell = page.locator('cell-explorer');
			await cell.getByRole('button', { name: 'Random weights' }).click();
			await cell.getByRole('slider', { name: 'x_t[1]' }).focus();
			await pressRepeatedly(page, 'ArrowRight', 30);
			await cell.getByRole('button', { name: 'Remember everything' }).click();
			await page.waitForTimeout(500);
		},
	},
	{
		id: 'gradient-lab',
		url: '/en/01-background/',
		tag: 'gradient-lab',
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
	{
		id: 'memory-race',
		url: '/en/01-background/',
		tag: 'memory-race',
		drive: async (page, seconds) => {
			await page.locator('memory-race').getByRole('button', { name: 'Start training' }).click();
			await page.waitForTimeout(seconds * 1000);
			await page.locator('memory-race').getByRole('button', { name: 'Pause' }).click();
		},
	},
	{
		id: 'studio',
		url: '/en/studio/',
		tag: 'text-studio',
		settled: (page) => page.locator('text-studio').getByRole('button', { name: 'Generate', exact: true }).and(page.locator(':enabled')).waitFor({ timeout: 60_000 }),
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
	{
		id: 'gate-ablation',
		url: '/en/08-summary/',
		tag: 'gate-ablation',
		drive: async (page, seconds) => {
			await page.locator('gate-ablation').getByRole('button', { name: 'Start training' }).click();
			await page.waitForTimeout(seconds * 1000);
		},
	},
];

interface Phase {
	count: number;
	longest: number;
	total: number;
}

async function measure(page: Page, scenario: Scenario, seconds: number): Promise<{ load: Phase; use: Phase; loadMs: number }> {
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

function parseArgs(argv: string[]): { only: Set<string> | null; seconds: number } {
	let only: Set<string> | null = null;
	let seconds = 15;
	for (let i = 0; i < argv.length; i++) {
		const a = argv[i];
		const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i]) ?? '';
		if (a.startsWith('--only')) only = new Set(value().split(',').map((s) => s.trim()));
		else if (a.startsWith('--seconds')) seconds = Number(value());
		else if (a === '--help' || a === '-h') {
			console.log(`npm run bench:main-thread -- [--only ${SCENARIOS.map((s) => s.id).join(',')}] [--seconds N]`);
			process.exit(0);
		} else throw new Error(`bench:main-thread: unknown option ${a} (try --help)`);
	}
	for (const id of only ?? []) if (!SCENARIOS.some((s) => s.id === id)) throw new Error(`bench:main-thread: --only ${id}: no such scenario`);
	if (!(seconds > 0)) throw new Error('bench:main-thread: --seconds must be positive');
	return { only, seconds };
}

async function startPreview(): Promise<ChildProcess> {
	const server = spawn('npx', ['astro', 'preview', '--port', String(PORT), '--host', '127.0.0.1'], { cwd: ROOT, stdio: 'ignore', detached: true });
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
	const { only, seconds } = parseArgs(process.argv.slice(2));
	if (!existsSync(join(ROOT, 'dist/en/index.html'))) throw new Error('bench:main-thread: dist/ is missing; run `npm run build` first');
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
		for (const scenario of SCENARIOS) {
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
