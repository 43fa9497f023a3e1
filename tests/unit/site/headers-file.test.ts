import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headersFor, parseHeaders, replaceHeaderValue } from '../../../src/site/headers-file.ts';

const FILE = `# comment
/*
  X-Content-Type-Options: nosniff
  # a comment inside a block
  Link: </a.css>; rel=preload

/_astro/*
  Cache-Control: public, max-age=31536000, immutable
/:lang/04-math/
  Link: </b.css>
`;

test('parseHeaders reads blocks of a path and indented headers, skipping comments and blank lines', () => {
	const rules = parseHeaders(FILE);
	assert.deepEqual(
		rules.map((r) => [r.pattern, r.line, r.headers.map((h) => `${h.name}=${h.value}@${h.line}`)]),
		[
			['/*', 1, ['X-Content-Type-Options=nosniff@2', 'Link=</a.css>; rel=preload@4']],
			['/_astro/*', 6, ['Cache-Control=public, max-age=31536000, immutable@7']],
			['/:lang/04-math/', 8, ['Link=</b.css>@9']],
		],
	);
});

test('parseHeaders says which line is wrong and why', () => {
	assert.throws(() => parseHeaders('  X-A: 1\n'), /line 1: a header before any path/);
	assert.throws(() => parseHeaders('/*\n  no colon here\n'), /line 2: "no colon here" should read "Name: value"/);
	assert.throws(() => parseHeaders('/*\n  Bad Name: 1\n'), /line 2: "Bad Name" is not a header name/);
	assert.throws(() => parseHeaders('https://example.org/*\n  X-A: 1\n'), /line 1: .* should be a path starting with "\/"/);
});

test('headersFor applies every matching rule: * spans segments, :name one segment, repeated names join with ", "', () => {
	const rules = parseHeaders(FILE);
	assert.deepEqual(Object.fromEntries(headersFor(rules, '/en/')), {
		'X-Content-Type-Options': 'nosniff',
		Link: '</a.css>; rel=preload',
	});
	assert.equal(headersFor(rules, '/_astro/x/y.js').get('Cache-Control'), 'public, max-age=31536000, immutable');
	assert.equal(headersFor(rules, '/_astro.js').get('Cache-Control'), undefined);
	assert.equal(headersFor(rules, '/zh-cn/04-math/').get('Link'), '</a.css>; rel=preload, </b.css>');
	assert.equal(headersFor(rules, '/a/b/04-math/').get('Link'), '</a.css>; rel=preload', ':lang matches one segment only');
	assert.deepEqual([...headersFor(parseHeaders('/en/\n  X-A: 1\n'), '/zh-cn/')], []);
});

test('replaceHeaderValue rewrites one header line and nothing else', () => {
	const out = replaceHeaderValue(FILE, 2, 'nosniff, extra');
	assert.equal(parseHeaders(out)[0].headers[0].value, 'nosniff, extra');
	assert.deepEqual(out.split('\n').filter((_, i) => i !== 2), FILE.split('\n').filter((_, i) => i !== 2));
});

test('`! Name` in a later rule replaces the header of earlier rules instead of joining a second value', () => {
	const rules = parseHeaders(
		"/*\n  Content-Security-Policy: default-src 'none'\n  X-Frame-Options: DENY\n/_astro/cell.worker-*\n  ! Content-Security-Policy\n  Content-Security-Policy: script-src 'unsafe-eval'\n",
	);
	const worker = headersFor(rules, '/_astro/cell.worker-AbC.js');
	assert.equal(worker.get('Content-Security-Policy'), "script-src 'unsafe-eval'");
	assert.equal(worker.get('X-Frame-Options'), 'DENY');
	assert.equal(headersFor(rules, '/_astro/page.js').get('Content-Security-Policy'), "default-src 'none'");
});

test("the site's _headers gives only the cell worker 'unsafe-eval'", async () => {
	const { readFileSync } = await import('node:fs');
	const rules = parseHeaders(readFileSync('public/_headers', 'utf8'));
	assert.match(headersFor(rules, '/_astro/cell.worker-x1.js').get('Content-Security-Policy') ?? '', /'unsafe-eval'/);
	for (const path of ['/en/05-practice/', '/_astro/compute.worker-x1.js', '/_astro/code-cell.x1.js']) {
		assert.doesNotMatch(headersFor(rules, path).get('Content-Security-Policy') ?? '', /'unsafe-eval'/, path);
	}
});
