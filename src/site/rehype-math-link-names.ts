/**
 * rehype plugin (runs after rehype-katex): a link whose only content is math, such as
 * `[$\operatorname{diag}(f_t)$](#eq-cell-path)`, has no text outside KaTeX's MathML, which not every
 * assistive technology reads as a link name. Such links get an aria-label with the TeX source.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';

function classes(node: Element): string[] {
	const c = node.properties?.className as unknown;
	return Array.isArray(c) ? c.map(String) : typeof c === 'string' ? c.split(/\s+/) : [];
}

/** Text of a node outside KaTeX output, and the TeX sources of the KaTeX output inside it. */
function inspect(node: ElementContent, acc: { text: string; tex: string[] }): void {
	if (node.type === 'text') acc.text += node.value;
	if (node.type !== 'element') return;
	if (classes(node).includes('katex')) {
		const annotation = find(node, (n) => n.tagName === 'annotation');
		const tex = annotation?.children.map((c) => (c.type === 'text' ? c.value : '')).join('') ?? '';
		acc.tex.push(tex.trim());
		return;
	}
	for (const child of node.children) inspect(child, acc);
}

function find(node: Element, test: (n: Element) => boolean): Element | undefined {
	if (test(node)) return node;
	for (const child of node.children) {
		if (child.type === 'element') {
			const hit = find(child, test);
			if (hit) return hit;
		}
	}
	return undefined;
}

export default function rehypeMathLinkNames() {
	return function transformer(tree: Root): void {
		const visit = (node: Root | RootContent) => {
			if (node.type === 'element' && node.tagName === 'a' && !node.properties?.ariaLabel) {
				const acc = { text: '', tex: [] as string[] };
				for (const child of node.children) inspect(child, acc);
				if (acc.tex.length > 0 && acc.text.trim() === '') node.properties.ariaLabel = acc.tex.join(' ');
				return;
			}
			if ('children' in node) for (const child of node.children) visit(child);
		};
		visit(tree);
	};
}
