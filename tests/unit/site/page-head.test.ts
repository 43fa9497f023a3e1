import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ogLocale, pageHead, sourceHasMath, type HeadEntry } from '../../../src/site/page-head.ts';

const SITE = 'http://example.org';
/** The head Starlight computes for /en/04-math/ (the parts page-head.ts changes, and one it keeps). */
const starlightHead = (path: string, title: string): HeadEntry[] => [
	{ tag: 'title', content: `${title} | Cell State` },
	{ tag: 'meta', attrs: { property: 'og:locale', content: 'en' } },
	{ tag: 'meta', attrs: { name: 'twitter:card', content: 'summary_large_image' } },
	{ tag: 'meta', attrs: { property: 'og:site_name', content: 'Cell State' } },
	{ tag: 'link', attrs: { rel: 'alternate', hreflang: 'en', href: `${SITE}/en${path}` } },
	{ tag: 'link', attrs: { rel: 'alternate', hreflang: 'zh-CN', href: `${SITE}/zh-cn${path}` } },
];
const options = {
	siteTitle: 'Cell State',
	lang: 'en',
	langs: ['en', 'zh-CN'],
	pageExists: (pathname: string) => ['/en/', '/zh-cn/', '/en/04-math/', '/zh-cn/04-math/'].includes(pathname),
};
const attr = (head: HeadEntry[], key: string, value: string, read: string) =>
	head.filter((entry) => entry.attrs?.[key] === value).map((entry) => entry.attrs?.[read]);

test('og:locale is written as Open Graph spells it, and an unknown language is named', () => {
	assert.equal(ogLocale('en'), 'en_US');
	assert.equal(ogLocale('zh-CN'), 'zh_CN');
	assert.throws(() => ogLocale('fr'), /"fr"/);
});

test('the home page title names the site once; a chapter keeps "page | site"', () => {
	const home = pageHead(starlightHead('/', 'Cell State'), options);
	assert.deepEqual(home.filter((e) => e.tag === 'title').map((e) => e.content), ['Cell State']);
	const chapter = pageHead(starlightHead('/04-math/', 'The math'), options);
	assert.deepEqual(chapter.filter((e) => e.tag === 'title').map((e) => e.content), ['The math | Cell State']);
});

test('og:locale and its alternate follow the page language', () => {
	const zh = pageHead(starlightHead('/04-math/', '数学'), { ...options, lang: 'zh-CN' });
	assert.deepEqual(attr(zh, 'property', 'og:locale', 'content'), ['zh_CN']);
	assert.deepEqual(attr(zh, 'property', 'og:locale:alternate', 'content'), ['en_US']);
});

test('hreflang: both editions plus x-default for a page that exists in both', () => {
	const head = pageHead(starlightHead('/04-math/', 'The math'), options);
	assert.deepEqual(attr(head, 'rel', 'alternate', 'hreflang'), ['en', 'zh-CN', 'x-default']);
	assert.deepEqual(attr(head, 'hreflang', 'x-default', 'href'), [`${SITE}/en/04-math/`]);
});

test('hreflang: none, and no x-default, for a page whose editions do not exist (the 404 page)', () => {
	const head = pageHead(starlightHead('/404/', '404'), options);
	assert.deepEqual(attr(head, 'rel', 'alternate', 'hreflang'), []);
});

test('hreflang: a missing edition is left out, and x-default only points at a page that exists', () => {
	const onlyChinese = { ...options, pageExists: (p: string) => p === '/zh-cn/04-math/' };
	const head = pageHead(starlightHead('/04-math/', 'The math'), onlyChinese);
	assert.deepEqual(attr(head, 'rel', 'alternate', 'hreflang'), ['zh-CN']);
});

test('social card: og:image with its size and alternative, and a large twitter card; without one a summary card', () => {
	const socialImage = { url: `${SITE}/social-card.png`, width: 1200, height: 630, alt: 'Cell State' };
	const head = pageHead(starlightHead('/', 'Cell State'), { ...options, socialImage });
	assert.deepEqual(attr(head, 'property', 'og:image', 'content'), [socialImage.url]);
	assert.deepEqual(attr(head, 'property', 'og:image:width', 'content'), ['1200']);
	assert.deepEqual(attr(head, 'name', 'twitter:card', 'content'), ['summary_large_image']);
	const bare = pageHead(starlightHead('/', 'Cell State'), options);
	assert.deepEqual(attr(bare, 'property', 'og:image', 'content'), []);
	assert.deepEqual(attr(bare, 'name', 'twitter:card', 'content'), ['summary']);
});

test('KaTeX: stylesheet and font preloads (crossorigin, as font) only when the page has math', () => {
	const katex = { stylesheet: '/_astro/katex.css', fonts: ['/_astro/Main.woff2', '/_astro/Math.woff2'] };
	const withMath = pageHead(starlightHead('/04-math/', 'The math'), { ...options, katex });
	const preloads = withMath.filter((e) => e.attrs?.rel === 'preload');
	assert.deepEqual(preloads.map((e) => e.attrs?.href), katex.fonts);
	assert.ok(preloads.every((e) => e.attrs?.as === 'font' && e.attrs?.crossorigin === 'anonymous'));
	assert.deepEqual(attr(withMath, 'rel', 'stylesheet', 'href'), [katex.stylesheet]);
	const without = pageHead(starlightHead('/04-math/', 'The math'), options);
	assert.equal(without.some((e) => e.attrs?.rel === 'preload' || e.attrs?.rel === 'stylesheet'), false);
});

test('the head given is not changed', () => {
	const head = starlightHead('/', 'Cell State');
	const before = JSON.stringify(head);
	pageHead(head, options);
	assert.equal(JSON.stringify(head), before);
});

test('sourceHasMath: dollar math and formula components count; an escaped dollar does not', () => {
	assert.equal(sourceHasMath('The cell state $C_t$ is kept.'), true);
	assert.equal(sourceHasMath('$$\nh_t = o_t\n$$'), true);
	assert.equal(sourceHasMath('<Tex expr="x" />'), true);
	assert.equal(sourceHasMath('It costs \\$5 and nothing else.'), false);
	assert.equal(sourceHasMath('Plain prose, no formulas.'), false);
});
