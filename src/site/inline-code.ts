/**
 * The inline code of a built HTML page, which a Content-Security-Policy must allow by hash: the text of every
 * `<script>` without `src` and of every `<style>`. Also finds what no hash can allow (event-handler attributes,
 * `javascript:` URLs), so the build can refuse it, and puts the page's policy into its `<head>`.
 *
 * Astro writes the HTML, so a tokenizer for its output is enough: comments are skipped, attribute values may
 * hold `>` inside quotes, and a script's text runs to the first `</script` as in the browser.
 */

export interface InlineCode {
	/** Text of each inline `<script>` that the browser would run (not JSON or other data blocks). */
	scripts: string[];
	/** Text of each `<style>` element. */
	styles: string[];
	/** Markup that a policy without 'unsafe-inline' blocks and no hash can allow, e.g. `onclick="…"`. */
	unhashable: string[];
}

const ATTRIBUTES = String.raw`(?:[^>"']|"[^"]*"|'[^']*')*`;
const ELEMENT = new RegExp(String.raw`<!--[\s\S]*?-->|<(script|style)(?=[\s>/])(${ATTRIBUTES})>([\s\S]*?)</\1\s*>|<[a-zA-Z][\w:-]*\b(${ATTRIBUTES})>`, 'gi');
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
/** Attributes holding a URL that a `javascript:` value would run. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
/** `type` values of scripts the browser runs; other types are data blocks, which CSP does not check. */
const RUNNABLE_TYPES = /^(|module|importmap|speculationrules|(?:text|application)\/(?:x-)?(?:javascript|ecmascript)|text\/jscript)$/i;

/** Name (lower case) → value of each attribute in a start tag's attribute text. */
function parseAttributes(text: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const [, name, double, single, bare] of text.matchAll(ATTRIBUTE)) {
		attributes.set(name.toLowerCase(), double ?? single ?? bare ?? '');
	}
	return attributes;
}

/** The inline code of one HTML document. */
export function inlineCode(html: string): InlineCode {
	const found: InlineCode = { scripts: [], styles: [], unhashable: [] };
	for (const match of html.matchAll(ELEMENT)) {
		const [whole, element, elementAttributes, text, otherAttributes] = match;
		if (whole.startsWith('<!--')) continue;
		const attributes = parseAttributes(elementAttributes ?? otherAttributes ?? '');
		for (const [name, value] of attributes) {
			if (name.startsWith('on')) found.unhashable.push(`${name}="${value}"`);
			else if (URL_ATTRIBUTES.has(name) && /^\s*javascript:/i.test(value)) found.unhashable.push(`${name}="${value}"`);
		}
		if (!element) continue;
		if (element.toLowerCase() === 'style') {
			found.styles.push(text);
		} else if (!attributes.has('src') && text !== '' && RUNNABLE_TYPES.test((attributes.get('type') ?? '').trim())) {
			found.scripts.push(text);
		}
	}
	return found;
}

/**
 * `html` with `<meta http-equiv="content-security-policy">` first in its head (after `<meta charset>`),
 * so the policy covers every element after it. A document without `<head>` (Astro's redirect pages) gets
 * it after the doctype, where the parser opens the head implicitly.
 */
export function insertPolicyMeta(html: string, policy: string): string {
	if (/<meta\s+http-equiv=["']?content-security-policy/i.test(html)) {
		throw new Error('the page already has a Content-Security-Policy <meta>; the build writes it, remove the other one');
	}
	const meta = `<meta http-equiv="content-security-policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
	const anchor = /<meta\s+charset=[^>]*>/i.exec(html) ?? /<head\b[^>]*>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
	if (!anchor) return meta + html;
	const at = anchor.index + anchor[0].length;
	return html.slice(0, at) + meta + html.slice(at);
}
