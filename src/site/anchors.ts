/**
 * Bookkeeping shared by the remark plugins that give elements explicit ids (headings, equations):
 * every id on a page must be unique and well formed, and misuse fails the build with a message
 * that says which file, which line and what to change.
 */
import type { Node } from 'unist';
import type { VFile } from 'vfile';

/** Ids are lowercase ASCII words joined by single hyphens: `forget-gate`, `eq-cell-state`. */
export const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Equation labels additionally start with `eq-`. */
export const EQUATION_LABEL_PATTERN = /^eq-[a-z0-9]+(?:-[a-z0-9]+)*$/;

const KEY = 'cellStateIds';

/** Thrown for content mistakes; Astro prints the message with the file name. */
export class ContentError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ContentError';
	}
}

function where(file: VFile, node: Node | undefined): string {
	const line = node?.position?.start.line;
	return `${file.path || '<input>'}${line ? `:${line}` : ''}`;
}

/** Fails the build with `message`, pointing at `node` in `file`. */
export function fail(file: VFile, node: Node | undefined, message: string): never {
	throw new ContentError(`${where(file, node)}: ${message}`);
}

/**
 * Records `id` as used on this page; fails if another element on the page already has it.
 * `what` describes the element for the message ("heading", "equation").
 */
export function claimId(file: VFile, node: Node, id: string, what: string): void {
	const seen = ((file.data as Record<string, unknown>)[KEY] ??= new Map<string, string>()) as Map<
		string,
		string
	>;
	const previous = seen.get(id);
	if (previous !== undefined) {
		fail(
			file,
			node,
			`the id "${id}" of this ${what} is already used by the ${previous} on this page. ` +
				'Ids must be unique within a page: choose another id.',
		);
	}
	seen.set(id, `${what} at line ${node.position?.start.line ?? '?'}`);
}
