/**
 * What installing and updating the book rests on outside the worker: the web app manifest and its icons
 * (every icon file exists at the size it claims), and the headers of public/_headers (the worker revalidated
 * on every check, allowed by the policy).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { headersFor, parseHeaders } from '../../../src/site/headers-file.ts';
import { parsePolicy } from '../../../src/site/csp.ts';

interface Icon { src: string; sizes: string; type: string; purpose?: string }
const manifest = JSON.parse(readFileSync('public/manifest.webmanifest', 'utf8')) as Record<string, unknown> & { icons: Icon[] };
const rules = parseHeaders(readFileSync('public/_headers', 'utf8'));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): string {
	const bytes = readFileSync(file);
	assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the manifest names the book, opens the English edition inside its scope, standalone', () => {
	for (const key of ['name', 'short_name', 'start_url', 'scope', 'display', 'theme_color', 'background_color']) {
		assert.equal(typeof manifest[key], 'string', `manifest: "${key}" missing`);
	}
	assert.equal(manifest.display, 'standalone');
	assert.ok((manifest.start_url as string).startsWith(manifest.scope as string), 'start_url outside scope');
	assert.ok((manifest.short_name as string).length <= 12, 'short_name longer than a launcher shows');
});

test('every PNG icon exists at the size it declares; 192, 512 and a maskable 512 are there', () => {
	const png = manifest.icons.filter((icon) => icon.type === 'image/png');
	for (const icon of png) assert.equal(pngSize(`public${icon.src}`), icon.sizes, icon.src);
	const has = (sizes: string, purpose: string) => png.some((i) => i.sizes === sizes && (i.purpose ?? 'any').split(' ').includes(purpose));
	assert.ok(has('192x192', 'any'), 'no 192 px icon');
	assert.ok(has('512x512', 'any'), 'no 512 px icon');
	assert.ok(has('512x512', 'maskable'), 'no maskable 512 px icon');
});

test('sw.js and offline.js are revalidated on every request; hashed bundles stay immutable', () => {
	for (const path of ['/sw.js', '/offline.js']) assert.equal(headersFor(rules, path).get('Cache-Control'), 'no-cache', path);
	assert.match(headersFor(rules, '/_astro/page.abc.js').get('Cache-Control') ?? '', /immutable/);
	assert.equal(headersFor(rules, '/en/').get('Cache-Control'), undefined);
});

test('the policy lets the page register its worker and read the manifest, from the site only', () => {
	const policy = parsePolicy(headersFor(rules, '/en/').get('Content-Security-Policy')!);
	assert.deepEqual(policy.get('worker-src'), ["'self'"]);
	assert.deepEqual(policy.get('manifest-src'), ["'self'"]);
});
