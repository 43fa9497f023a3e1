import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { katexFontDisplay } from '../../../src/site/katex-font-display.ts';

const require = createRequire(import.meta.url);
const cssPath = require.resolve('katex/dist/katex.min.css');
type Transform = (this: { warn: (message: string) => void }, code: string, id: string) => { code: string } | undefined;

function run(code: string, id: string) {
	const warnings: string[] = [];
	const transform = katexFontDisplay('swap').transform as unknown as Transform;
	const out = transform.call({ warn: (message) => warnings.push(message) }, code, id);
	return { out, warnings };
}

test("KaTeX's own stylesheet gets font-display: swap on every @font-face", () => {
	const css = readFileSync(cssPath, 'utf8');
	const faces = css.match(/@font-face/g)!.length;
	const { out, warnings } = run(css, cssPath);
	assert.equal(out!.code.match(/font-display:swap/g)!.length, faces);
	assert.doesNotMatch(out!.code, /font-display:\s*block/);
	assert.deepEqual(warnings, []);
});

test('other files, and the ?url import that only names the stylesheet, are left alone', () => {
	assert.equal(run('a{font-display:block}', '/src/site/styles/site.css').out, undefined);
	assert.equal(run('export default "x"', `${cssPath}?url`).out, undefined);
});

test('a KaTeX stylesheet without font-display: block is reported, so a KaTeX update cannot silently undo the change', () => {
	const { warnings } = run('@font-face{font-family:KaTeX_Main}', cssPath);
	assert.equal(warnings.length, 1);
	assert.match(warnings[0], /font-display: block/);
});
