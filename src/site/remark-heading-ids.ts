/**
 * remark plugin: explicit heading ids written as a trailing MDX comment.
 *
 *   ## 4.1 Forget gate {/* #forget-gate *\/}   →   <h2 id="forget-gate">4.1 Forget gate</h2>
 *
 * The comment is removed and the id is set through `data.hProperties`, which Astro's heading-id
 * step keeps (it only invents an id when none is set), so the table of contents links to it too.
 * Both languages use the same ids, which keeps links stable across translations.
 */
import type { Heading, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { claimId, fail, ID_PATTERN } from './anchors.ts';

export interface HeadingIdOptions {
	/** Heading depths that must carry an explicit id in MDX files (default: 2 and 3). */
	requireDepths?: number[];
}

/** Matches the text of an MDX expression that is only a comment naming an id: `/* #forget-gate *\/`. */
const ID_COMMENT = /^\s*\/\*\s*#(\S*)\s*\*\/\s*$/;

type Parent = { children: RootContent[] };

/** An MDX `{...}` expression inside text (typed loosely so the plugin needs no MDX type package). */
interface MdxTextExpression {
	type: 'mdxTextExpression';
	value: string;
}

function isMdxExpression(node: unknown): node is MdxTextExpression {
	return (node as { type?: string })?.type === 'mdxTextExpression';
}

function isMdxFile(file: VFile): boolean {
	return (file.path ?? file.history[0] ?? '').endsWith('.mdx');
}

function plainText(node: RootContent | Heading): string {
	if (isMdxExpression(node)) return '';
	if ('value' in node && typeof node.value === 'string') return node.value;
	if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
	return '';
}

/** Processes one heading: returns the id it names, or undefined when it has none. */
export function takeHeadingId(heading: Heading, file: VFile): string | undefined {
	const children = heading.children as RootContent[];
	const last: unknown = children[children.length - 1];
	if (!isMdxExpression(last)) return undefined;
	const match = ID_COMMENT.exec(last.value);
	if (!match) return undefined;
	const id = match[1];
	if (!ID_PATTERN.test(id)) {
		fail(
			file,
			heading,
			`the heading id "#${id}" is malformed. Use lowercase letters, digits and single hyphens, ` +
				'e.g. {/* #forget-gate */}.',
		);
	}
	children.pop();
	// Drop the space that separated the title from the comment.
	const before = children[children.length - 1];
	if (before && before.type === 'text') {
		before.value = before.value.replace(/\s+$/, '');
		if (before.value === '') children.pop();
	}
	return id;
}

export default function remarkHeadingIds(options: HeadingIdOptions = {}) {
	const required = new Set(options.requireDepths ?? [2, 3]);
	return function transformer(tree: Root, file: VFile): void {
		const mdx = isMdxFile(file);
		const walk = (parent: Parent) => {
			for (const node of parent.children) {
				if (node.type === 'heading') {
					const id = takeHeadingId(node, file);
					if (id) {
						claimId(file, node, id, 'heading');
						node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
					} else if (mdx && required.has(node.depth)) {
						fail(
							file,
							node,
							`the heading "${plainText(node).trim()}" has no id. End every level-${[...required].join('/')} ` +
								'heading with an id comment, e.g. "## 4.1 Forget gate {/* #forget-gate */}", using the same id in both languages.',
						);
					}
				} else if ('children' in node) {
					walk(node as Parent);
				}
			}
		};
		walk(tree);
	};
}
