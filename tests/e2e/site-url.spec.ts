/**
 * The site's address comes from one setting: every canonical link, hreflang alternate, og:url and sitemap entry
 * of the build is under SITE_URL (or its default), and at the page's own path. Reads dist/ only.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, htmlOf, PAGES } from './site.ts';
import { siteUrl } from '../../src/site/site-url.ts';

/** The origin the build was made for: the tests run in the environment of the build (`npm test` does both). */
const ORIGIN = siteUrl(process.env.SITE_URL);

test('canonical, hreflang and og:url of every page point at the page under SITE_URL', () => {
	for (const url of PAGES) {
		const html = htmlOf(url);
		const canonical = /<link rel="canonical" href="([^"]+)"/.exec(html)?.[1];
		expect(canonical, url).toBe(ORIGIN + url);
		expect(/<meta property="og:url" content="([^"]+)"/.exec(html)?.[1], url).toBe(canonical);
		const alternates = [...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1], m[2]]);
		const path = url.replace(/^\/(en|zh-cn)\//, '/');
		expect(Object.fromEntries(alternates), url).toEqual({ en: `${ORIGIN}/en${path}`, 'zh-CN': `${ORIGIN}/zh-cn${path}`, 'x-default': `${ORIGIN}/en${path}` });
	}
});

test('the sitemap lists every page under SITE_URL, and no placeholder address is left in the build', () => {
	const index = readFileSync(join(DIST, 'sitemap-index.xml'), 'utf8');
	const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
	expect(sitemaps.length).toBeGreaterThan(0);
	const locs = sitemaps.flatMap((loc) => {
		expect(loc.startsWith(ORIGIN + '/')).toBe(true);
		const xml = readFileSync(join(DIST, new URL(loc).pathname), 'utf8');
		return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
	});
	expect(locs.sort()).toEqual(PAGES.map((url) => ORIGIN + url).sort());
	for (const url of PAGES) expect(htmlOf(url), url).not.toContain('example.org');
});
