/** Shared helpers for the end-to-end tests: the built site in dist/ is the source of truth. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';

/** The built site: dist/, or SITE_DIST when set (the same variable makes the preview server serve it). */
export const DIST = process.env.SITE_DIST ?? join(import.meta.dirname, '../../dist');
export const LANGS = ['en', 'zh-cn'] as const;

function walk(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? walk(path) : [path];
	});
}

if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npx astro build` (or `npm test`) before the e2e tests.');

/** Every HTML file of the built site. */
export const HTML_FILES = walk(DIST).filter((f) => f.endsWith('.html'));

/** URL path of a built HTML file: dist/en/04-math/index.html → /en/04-math/. */
export function urlOf(file: string): string {
	const rel = relative(DIST, file).split(sep).join('/');
	return '/' + rel.replace(/(^|\/)index\.html$/, '$1');
}

/** All reader-facing pages (both languages), e.g. /en/, /en/04-math/, /zh-cn/04-math/. */
export const PAGES = HTML_FILES.map(urlOf)
	.filter((url) => LANGS.some((lang) => url.startsWith(`/${lang}/`)))
	.sort();

/** Chapter pages (file names starting with a chapter number) of one language, in reading order. */
export function chapterPages(lang: (typeof LANGS)[number]): string[] {
	return PAGES.filter((url) => new RegExp(`^/${lang}/\\d\\d-[^/]+/$`).test(url)).sort();
}

/** The built HTML of a page. */
export function htmlOf(url: string): string {
	const path = join(DIST, url, url.endsWith('/') ? 'index.html' : '');
	return readFileSync(path, 'utf8');
}

/** Pages of one language, in path order, whose built HTML holds a `<tag` element (a widget, say). */
export function pagesWith(tag: string, lang = 'en'): string[] {
	return PAGES.filter((url) => url.startsWith(`/${lang}/`) && htmlOf(url).includes(`<${tag}`));
}

/** The first such page whose path starts with /lang/chapterPrefix; throws, saying what was looked for, if none. */
export function pageWith(tag: string, lang = 'en', chapterPrefix = ''): string {
	const url = pagesWith(tag, lang).find((p) => p.startsWith(`/${lang}/${chapterPrefix}`));
	if (!url) throw new Error(`no /${lang}/${chapterPrefix}… page uses <${tag}>`);
	return url;
}

/** Custom elements Starlight's shell itself uses. */
export const SHELL_ELEMENTS = new Set([
	'site-search', 'starlight-lang-select', 'starlight-theme-select', 'starlight-toc', 'starlight-menu-button',
	'mobile-starlight-toc', 'starlight-tabs', 'starlight-file-tree', 'sl-sidebar-state-persist',
]);

/** Custom elements on a page that are not part of the shell (widgets, exercise checks). */
export function widgetElements(html: string): string[] {
	const tags = new Set([...html.matchAll(/<([a-z][a-z0-9]*-[a-z0-9-]+)[\s>]/g)].map((m) => m[1]));
	return [...tags].filter((t) => !SHELL_ELEMENTS.has(t)).sort();
}

/** Scrolls through the whole page one screen at a time, so lazily loaded widgets come on screen. */
export async function scrollThrough(page: Page): Promise<void> {
	await page.evaluate(async () => {
		const step = Math.max(200, window.innerHeight * 0.8);
		for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
			window.scrollTo(0, y);
			await new Promise((r) => setTimeout(r, 60));
		}
		window.scrollTo(0, 0);
	});
}

/** Records console errors, page errors and failed or 4xx/5xx requests while a page is used. */
export function watchProblems(page: Page): string[] {
	const problems: string[] = [];
	page.on('console', (msg) => {
		if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`));
	page.on('response', (response) => {
		if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
	});
	return problems;
}

/**
 * Keeps every Worker a page creates in `window.__workers`, so a test can kill them as a crash would.
 * Call before `page.goto`.
 */
export async function recordWorkers(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const Native = window.Worker;
		const made: Worker[] = [];
		(window as unknown as { __workers: Worker[] }).__workers = made;
		window.Worker = class extends Native {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				made.push(this);
			}
		};
	});
}

/** Terminates every worker recorded by recordWorkers; returns how many there were. */
export async function terminateWorkers(page: Page): Promise<number> {
	return page.evaluate(() => {
		const made = (window as unknown as { __workers: Worker[] }).__workers ?? [];
		for (const w of made) w.terminate();
		return made.length;
	});
}
