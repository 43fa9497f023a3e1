/**
 * The book's own text as a training corpus: an MDX chapter → readable prose, at build time.
 *
 * The chapter is parsed as MDX (with math), and only what a reader reads as prose is kept: headings,
 * paragraphs, list items and quotations, one per paragraph (separated by a blank line). Frontmatter, imports,
 * components (widgets, exercises, <Tex> numbers), code listings, display equations, tables and HTML are left
 * out; inline math keeps its TeX ($f_t$ → f_t), inline code and links keep their text, emphasis marks go.
 * A line break between two Chinese characters is joined without a space, as the site renders it.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkMath from 'remark-math';
import type { Root, RootContent, PhrasingContent } from 'mdast';
import { joinCjkLines } from '../../site/remark-cjk-line-breaks.ts';

const parser = unified().use(remarkParse).use(remarkMdx).use(remarkMath);

/** One MDX chapter → its prose, paragraphs separated by a blank line. */
export function chapterText(mdx: string): string {
  const source = mdx.replace(/\r\n?/g, '\n').replace(/^---\n[\s\S]*?\n---\n/, '');
  const tree = parser.parse(source) as Root;
  const paragraphs: string[] = [];
  collect(tree.children, paragraphs);
  return paragraphs.join('\n\n');
}

/** Several chapters (in reading order) → one corpus, chapters separated by a blank line, ending with '\n'. */
export function bookText(chapters: readonly string[]): string {
  return chapters.map(chapterText).filter((t) => t.length > 0).join('\n\n') + '\n';
}

function collect(nodes: readonly RootContent[], out: string[]): void {
  let afterEquation = false;
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
      case 'paragraph': {
        const text = tidy(node.children.map(inline).join(''));
        if (!text || text.startsWith('|')) break; // a GFM table reads as a paragraph of pipes
        const last = out.length - 1;
        // A sentence that runs on after a display equation ("… decides what to keep, $$…$$ the input gate …")
        // stays one paragraph.
        if (afterEquation && node.type === 'paragraph' && last >= 0 && !/[.!?:。！？：]$/u.test(out[last])) {
          out[last] += (/[\p{Script=Han}，、]$/u.test(out[last]) ? '' : ' ') + text;
        } else out.push(text);
        break;
      }
      case 'list':
      case 'listItem':
      case 'blockquote':
        collect(node.children as RootContent[], out);
        break;
      default: // code, math, html, tables, thematic breaks, MDX components, imports and expressions
        break;
    }
    if (node.type === 'math') afterEquation = true;
    else if (node.type !== 'mdxFlowExpression') afterEquation = false;
  }
}

function inline(node: PhrasingContent): string {
  switch (node.type) {
    case 'text':
      return node.value;
    case 'inlineCode':
    case 'inlineMath':
      return node.value;
    case 'break':
      return '\n';
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'link':
    case 'linkReference':
      return node.children.map(inline).join('');
    default: // images, footnotes, HTML, MDX components (<Tex>) and {expressions}
      return '';
  }
}

/** Soft line breaks → a space (none between Chinese characters); no doubled spaces; no space before punctuation. */
function tidy(text: string): string {
  return joinCjkLines(text)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ ([.,;:!?)，。；：！？）])/g, '$1')
    .replace(/\( /g, '(')
    .trim();
}
