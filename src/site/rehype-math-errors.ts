/**
 * rehype plugin (runs after rehype-katex): rehype-katex reports TeX it cannot parse as a warning
 * and renders it in red; this turns those warnings into a build failure that quotes KaTeX's reason.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';
import { ContentError } from './anchors.ts';

export default function rehypeMathErrors() {
	return function transformer(_tree: Root, file: VFile): void {
		const problems = file.messages.filter((m) => m.source === 'rehype-katex');
		if (problems.length === 0) return;
		const lines = problems.map((m) => {
			const cause = m.cause instanceof Error ? m.cause.message : String(m.cause ?? m.reason);
			return `${file.path || '<input>'}:${m.line ?? '?'}: ${cause}`;
		});
		throw new ContentError(`KaTeX could not render ${problems.length} formula(s); fix the TeX:\n${lines.join('\n')}`);
	};
}
