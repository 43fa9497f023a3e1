/**
 * Server-side KaTeX rendering for the <Tex> component and exercise text. DOM-free: runs in Node at
 * build time, so pages show typeset math without any client JavaScript.
 */
import katex from 'katex';
import { katexOptions } from './katex-options.ts';

/** Renders TeX `expr` to HTML (+ MathML for screen readers). Throws a message naming the TeX on error. */
export function renderTex(expr: string, displayMode = false): string {
	try {
		return katex.renderToString(expr, { ...katexOptions, displayMode });
	} catch (error) {
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`KaTeX could not render ${JSON.stringify(expr)}: ${reason}`);
	}
}
