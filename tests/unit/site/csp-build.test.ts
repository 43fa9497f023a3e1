import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPolicy, MAX_HEADER_LINE } from '../../../src/site/csp-build.ts';
import { parsePolicy, sha256Source } from '../../../src/site/csp.ts';
import { headersFor, parseHeaders } from '../../../src/site/headers-file.ts';

const HEADERS = `# the site's headers
/*
  Content-Security-Policy: default-src 'none'; script-src 'self'; style-src-elem 'self'; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
/_astro/*
  Cache-Control: immutable
`;
const page = (body: string) => `<!DOCTYPE html><html><head><meta charset="utf-8">${body}</head><body></body></html>`;

function site(files: Record<string, string>): string {
	const dist = mkdtempSync(join(tmpdir(), 'csp-build-'));
	for (const [path, text] of Object.entries(files)) {
		mkdirSync(join(dist, path, '..'), { recursive: true });
		writeFileSync(join(dist, path), text);
	}
	return dist;
}

const metaPolicy = (html: string) => parsePolicy(/<meta http-equiv="content-security-policy" content="([^"]*)">/.exec(html)![1]);

test('each page gets a <meta> policy with its own hashes; _headers gets every page’s, and keeps the rest', () => {
	const dist = site({
		'_headers': HEADERS,
		'en/index.html': page('<script>theme()</script><style>a{}</style>'),
		'zh-cn/index.html': page('<script>theme()</script><script>search()</script>'),
	});
	const { pages } = applyPolicy(dist);
	assert.equal(pages, 2);

	const en = metaPolicy(readFileSync(join(dist, 'en/index.html'), 'utf8'));
	assert.deepEqual(en.get('script-src'), ["'self'", sha256Source('theme()')]);
	assert.deepEqual(en.get('style-src-elem'), ["'self'", sha256Source('a{}')]);
	assert.equal(en.has('frame-ancestors'), false, 'a <meta> cannot carry frame-ancestors');
	const zh = metaPolicy(readFileSync(join(dist, 'zh-cn/index.html'), 'utf8'));
	assert.deepEqual(zh.get('script-src'), ["'self'", sha256Source('theme()'), sha256Source('search()')]);
	assert.deepEqual(zh.get('style-src-elem'), ["'self'"]);

	const written = readFileSync(join(dist, '_headers'), 'utf8');
	const rules = parseHeaders(written);
	const header = parsePolicy(headersFor(rules, '/en/').get('Content-Security-Policy')!);
	assert.deepEqual(header.get('script-src'), ["'self'", sha256Source('theme()'), sha256Source('search()')]);
	assert.deepEqual(header.get('style-src-elem'), ["'self'", sha256Source('a{}')]);
	assert.deepEqual(header.get('frame-ancestors'), ["'none'"]);
	assert.equal(headersFor(rules, '/_astro/a.js').get('Cache-Control'), 'immutable');
	assert.ok(written.startsWith("# the site's headers\n"), 'comments are kept');
});

test('a page with an inline event handler fails the build, naming the file, and nothing is written', () => {
	const files = {
		'_headers': HEADERS,
		'en/a/index.html': page('<script>ok()</script>'),
		'en/b/index.html': page('<button onclick="go()">go</button>'),
	};
	const dist = site(files);
	assert.throws(() => applyPolicy(dist), /en\/b\/index\.html: onclick="go\(\)" cannot be allowed by the Content-Security-Policy/);
	for (const [path, text] of Object.entries(files)) assert.equal(readFileSync(join(dist, path), 'utf8'), text, path);
});

test('applyPolicy refuses a missing _headers, a /* rule without a policy, and a header longer than hosts read', () => {
	assert.throws(() => applyPolicy(site({ 'index.html': page('') })), /_headers is missing/);
	assert.throws(() => applyPolicy(site({ '_headers': '/*\n  X-A: 1\n', 'index.html': page('') })), /the \/\* rule needs a Content-Security-Policy/);
	const many = Array.from({ length: 40 }, (_, i) => `<script>f(${i})</script>`).join('');
	const files = { '_headers': HEADERS, 'index.html': page(many) };
	const dist = site(files);
	assert.throws(() => applyPolicy(dist), new RegExp(`over the ${MAX_HEADER_LINE} a host reads \\(40 inline scripts, 0 inline styles\\)`));
	assert.equal(readFileSync(join(dist, 'index.html'), 'utf8'), files['index.html']);
});
