/**
 * The `_headers` file of Netlify and Cloudflare Pages: blocks of a path pattern on its own line followed by
 * indented `Name: value` lines; `#` starts a comment. Every rule whose pattern matches a request applies, and
 * a header named by several of them gets their values joined with ", " (what both hosts do). A line `! Name`
 * (Cloudflare Pages' syntax) removes the values earlier rules gave that header, so a rule can replace the
 * policy of `/*` for one file instead of adding a second policy to it (a browser enforces both). `scripts/serve.ts`
 * reads the same file, so local serving and the tests see the headers a reader gets.
 */

export interface HeaderRule {
	/** URL path pattern: `*` matches any run of characters, `:name` one path segment. */
	pattern: string;
	headers: { name: string; value: string; line: number }[];
	/** Headers this rule detaches (`! Name`): values set by earlier matching rules are dropped. */
	detach?: string[];
	/** 0-based line of the pattern. */
	line: number;
}

/** Parses a `_headers` file; throws, with the line number, on a header outside a rule or without a colon. */
export function parseHeaders(text: string): HeaderRule[] {
	const rules: HeaderRule[] = [];
	text.split(/\r?\n/).forEach((raw, line) => {
		const content = raw.replace(/\s+$/, '');
		if (content.trim() === '' || content.trim().startsWith('#')) return;
		if (!/^\s/.test(content)) {
			if (!content.startsWith('/')) {
				throw new Error(`_headers line ${line + 1}: "${content}" should be a path starting with "/" (full URLs are not supported here)`);
			}
			rules.push({ pattern: content, headers: [], line });
			return;
		}
		const rule = rules.at(-1);
		const colon = content.indexOf(':');
		const detach = /^\s+!\s*([A-Za-z0-9-]+)$/.exec(content);
		if (detach && rule) {
			(rule.detach ??= []).push(detach[1]);
			return;
		}
		if (!rule) throw new Error(`_headers line ${line + 1}: a header before any path; start the block with a path such as /*`);
		if (colon < 0) throw new Error(`_headers line ${line + 1}: "${content.trim()}" should read "Name: value"`);
		const name = content.slice(0, colon).trim();
		if (!/^[A-Za-z0-9-]+$/.test(name)) throw new Error(`_headers line ${line + 1}: "${name}" is not a header name`);
		rule.headers.push({ name, value: content.slice(colon + 1).trim(), line });
	});
	return rules;
}

function patternRegExp(pattern: string): RegExp {
	const source = pattern
		.split(/(\*|:[A-Za-z]\w*)/)
		.map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`);
}

/** The headers for a URL path (`/en/04-math/`), from every matching rule, names as first written. */
export function headersFor(rules: readonly HeaderRule[], path: string): Map<string, string> {
	const byName = new Map<string, { name: string; values: string[] }>();
	for (const rule of rules) {
		if (!patternRegExp(rule.pattern).test(path)) continue;
		for (const name of rule.detach ?? []) byName.delete(name.toLowerCase());
		for (const { name, value } of rule.headers) {
			const entry = byName.get(name.toLowerCase()) ?? { name, values: [] };
			entry.values.push(value);
			byName.set(name.toLowerCase(), entry);
		}
	}
	return new Map([...byName.values()].map(({ name, values }) => [name, values.join(', ')]));
}

/** `text` with the value on 0-based line `line` (a header line) replaced, keeping its indentation and name. */
export function replaceHeaderValue(text: string, line: number, value: string): string {
	const lines = text.split('\n');
	const colon = lines[line].indexOf(':');
	lines[line] = `${lines[line].slice(0, colon + 1)} ${value}`;
	return lines.join('\n');
}
