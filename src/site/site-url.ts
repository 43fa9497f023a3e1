/**
 * The address the site is published at, from one setting: the SITE_URL environment variable at build time.
 * Astro's `site` takes it, and Starlight derives canonical links, hreflang alternates, og:url and the sitemap
 * from that. Without SITE_URL the build points at the address `npm start` serves.
 */

/** Where `npm start` serves the build; the default when SITE_URL is not set. */
export const DEFAULT_SITE_URL = 'http://localhost:4321';

/**
 * The site's origin for Astro's `site` (`https://lstm.example.edu`), from SITE_URL; throws, quoting the value,
 * unless it is an absolute http(s) URL at the root of its host (pages, search and redirects assume `/`).
 */
export function siteUrl(value: string | undefined): string {
	if (value === undefined || value.trim() === '') return DEFAULT_SITE_URL;
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new Error(`SITE_URL="${value}" is not a URL; write it like https://lstm.example.edu`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new Error(`SITE_URL="${value}" should start with https:// (or http://)`);
	}
	if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
		throw new Error(`SITE_URL="${value}" should be an origin only, like ${url.origin}: the site is built for the root of its host`);
	}
	return url.origin;
}
