/**
 * The sequence stepper's character model reads the book's own English chapters. This module turns an MDX
 * chapter into plain prose: frontmatter, imports, components, math, code and Markdown marks go, typographic
 * punctuation becomes ASCII, whitespace collapses to single spaces. DOM-free; used by
 * scripts/train-stepper-model.ts and by the widget to clean a reader's text the same way.
 */

/** Typographic characters mapped to the ASCII the model knows. */
const ASCII_FOR: Record<string, string> = {
	'\u2018': "'", '\u2019': "'", '\u201C': '"', '\u201D': '"',
	'\u2013': '-', '\u2014': '-', '\u2212': '-', '\u2026': '...', '\u00A0': ' ', '\u202F': ' ',
	'\u00D7': 'x', '\u00B7': '.',
};

/** Replaces typographic punctuation with ASCII and drops every other character outside printable ASCII. */
export function toPlainAscii(text: string): string {
	let out = '';
	for (const ch of text) {
		const mapped = ASCII_FOR[ch] ?? ch;
		for (const c of mapped) {
			const code = c.codePointAt(0)!;
			if (c === '\n' || c === '\t') out += ' ';
			else if (code >= 0x20 && code <= 0x7e) out += c;
		}
	}
	return out;
}

/** An MDX chapter → the prose a reader reads, as one line of ASCII text. */
export function chapterProse(mdx: string): string {
	let s = mdx.replace(/\r\n?/g, '\n');
	s = s.replace(/^---\n[\s\S]*?\n---\n/, ''); // frontmatter
	s = s.replace(/```[\s\S]*?```/g, ' '); // code fences
	s = s.replace(/\$\$[\s\S]*?\$\$/g, ' '); // display math
	s = s.replace(/\$[^$\n]+\$/g, ' '); // inline math
	s = s.replace(/\{\/\*[\s\S]*?\*\/\}/g, ''); // MDX comments (heading ids, widget markers)
	s = s.replace(/^(import|export) .*$/gm, ''); // module lines
	s = s.replace(/^\|.*$/gm, ''); // table rows
	s = s.replace(/<[A-Za-z][^<>]*?\/>/g, ' '); // self-closing components
	s = s.replace(/<\/?[A-Za-z][^<>]*>/g, ' '); // other tags
	s = s.replace(/\{[^{}]*\}/g, ' '); // leftover expressions
	s = s.replace(/!\[[^\]]*\]\([^)]*\)/g, ' '); // images
	s = s.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1'); // links keep their text
	s = s.replace(/`([^`]*)`/g, '$1'); // inline code keeps its text
	s = s.replace(/^\s*#+\s*/gm, ''); // heading marks
	s = s.replace(/^\s*>\s?/gm, ''); // block quotes
	s = s.replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, ''); // list markers
	s = s.replace(/\*\*|__|\*|~~/g, ''); // emphasis
	s = toPlainAscii(s);
	return s.replace(/\s+/g, ' ').replace(/\s+([.,;:!?)])/g, '$1').trim();
}
