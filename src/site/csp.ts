/**
 * Content-Security-Policy values as data: parsed from the text in public/_headers, given the hashes of a
 * page's inline `<script>` and `<style>` elements, and written back for the HTTP header or a `<meta>` element.
 *
 * The policy itself is declared once, in public/_headers (with a comment per directive); this module only
 * adds what changes from build to build, the hashes.
 */
import { createHash } from 'node:crypto';

/** Directive name → its source list, in the order written. */
export type Policy = Map<string, string[]>;

/** Hash sources (`'sha256-…'`) of one page's inline code, or of the whole site's. */
export interface InlineHashes {
	scripts: readonly string[];
	styles: readonly string[];
}

/** Directives of CSP Level 3 (and the reporting ones); anything else is a typo the browser would ignore. */
const KNOWN_DIRECTIVES = new Set([
	'default-src', 'script-src', 'script-src-elem', 'script-src-attr', 'style-src', 'style-src-elem',
	'style-src-attr', 'img-src', 'font-src', 'connect-src', 'media-src', 'object-src', 'frame-src', 'child-src',
	'worker-src', 'manifest-src', 'base-uri', 'form-action', 'frame-ancestors', 'sandbox', 'report-uri',
	'report-to', 'upgrade-insecure-requests', 'require-trusted-types-for', 'trusted-types',
]);

/** Browsers ignore these in a `<meta>` policy (and say so in the console), so they go in the header only. */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'report-to', 'sandbox'];

/** Where the hashes go: script-src for `<script>`, style-src-elem for `<style>` (style="" stays apart). */
const SCRIPT_HASHES_INTO = 'script-src';
const STYLE_HASHES_INTO = 'style-src-elem';

/** Parses `default-src 'none'; script-src 'self'; …`; throws, naming the directive, on an unknown or repeated one. */
export function parsePolicy(text: string): Policy {
	const policy: Policy = new Map();
	for (const part of text.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
		if (name === undefined) continue;
		const directive = name.toLowerCase();
		if (!KNOWN_DIRECTIVES.has(directive)) throw new Error(`Content-Security-Policy: unknown directive "${name}"`);
		if (policy.has(directive)) throw new Error(`Content-Security-Policy: "${directive}" appears twice (browsers use only the first)`);
		policy.set(directive, sources);
	}
	if (policy.size === 0) throw new Error('Content-Security-Policy: the policy is empty');
	return policy;
}

/** The policy as one header value: `directive source source; directive …`. */
export function formatPolicy(policy: Policy): string {
	return [...policy].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** The CSP hash source of an inline element's text, as the browser computes it (line ends as parsed: LF). */
export function sha256Source(code: string): string {
	const text = code.replace(/\r\n?/g, '\n');
	return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * A copy of `policy` that also allows the given inline code: script hashes added to script-src, style hashes
 * to style-src-elem. Throws if the policy lacks either directive, since the hashes would then have no effect
 * (or, without script-src, fall back to a default-src that should not list script hashes).
 */
export function withHashes(policy: Policy, hashes: InlineHashes): Policy {
	const out: Policy = new Map([...policy].map(([name, sources]) => [name, [...sources]]));
	for (const [directive, add] of [[SCRIPT_HASHES_INTO, hashes.scripts], [STYLE_HASHES_INTO, hashes.styles]] as const) {
		const sources = out.get(directive);
		if (!sources) throw new Error(`Content-Security-Policy: add a "${directive}" directive for the hashes of inline code`);
		if (add.length > 0 && sources.includes("'unsafe-inline'")) {
			throw new Error(`Content-Security-Policy: "${directive}" has 'unsafe-inline', which browsers ignore once hashes are listed; remove it`);
		}
		for (const hash of add) if (!sources.includes(hash)) sources.push(hash);
	}
	return out;
}

/** The policy as a `<meta http-equiv>` may carry it: without the directives browsers ignore there. */
export function forMeta(policy: Policy): Policy {
	return new Map([...policy].filter(([name]) => !HEADER_ONLY.includes(name)));
}
