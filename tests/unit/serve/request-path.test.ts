import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { requestPath } from '../../../src/serve/request-path.ts';

test('requestPath decodes segments, drops the query and empty segments, and notes a trailing slash', () => {
	assert.deepEqual(requestPath('/'), { ok: true, segments: [], directory: true });
	assert.deepEqual(requestPath('/en/04-math/?cell.x=1#eq-forget-gate'), { ok: true, segments: ['en', '04-math'], directory: true });
	assert.deepEqual(requestPath('/en//04-math'), { ok: true, segments: ['en', '04-math'], directory: false });
	assert.deepEqual(requestPath('/zh-cn/%E7%BB%86%E8%83%9E.html'), { ok: true, segments: ['zh-cn', '细胞.html'], directory: false });
	assert.deepEqual(requestPath('/a..b/c.d'), { ok: true, segments: ['a..b', 'c.d'], directory: false });
});

test('requestPath refuses traversal in every spelling with 400', () => {
	for (const target of [
		'/../package.json',
		'/en/../../package.json',
		'/..%2f..%2fpackage.json',
		'/..%2F..%2Fpackage.json',
		'/%2e%2e/package.json',
		'/%2E%2E%2Fpackage.json',
		'/.%2e/package.json',
		'/en/./04-math/',
		'/..%5c..%5cpackage.json',
		'/a%00.html',
		'/%ZZ',
		'/%',
		'//etc/passwd',
		'http://evil.example/',
		'*',
		'',
	]) {
		assert.deepEqual(requestPath(target), { ok: false, status: 400 }, target);
	}
});

test('requestPath answers 404 for hidden files and the host’s own configuration', () => {
	for (const target of ['/.git/config', '/_headers', '/%5Fheaders', '/en/.env', '/_redirects']) {
		assert.deepEqual(requestPath(target), { ok: false, status: 404 }, target);
	}
});

test('whatever the target, accepted segments join to a path inside the root', () => {
	const root = join(sep, 'srv', 'dist');
	const pieces = fc.constantFrom('..', '.', '%2e', '%2E', '%2f', '%5c', '/', '\\', 'en', 'a', '%', '%00', '%E7%BB%86', '?', '#', '');
	fc.assert(
		fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((p) => p.join(''))), (tail) => {
			const result = requestPath('/' + tail);
			if (!result.ok) return;
			const rel = relative(root, join(root, ...result.segments));
			assert.ok(!rel.startsWith('..') && !rel.includes(`${sep}..`), `${tail} → ${rel}`);
			for (const segment of result.segments) assert.ok(!/[/\\\0]/.test(segment) && segment !== '..' && segment !== '.', segment);
		}),
		{ numRuns: 3000 },
	);
});
