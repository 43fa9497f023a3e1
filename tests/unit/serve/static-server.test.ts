import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHeaders } from '../../../src/site/headers-file.ts';
import { createStaticServer } from '../../../src/serve/static-server.ts';
import { contentType } from '../../../src/serve/mime.ts';

const HEADERS = `/*
  Content-Security-Policy: default-src 'none'
  X-Content-Type-Options: nosniff
/_astro/*
  Cache-Control: public, max-age=31536000, immutable
`;

// A site folder beside a secret that must stay unreachable, and a link from inside pointing to it.
const base = mkdtempSync(join(tmpdir(), 'serve-'));
const root = join(base, 'dist');
const files: Record<string, string> = {
	'index.html': '<p>home</p>',
	'404.html': '<p>not here</p>',
	'_headers': HEADERS,
	'en/04-math/index.html': '<p>math</p>',
	'en/empty/.keep': '',
	'_astro/page.abc123.js': 'export {};',
	'_astro/gemm.wasm': '\0asm',
	'pagefind/fragment/en_1.pf_fragment': 'bytes',
};
for (const [path, text] of Object.entries(files)) {
	mkdirSync(join(root, path, '..'), { recursive: true });
	writeFileSync(join(root, path), text);
}
writeFileSync(join(base, 'package.json'), '{"secret": true}');
symlinkSync(join(base, 'package.json'), join(root, 'linked.json'));

const logged: string[] = [];
let server: Server;
let port: number;
before(async () => {
	server = createStaticServer({ root, headers: parseHeaders(HEADERS), log: (line) => logged.push(line) });
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	port = (server.address() as AddressInfo).port;
});
after(() => {
	server.close();
	server.closeAllConnections();
});

interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** Sends `path` exactly as written (no URL normalisation, unlike fetch). */
function get(path: string, method = 'GET'): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** Nothing of the machine in an answer: no absolute path, no stack frame, no secret. */
function assertNothingLeaks(reply: Reply, what: string) {
	const text = JSON.stringify(reply.headers) + reply.body;
	assert.ok(!text.includes(base), `${what}: a file system path`);
	assert.ok(!/\bat .*:\d+:\d+/.test(text), `${what}: a stack trace`);
	assert.ok(!text.includes('secret'), `${what}: the file outside the root`);
}

test('pages, directory indexes and files come with their type and the headers of _headers', async () => {
	const home = await get('/');
	assert.equal(home.status, 200);
	assert.equal(home.body, '<p>home</p>');
	assert.equal(home.headers['content-type'], 'text/html; charset=utf-8');
	assert.equal(home.headers['content-security-policy'], "default-src 'none'");
	assert.equal(home.headers['x-content-type-options'], 'nosniff');
	assert.equal(home.headers['cache-control'], undefined, 'pages are not cached as immutable');

	const math = await get('/en/04-math/?cell.x=1');
	assert.equal(math.body, '<p>math</p>');
	const script = await get('/_astro/page.abc123.js');
	assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
	assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
	assert.equal(script.headers['content-security-policy'], "default-src 'none'", 'workers get the policy too');
	assert.equal((await get('/_astro/gemm.wasm')).headers['content-type'], 'application/wasm');
	assert.equal((await get('/pagefind/fragment/en_1.pf_fragment')).headers['content-type'], 'application/octet-stream');
});

test('a directory without its slash redirects to it, keeping a plain query', async () => {
	const moved = await get('/en/04-math?cell.x=1');
	assert.equal(moved.status, 301);
	assert.equal(moved.headers.location, '/en/04-math/?cell.x=1');
	assert.equal((await get('/en/04-math?x=%0d%0aSet-Cookie:a')).headers.location, '/en/04-math/?x=%0d%0aSet-Cookie:a');
	// A directory without an index page is not found rather than listed.
	assert.equal((await get('/en/empty/')).status, 404);
	assert.equal((await get('/en/empty')).status, 404);
});

test('a missing file gets the site’s 404 page with status 404 and the site’s headers', async () => {
	for (const path of ['/en/05-missing/', '/nope.js', '/en/04-math/index.html/', '/_headers', '/en/empty/.keep']) {
		const reply = await get(path);
		assert.equal(reply.status, 404, path);
		assert.equal(reply.body, '<p>not here</p>', path);
		assert.equal(reply.headers['content-security-policy'], "default-src 'none'", path);
	}
});

test('traversal, encoded traversal and links out of the root are refused without leaking anything', async () => {
	for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/package.json', '/en/..%2F..%2F..%2Fpackage.json', '/..%5cpackage.json', '/%E0%A4%A']) {
		const reply = await get(path);
		assert.equal(reply.status, 400, path);
		assert.equal(reply.body, 'Bad request\n', path);
		assertNothingLeaks(reply, path);
	}
	const linked = await get('/linked.json');
	assert.equal(linked.status, 404);
	assertNothingLeaks(linked, '/linked.json');
});

test('only GET and HEAD are answered; HEAD sends the headers without the body', async () => {
	const head = await get('/en/04-math/', 'HEAD');
	assert.equal(head.status, 200);
	assert.equal(head.body, '');
	assert.equal(head.headers['content-length'], String('<p>math</p>'.length));
	const post = await get('/', 'POST');
	assert.equal(post.status, 405);
	assert.equal(post.headers.allow, 'GET, HEAD');
});

test('a failure inside the server answers 500 in one line and logs only the message', async () => {
	// A header the HTTP layer refuses makes every answer throw while it is being written.
	const throwing = createStaticServer({
		root,
		headers: [{ pattern: '/*', line: 0, headers: [{ name: 'Bad\nName', value: 'x', line: 1 }] }],
		log: (line) => logged.push(line),
	});
	await new Promise<void>((resolve) => throwing.listen(0, '127.0.0.1', resolve));
	const throwingPort = (throwing.address() as AddressInfo).port;
	const reply = await new Promise<Reply>((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port: throwingPort, path: '/' }, (res) => {
			let body = '';
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
		});
		req.on('error', reject);
		req.end();
	});
	throwing.close();
	throwing.closeAllConnections();
	assert.equal(reply.status, 500);
	assert.equal(reply.body, 'Internal server error\n');
	assertNothingLeaks(reply, '500');
	assert.ok(logged.some((line) => line.startsWith('GET /: ')), logged.join('\n'));
});

test('contentType knows the site’s kinds of file and falls back to bytes', () => {
	assert.equal(contentType('a/B.WOFF2'), 'font/woff2');
	assert.equal(contentType('sitemap-0.xml'), 'application/xml; charset=utf-8');
	assert.equal(contentType('favicon.svg'), 'image/svg+xml');
	assert.equal(contentType('pagefind/pagefind.en_1.pf_meta'), 'application/octet-stream');
	assert.equal(contentType('LICENSE'), 'application/octet-stream');
});
