/**
 * remark plugin (runs after remark-math): labelled display equations.
 *
 *   $$
 *   f_t = \sigma(W_f \cdot [h_{t-1}, x_t] + b_f) \label{eq-forget-gate}
 *   $$
 *
 * becomes
 *
 *   <div class="equation" id="eq-forget-gate">
 *     …KaTeX display math…
 *     <a class="equation-anchor" href="#eq-forget-gate" aria-label="Link to this equation">#</a>
 *   </div>
 *
 * so prose, exercises and widgets can link to `../04-math/#eq-forget-gate`. KaTeX itself does not
 * support `\label`, so the label is removed from the TeX before rendering.
 */
import type { Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { claimId, EQUATION_LABEL_PATTERN, fail } from './anchors.ts';
import { langFromPath, t } from './i18n.ts';

/** `\label{...}` with whatever is inside the braces (checked separately). */
const LABEL = /\\label\s*\{([^}]*)\}/g;
/** Any `\label` at all, to catch forms the pattern above does not accept. */
const ANY_LABEL = /\\label(?![a-zA-Z])/g;

type Parent = { children: RootContent[] };
type MathNode = Extract<RootContent, { type: 'math' | 'inlineMath' }>;

export interface ExtractedLabel {
	/** The TeX with the label removed. */
	tex: string;
	/** The label, or undefined when the TeX had none. */
	label: string | undefined;
}

/**
 * Splits the label off one piece of display TeX. Returns an error message (a string) for misuse:
 * a malformed `\label`, a label not of the form `eq-…`, or more than one label.
 */
export function extractLabel(tex: string): ExtractedLabel | string {
	const all = tex.match(ANY_LABEL)?.length ?? 0;
	const matches = [...tex.matchAll(LABEL)];
	if (all !== matches.length) {
		return 'malformed \\label: write it as \\label{eq-some-name} inside the $$ block.';
	}
	if (matches.length > 1) {
		return `an equation may carry only one \\label, found ${matches.length} (${matches.map((m) => m[1]).join(', ')}).`;
	}
	if (matches.length === 0) return { tex, label: undefined };
	const label = matches[0][1].trim();
	if (!EQUATION_LABEL_PATTERN.test(label)) {
		return (
			`the equation label "${label}" is malformed. Labels start with "eq-" and use lowercase letters, ` +
			'digits and single hyphens, e.g. \\label{eq-forget-gate}.'
		);
	}
	const stripped = tex.replace(LABEL, '').replace(/[ \t]+$/gm, '').replace(/\s+$/, '');
	return { tex: stripped, label };
}

/** Keeps the hast text that remark-math prepared for rehype-katex in step with `node.value`. */
function setMathValue(node: MathNode, tex: string): void {
	node.value = tex;
	const data = node.data as { hChildren?: Array<{ type: string; value?: string; children?: unknown[] }> } | undefined;
	const first = data?.hChildren?.[0];
	if (!first) return;
	if (first.type === 'text') first.value = tex;
	else if (first.type === 'element') first.children = [{ type: 'text', value: tex }];
}

export default function remarkEquationLabels() {
	return function transformer(tree: Root, file: VFile): void {
		const lang = langFromPath(file.path);
		const walk = (parent: Parent) => {
			parent.children.forEach((node, index) => {
				if (node.type === 'inlineMath') {
					if (/\\label(?![a-zA-Z])/.test(node.value)) {
						fail(file, node, 'a \\label is only allowed in display math ($$ on their own lines), not in inline $…$.');
					}
					return;
				}
				if (node.type === 'math') {
					const result = extractLabel(node.value);
					if (typeof result === 'string') fail(file, node, result);
					if (!result.label) return;
					claimId(file, node, result.label, 'equation');
					setMathValue(node, result.tex);
					const anchor = {
						type: 'link',
						url: `#${result.label}`,
						data: { hProperties: { className: ['equation-anchor'], ariaLabel: t(lang, 'equationAnchor') } },
						children: [{ type: 'text', value: '#' }],
					};
					const wrapper = {
						type: 'equationBlock',
						data: { hName: 'div', hProperties: { className: ['equation'], id: result.label } },
						children: [node, anchor],
					};
					parent.children[index] = wrapper as unknown as RootContent;
					return;
				}
				if ('children' in node) walk(node as Parent);
			});
		};
		walk(tree);
	};
}
