import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { formatPolicy, forMeta, parsePolicy, sha256Source, withHashes } from '../../../src/site/csp.ts';
import { parseHeaders } from '../../../src/site/headers-file.ts';

test('parsePolicy and formatPolicy round-trip, normalising spacing and case of names', () => {
	const policy = parsePolicy("  Default-Src 'none' ;script-src  'self' 'wasm-unsafe-eval';; frame-ancestors 'none' ");
	assert.deepEqual([...policy.keys()], ['default-src', 'script-src', 'frame-ancestors']);
	assert.equal(formatPolicy(policy), "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; frame-ancestors 'none'");
	assert.equal(formatPolicy(parsePolicy(formatPolicy(policy))), formatPolicy(policy));
});

test('parsePolicy names an unknown or repeated directive and refuses an empty policy', () => {
	assert.throws(() => parsePolicy("script_src 'self'"), /unknown directive "script_src"/);
	assert.throws(() => parsePolicy("img-src 'self'; img-src data:"), /"img-src" appears twice/);
	assert.throws(() => parsePolicy(' ; '), /empty/);
});

test('sha256Source gives the hash of the CSP specification’s example, with line ends as the browser parses them', () => {
	// CSP Level 3, "hash-source": <script>alert('Hello, world.');</script>
	assert.equal(sha256Source("alert('Hello, world.');"), "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
	assert.equal(sha256Source('a\r\nb\rc'), sha256Source('a\nb\nc'));
	assert.notEqual(sha256Source('a\nb'), sha256Source('a b'));
});

test('withHashes adds script hashes to script-src and style hashes to style-src-elem, once, on a copy', () => {
	const base = parsePolicy("default-src 'none'; script-src 'self'; style-src-elem 'self'; style-src-attr 'unsafe-inline'");
	const s = sha256Source('run()');
	const c = sha256Source('p{}');
	const out = withHashes(base, { scripts: [s, s], styles: [c] });
	assert.deepEqual(out.get('script-src'), ["'self'", s]);
	assert.deepEqual(out.get('style-src-elem'), ["'self'", c]);
	assert.deepEqual(out.get('style-src-attr'), ["'unsafe-inline'"]);
	assert.deepEqual(base.get('script-src'), ["'self'"], 'the input policy is unchanged');
});

test('withHashes refuses a policy where the hashes would have no effect', () => {
	const hash = sha256Source('x');
	assert.throws(() => withHashes(parsePolicy("default-src 'self'; style-src-elem 'self'"), { scripts: [], styles: [] }), /add a "script-src" directive/);
	assert.throws(() => withHashes(parsePolicy("script-src 'self'"), { scripts: [], styles: [] }), /add a "style-src-elem" directive/);
	assert.throws(
		() => withHashes(parsePolicy("script-src 'self' 'unsafe-inline'; style-src-elem 'self'"), { scripts: [hash], styles: [] }),
		/"script-src" has 'unsafe-inline', which browsers ignore once hashes are listed/,
	);
});

test('forMeta drops the directives a <meta> policy cannot carry and keeps the rest in order', () => {
	const policy = parsePolicy("default-src 'none'; frame-ancestors 'none'; script-src 'self'; sandbox; report-uri /r; report-to csp");
	assert.equal(formatPolicy(forMeta(policy)), "default-src 'none'; script-src 'self'");
});

test('the site’s policy in public/_headers allows no inline or evaluated script and no framing', () => {
	const rule = parseHeaders(readFileSync(new URL('../../../public/_headers', import.meta.url), 'utf8')).find((r) => r.pattern === '/*');
	const value = rule?.headers.find((h) => h.name === 'Content-Security-Policy')?.value;
	assert.ok(value, 'the /* rule has a Content-Security-Policy');
	const policy = parsePolicy(value);
	const scripts = policy.get('script-src') ?? [];
	for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", 'data:', 'blob:', '*']) assert.ok(!scripts.includes(unsafe), `script-src has ${unsafe}`);
	assert.ok(!(policy.get('worker-src') ?? []).includes('blob:'), 'worker-src has blob:');
	assert.deepEqual(policy.get('default-src'), ["'none'"]);
	assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
	assert.ok(!(policy.get('style-src-elem') ?? []).includes("'unsafe-inline'"), 'style-src-elem has unsafe-inline');
});
