import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inlineCode, insertPolicyMeta } from '../../../src/site/inline-code.ts';

test('inlineCode finds the text of inline scripts the browser runs and of every <style>', () => {
	const html = `<!doctype html><html><head><meta charset="utf-8">
<script>window.a = 1;</script>
<script type="module">import "/x.js";</script>
<SCRIPT type='text/javascript'>b()</SCRIPT>
<script src="/bundle.js"></script>
<script type="module" src="/m.js"></script>
<script type="application/json">{"not": "run"}</script>
<script></script>
<style>p { color: red }</style>
<svg><style>.s{fill:red}</style></svg>
<!-- <script>commented()</script> -->
<style-box>not a style element</style-box>
<div title="a > b" data-x='<script>no()</script>'>text</div>
</head></html>`;
	const code = inlineCode(html);
	assert.deepEqual(code.scripts, ['window.a = 1;', 'import "/x.js";', 'b()']);
	assert.deepEqual(code.styles, ['p { color: red }', '.s{fill:red}']);
	assert.deepEqual(code.unhashable, []);
});

test('a script’s text runs to the first </script>, so markup inside it is not read as elements', () => {
	const code = inlineCode('<script>const s = "<style>x</style>"; f("onload=1")</script><style>a{}</style>');
	assert.deepEqual(code.scripts, ['const s = "<style>x</style>"; f("onload=1")']);
	assert.deepEqual(code.styles, ['a{}']);
	assert.deepEqual(code.unhashable, []);
});

test('inlineCode reports event-handler attributes and javascript: URLs, not text that only looks like them', () => {
	const code = inlineCode(
		'<button onclick="go()">x</button><a href=" JavaScript:alert(1)">y</a><img src=x onerror=alert(1)>' +
			'<p title="say onclick=1" data-href="javascript:no">fine</p><a href="/javascript:/">fine</a>',
	);
	assert.deepEqual(code.unhashable, ['onclick="go()"', 'href=" JavaScript:alert(1)"', 'onerror="alert(1)"']);
});

test('insertPolicyMeta puts the policy right after <meta charset>, escaping it as an attribute', () => {
	const html = '<!doctype html><html><head><meta charset="utf-8"><title>t</title><script>x()</script></head></html>';
	const out = insertPolicyMeta(html, `script-src 'self' "q" &`);
	assert.equal(
		out,
		'<!doctype html><html><head><meta charset="utf-8">' +
			`<meta http-equiv="content-security-policy" content="script-src 'self' &quot;q&quot; &amp;">` +
			'<title>t</title><script>x()</script></head></html>',
	);
});

test('insertPolicyMeta handles pages without <meta charset> or without <head>, and refuses a second policy', () => {
	assert.match(insertPolicyMeta('<html><head><title>t</title></head>', 'a'), /^<html><head><meta http-equiv="content-security-policy" content="a"><title>/);
	assert.match(
		insertPolicyMeta('<!doctype html><title>Redirecting</title><meta http-equiv="refresh" content="0;url=/en/">', 'a'),
		/^<!doctype html><meta http-equiv="content-security-policy" content="a"><title>/,
	);
	assert.throws(() => insertPolicyMeta(insertPolicyMeta('<head></head>', 'a'), 'b'), /already has a Content-Security-Policy <meta>/);
});
