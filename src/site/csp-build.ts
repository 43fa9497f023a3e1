/**
 * After the build: every page gets a Content-Security-Policy `<meta>` that allows exactly its own inline
 * scripts and styles by hash, and dist/_headers gets the header policy that allows the inline code of every
 * page (plus what only a header can say, such as frame-ancestors).
 *
 * Why not Astro 5's `experimental.csp`: with Starlight 0.37 it leaves Starlight's `is:inline` scripts (theme,
 * sidebar, search shortcut) and some component styles unhashed, and its `style-src` with hashes forbids the
 * `style` attributes with which KaTeX places every glyph. Hashing the finished HTML covers whatever any
 * component writes, and the policy keeps one source: the `/*` rule of public/_headers.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { formatPolicy, forMeta, parsePolicy, sha256Source, withHashes, type InlineHashes } from './csp.ts';
import { parseHeaders, replaceHeaderValue } from './headers-file.ts';
import { inlineCode, insertPolicyMeta } from './inline-code.ts';

/** Cloudflare Pages reads at most 2,000 characters per `_headers` line. */
export const MAX_HEADER_LINE = 2000;

function htmlFiles(dir: string): string[] {
	return readdirSync(dir)
		.sort()
		.flatMap((name) => {
			const path = join(dir, name);
			return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith('.html') ? [path] : [];
		});
}

const unique = (items: string[]) => [...new Set(items)];

/**
 * Writes the policy into every HTML file of `dist` and into `dist/_headers`. Throws, naming the file, if a
 * page has inline code no hash can allow (`onclick="…"`, `javascript:` URLs), if `_headers` has no policy
 * in its `/*` rule, or if the header would be longer than a host reads.
 * @returns the number of pages and the header policy written
 */
export function applyPolicy(dist: string): { pages: number; header: string } {
	const headersPath = join(dist, '_headers');
	let headersText: string;
	try {
		headersText = readFileSync(headersPath, 'utf8');
	} catch {
		throw new Error(`${headersPath} is missing: public/_headers declares the site's headers and policy`);
	}
	const cspLine = parseHeaders(headersText)
		.filter((rule) => rule.pattern === '/*')
		.flatMap((rule) => rule.headers)
		.find((header) => header.name.toLowerCase() === 'content-security-policy');
	if (!cspLine) throw new Error('public/_headers: the /* rule needs a Content-Security-Policy header');
	const base = parsePolicy(cspLine.value);

	// Everything is computed before anything is written, so a refusal leaves dist/ as the build made it.
	const site: InlineHashes = { scripts: [], styles: [] };
	const pages = htmlFiles(dist).map((file) => {
		const html = readFileSync(file, 'utf8');
		const code = inlineCode(html);
		if (code.unhashable.length > 0) {
			throw new Error(
				`${relative(dist, file)}: ${code.unhashable[0]} cannot be allowed by the Content-Security-Policy; ` +
					'attach the handler from a <script> instead',
			);
		}
		const page: InlineHashes = {
			scripts: unique(code.scripts.map(sha256Source)),
			styles: unique(code.styles.map(sha256Source)),
		};
		site.scripts = unique([...site.scripts, ...page.scripts]);
		site.styles = unique([...site.styles, ...page.styles]);
		return { file, html: insertPolicyMeta(html, formatPolicy(forMeta(withHashes(base, page)))) };
	});

	const header = formatPolicy(withHashes(base, site));
	const line = `  Content-Security-Policy: ${header}`;
	if (line.length > MAX_HEADER_LINE) {
		throw new Error(
			`_headers: the Content-Security-Policy line is ${line.length} characters, over the ${MAX_HEADER_LINE} a host reads ` +
				`(${site.scripts.length} inline scripts, ${site.styles.length} inline styles); move inline code into modules or stylesheets`,
		);
	}
	for (const { file, html } of pages) writeFileSync(file, html);
	writeFileSync(headersPath, replaceHeaderValue(headersText, cspLine.line, header));
	return { pages: pages.length, header };
}

/** Astro integration: runs {@link applyPolicy} on the finished build (list it after Starlight). */
export function contentSecurityPolicy(): AstroIntegration {
	return {
		name: 'cell-state:content-security-policy',
		hooks: {
			'astro:build:done': ({ dir, logger }) => {
				const { pages, header } = applyPolicy(fileURLToPath(dir));
				logger.info(`policy written into ${pages} pages and _headers (${header.length} characters)`);
			},
		},
	};
}
