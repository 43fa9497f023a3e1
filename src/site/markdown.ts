/**
 * A small Markdown renderer for text that lives outside MDX bodies (exercise prompts, hints and
 * answers in frontmatter). Same math pipeline as the chapters: remark-math + rehype-katex at build time.
 */
import { createMarkdownProcessor, type MarkdownProcessor } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import { katexOptions } from './katex-options.ts';
import rehypeMathErrors from './rehype-math-errors.ts';
import remarkCjkLineBreaks from './remark-cjk-line-breaks.ts';

let processor: Promise<MarkdownProcessor> | undefined;

function getProcessor(): Promise<MarkdownProcessor> {
	processor ??= createMarkdownProcessor({
		syntaxHighlight: false,
		remarkPlugins: [remarkMath, remarkCjkLineBreaks],
		rehypePlugins: [[rehypeKatex, katexOptions], rehypeMathErrors],
	});
	return processor;
}

/** Renders a Markdown block (paragraphs, lists, math) to HTML. */
export async function renderMarkdown(source: string): Promise<string> {
	const { code } = await (await getProcessor()).render(source);
	return code;
}

/** Renders a single line of Markdown without the surrounding <p>, for labels such as choice options. */
export async function renderInlineMarkdown(source: string): Promise<string> {
	const html = (await renderMarkdown(source)).trim();
	const single = /^<p>([\s\S]*)<\/p>$/.exec(html);
	return single && !single[1].includes('<p>') ? single[1] : html;
}
