/**
 * KaTeX settings shared by Markdown math (rehype-katex), <Tex> and exercise text, so all math on
 * the site renders the same way. Errors fail the build instead of showing red TeX to readers.
 */
import type { KatexOptions } from 'katex';

export const katexOptions: KatexOptions = {
	throwOnError: true,
	strict: 'warn',
	output: 'htmlAndMathml',
	trust: false,
};
