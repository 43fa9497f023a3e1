/**
 * Metadata of every built page (read from dist/, no browser): titles, Open Graph locale and image, hreflang
 * alternates that all point at real pages plus x-default, KaTeX's stylesheet and font preloads exactly on the
 * pages that show math, and robots.txt with the sitemap.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DIST, HTML_FILES, htmlOf, urlOf } from './site.ts';

/** Every page Starlight renders (the 404 page included); dist/index.html is only the redirect to /en/. */
const PAGES = HTML_FILES.map(urlOf).filter((url) => url !== '/').sort();

const tags = (html: string, tag: string) => html.match(new RegExp(`<${tag}\\b[^>]*>`, 'g')) ?? [];
const attrOf = (tagText: string, name: string) => tagText.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
const metas = (html: string, key: string) =>
	tags(html, 'meta').filter((m) => attrOf(m, 'property') === key || attrOf(m, 'name') === key).map((m) => attrOf(m, 'content'));
const links = (html: string, rel: string) => tags(html, 'link').filter((l) => attrOf(l, 'rel') === rel);

/** The built file of a same-site URL, or undefined when the site has no such page. */
function builtFile(href: string): string | undefined {
	const path = new URL(href).pathname;
	const file = join(DIST, path, path.endsWith('/') ? 'index.html' : '');
	return existsSync(file) ? file : undefined;
}

test('the home pages are titled with the site name once; no title repeats it', () => {
	expect(htmlOf('/en/')).toContain('<title>Cell State</title>');
	expect(htmlOf('/zh-cn/')).toContain('<title>Cell State</title>');
	for (const url of PAGES) expect(htmlOf(url), url).not.toMatch(/<title>Cell State \| Cell State<\/title>/);
});

for (const url of PAGES) {
	test(`metadata of ${url}`, () => {
		const html = htmlOf(url);
		const lang = html.match(/<html[^>]*\slang="([^"]+)"/)?.[1];
		const [locale, other] = lang === 'zh-CN' ? ['zh_CN', 'en_US'] : ['en_US', 'zh_CN'];
		expect(metas(html, 'og:locale'), 'og:locale').toEqual([locale]);
		expect(metas(html, 'og:locale:alternate'), 'og:locale:alternate').toEqual([other]);

		const [image] = metas(html, 'og:image');
		expect(image, 'og:image').toMatch(/^https?:\/\//);
		expect(builtFile(image!), `og:image ${image} is a file of the site`).toBeTruthy();
		expect(metas(html, 'twitter:card')).toEqual(['summary_large_image']);

		const alternates = links(html, 'alternate').filter((l) => attrOf(l, 'hreflang'));
		for (const link of alternates) {
			expect(builtFile(attrOf(link, 'href')!), `hreflang ${attrOf(link, 'hreflang')} → ${attrOf(link, 'href')}`).toBeTruthy();
		}
		const hreflangs = alternates.map((l) => attrOf(l, 'hreflang'));
		if (url.includes('404')) expect(hreflangs, 'the 404 page has no editions to point at').toEqual([]);
		else expect(hreflangs).toEqual(['en', 'zh-CN', 'x-default']);
	});
}

test('KaTeX stylesheet and font preloads are on exactly the pages that show math', () => {
	let withMath = 0;
	for (const url of PAGES) {
		const html = htmlOf(url);
		const hasMath = html.includes('class="katex"');
		const katexCss = links(html, 'stylesheet').filter((l) => /katex/i.test(attrOf(l, 'href')!));
		const fontPreloads = links(html, 'preload').filter((l) => attrOf(l, 'as') === 'font');
		expect(katexCss.length, `${url}: KaTeX stylesheets`).toBe(hasMath ? 1 : 0);
		expect(fontPreloads.length > 0, `${url}: font preloads`).toBe(hasMath);
		for (const preload of fontPreloads) {
			expect(attrOf(preload, 'crossorigin'), `${url}: a font preload needs crossorigin to be used`).toBe('anonymous');
			expect(builtFile(new URL(attrOf(preload, 'href')!, 'http://site.invalid').href), `${url}: preloaded font`).toBeTruthy();
		}
		// No stylesheet of every page carries KaTeX's fonts.
		for (const link of links(html, 'stylesheet').filter((l) => !/katex/i.test(attrOf(l, 'href')!))) {
			expect(htmlOf(attrOf(link, 'href')!), `${attrOf(link, 'href')} on ${url}`).not.toContain('KaTeX_');
		}
		if (hasMath) withMath++;
	}
	expect(withMath, 'chapters show math').toBeGreaterThan(10);
	expect(PAGES.filter((url) => !htmlOf(url).includes('class="katex"')), 'pages without math').toContain('/404.html');
});

test('robots.txt allows crawling and names the sitemap at the site URL', async ({ request }) => {
	const response = await request.get('/robots.txt');
	expect(response.ok()).toBe(true);
	const text = await response.text();
	expect(text).toMatch(/^User-agent: \*$/m);
	const sitemap = text.match(/^Sitemap: (\S+)$/m)?.[1];
	expect(sitemap, 'Sitemap line').toBeTruthy();
	const canonical = attrOf(links(htmlOf('/en/'), 'canonical')[0]!, 'href')!;
	expect(new URL(sitemap!).origin).toBe(new URL(canonical).origin);
	expect(builtFile(sitemap!), 'the sitemap exists').toBeTruthy();
});
