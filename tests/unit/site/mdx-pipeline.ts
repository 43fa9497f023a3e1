/** Runs MDX source through the same remark/rehype plugins the site uses, without Astro. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import remarkRehype from 'remark-rehype';
import rehypeKatex from 'rehype-katex';
import rehypeStringify from 'rehype-stringify';
import { VFile } from 'vfile';
import type { Root } from 'mdast';
import remarkHeadingIds from '../../../src/site/remark-heading-ids.ts';
import remarkEquationLabels from '../../../src/site/remark-equation-labels.ts';
import remarkCjkLineBreaks from '../../../src/site/remark-cjk-line-breaks.ts';
import { katexOptions } from '../../../src/site/katex-options.ts';
import rehypeMathErrors from '../../../src/site/rehype-math-errors.ts';
import rehypeMathLinkNames from '../../../src/site/rehype-math-link-names.ts';

const MDX_NODES = ['mdxFlowExpression', 'mdxJsxFlowElement', 'mdxJsxTextElement', 'mdxTextExpression', 'mdxjsEsm'];

/** Parses and transforms `source` as `path` (default: an English .mdx chapter); returns the mdast. */
export async function toMdast(source: string, path = '/repo/content/en/04-math.mdx'): Promise<Root> {
	const processor = unified().use(remarkParse).use(remarkMdx).use(remarkMath).use(remarkHeadingIds).use(remarkEquationLabels).use(remarkCjkLineBreaks);
	const file = new VFile({ path, value: source });
	return (await processor.run(processor.parse(file), file)) as Root;
}

/** Full pipeline to HTML (MDX nodes dropped), as the site renders headings, math and equations. */
export async function toHtml(source: string, path = '/repo/content/en/04-math.mdx'): Promise<string> {
	const file = new VFile({ path, value: source });
	const processor = unified()
		.use(remarkParse)
		.use(remarkMdx)
		.use(remarkMath)
		.use(remarkHeadingIds)
		.use(remarkEquationLabels)
		.use(remarkCjkLineBreaks)
		.use(remarkRehype, { passThrough: [] , handlers: Object.fromEntries(MDX_NODES.map((n) => [n, () => undefined])) })
		.use(rehypeKatex, katexOptions)
		.use(rehypeMathErrors)
		.use(rehypeMathLinkNames)
		.use(rehypeStringify);
	return String(await processor.process(file));
}
