/**
 * The service worker step on a small built site: what it precaches (and what it leaves out), revisions that
 * follow the files' bytes, and refusals that name the file instead of shipping an incomplete offline copy.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, test } from 'node:test';
import { MAX_PRECACHED_FILE_BYTES, REGISTER_FILE, SERVICE_WORKER_FILE, writeServiceWorker } from '../../../src/offline/service-worker-build.ts';

const made: string[] = [];
afterEach(() => {
	for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function site(files: Record<string, string | Buffer>): string {
	const dir = mkdtempSync(join(tmpdir(), 'cell-state-sw-'));
	made.push(dir);
	for (const [path, content] of Object.entries(files)) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), content);
	}
	return dir;
}

const BOOK = {
	'index.html': '<meta http-equiv="refresh" content="0;url=/en/">',
	'404.html': '<h1>Page not found</h1>',
	'en/index.html': '<h1>Cell State</h1>',
	'zh-cn/index.html': '<h1>细胞状态</h1>',
	'_astro/page.abc123.js': 'export {};',
	'pagefind/pagefind.js': '//',
	'pagefind/index/en_1.pf_index': 'x',
	'corpora/en-book.txt': 'text',
	'checkpoints/zh-poetry.json': '{}',
	_headers: '/*\n  X-Content-Type-Options: nosniff\n',
	'sitemap-index.xml': '<sitemapindex/>',
};

/** The precache entries written into sw.js: url → revision (null for none). */
function precached(dir: string): Map<string, string | null> {
	const sw = readFileSync(join(dir, SERVICE_WORKER_FILE), 'utf8');
	const entries = [...sw.matchAll(/\{url:"([^"]+)",revision:(null|"[^"]*")\}/g)];
	assert.ok(entries.length > 0, 'no precache entries found in sw.js');
	return new Map(entries.map(([, url, revision]) => [url, revision === 'null' ? null : revision.slice(1, -1)]));
}

test('precaches every page, bundle, index, corpus and checkpoint, and the registration module; not host files', async () => {
	const dir = site(BOOK);
	const summary = await writeServiceWorker(dir);
	const urls = [...precached(dir).keys()].sort();
	const expected = [...Object.keys(BOOK).filter((p) => p !== '_headers' && p !== 'sitemap-index.xml'), REGISTER_FILE].sort();
	assert.deepEqual(urls, expected);
	assert.equal(summary.files, expected.length);
	const bytes = expected.reduce((sum, p) => sum + readFileSync(join(dir, p)).length, 0);
	assert.equal(summary.bytes, bytes);
	const sw = readFileSync(join(dir, SERVICE_WORKER_FILE), 'utf8');
	assert.match(sw, /404\.html/, 'the 404 page is the navigation fallback');
	assert.doesNotMatch(sw, /importScripts/, 'the Workbox runtime is inlined');
});

test('a changed page gets a new revision; an unchanged one keeps its own', async () => {
	const a = site(BOOK);
	const b = site({ ...BOOK, 'en/index.html': '<h1>Cell State, second edition</h1>' });
	await writeServiceWorker(a);
	await writeServiceWorker(b);
	const [before, after] = [precached(a), precached(b)];
	assert.notEqual(after.get('en/index.html'), before.get('en/index.html'));
	assert.equal(after.get('zh-cn/index.html'), before.get('zh-cn/index.html'));
});

test('a file over the precache limit is refused by name, not left out', async () => {
	const dir = site({ ...BOOK, 'checkpoints/huge.json': Buffer.alloc(MAX_PRECACHED_FILE_BYTES + 1, 32) });
	await assert.rejects(writeServiceWorker(dir), /checkpoints\/huge\.json \(4\.2 MB\) over the 4 MiB precache limit/);
	assert.equal(existsSync(join(dir, SERVICE_WORKER_FILE)), false, 'sw.js was written');
	assert.equal(existsSync(join(dir, REGISTER_FILE)), false, `${REGISTER_FILE} was written`);
});

test('a build without a 404 page is refused: offline, unknown pages are answered with it', async () => {
	const { ['404.html']: _, ...without } = BOOK;
	const dir = site(without);
	await assert.rejects(writeServiceWorker(dir), /no 404\.html/);
	assert.equal(existsSync(join(dir, SERVICE_WORKER_FILE)), false, 'sw.js was written');
});
