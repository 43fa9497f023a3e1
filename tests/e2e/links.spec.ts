/**
 * No broken internal link or #anchor anywhere in the built site (both languages): every href that
 * stays on the site must name a built page, and its fragment must be an id on that page.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, HTML_FILES, urlOf } from './site.ts';

const ORIGIN = 'http://site.invalid';

/** The built file for a site path, or undefined. */
function fileFor(pathname: string): string | undefined {
	const path = join(DIST, decodeURIComponent(pathname));
	if (existsSync(path) && statSync(path).isFile()) return path;
	const index = join(path, 'index.html');
	return existsSync(index) ? index : undefined;
}

const idCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
	let ids = idCache.get(file);
	if (!ids) {
		const html = readFileSync(file, 'utf8');
		ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]));
		idCache.set(file, ids);
	}
	return ids;
}

test('every internal link and #anchor resolves', () => {
	const broken: string[] = [];
	let checked = 0;
	for (const file of HTML_FILES) {
		const html = readFileSync(file, 'utf8').replace(/<script[\s\S]*?<\/script>/g, '');
		const base = new URL(urlOf(file), ORIGIN);
		for (const [, raw] of html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)) {
			const href = raw.replace(/&amp;/g, '&');
			if (/^(mailto:|tel:|javascript:)/.test(href)) continue;
			const target = new URL(href, base);
			if (target.origin !== ORIGIN) continue;
			checked++;
			const targetFile = fileFor(target.pathname);
			if (!targetFile) {
				broken.push(`${urlOf(file)} → ${href} (no such page)`);
				continue;
			}
			const hash = decodeURIComponent(target.hash.slice(1));
			if (hash && hash !== '_top' && targetFile.endsWith('.html') && !idsOf(targetFile).has(hash)) {
				broken.push(`${urlOf(file)} → ${href} (no element with id "${hash}")`);
			}
		}
	}
	expect(checked).toBeGreaterThan(50);
	expect(broken).toEqual([]);
});
