/**
 * Joins soft line breaks between Chinese characters.
 *
 * Markdown turns a line break inside a paragraph into a space. Between two English words that space is
 * right; between two Chinese characters it is a visible gap in the middle of a word (「拼接的 顺序」), so a
 * hard-wrapped Chinese paragraph would read as if sprinkled with spaces. This plugin deletes the break when
 * the characters on both sides are CJK ideographs or CJK punctuation, and leaves every other break alone
 * (Chinese next to Latin text or math keeps its space, as Chinese typesetting expects).
 */
import type { Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';

/** Han ideographs, CJK symbols and punctuation, and full-width forms. */
const CJK = '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef';
const CJK_BREAK = new RegExp(`([${CJK}])[ \\t]*\\r?\\n[ \\t]*(?=[${CJK}])`, 'gu');

/** Removes soft line breaks between two CJK characters in a text value. */
export function joinCjkLines(value: string): string {
	return value.replace(CJK_BREAK, '$1');
}

export default function remarkCjkLineBreaks() {
	return (tree: Root): void => {
		visit(tree, 'text', (node: Text) => {
			if (node.value.includes('\n')) node.value = joinCjkLines(node.value);
		});
	};
}
