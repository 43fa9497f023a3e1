/**
 * The built-in corpora's text, at build time (Node): the endpoint src/pages/corpora/[id].txt.ts serves it,
 * and the benchmark and the checkpoint script train on exactly the same text.
 *
 *   en-book    the English chapters (content/en), in reading order, as prose (book-text.ts)
 *   zh-book    the Chinese chapters (content/zh-cn), likewise
 *   zh-poetry  Tang poems from the chinese-poetry package, simplified (zh-poetry.txt, by scripts/extract-poetry.ts),
 *              without the file's attribution lines
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sidebarSlugs } from '../../site/sidebar.ts';
import type { CorpusInfo } from '../corpus.ts';
import { bookText } from './book-text.ts';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** The committed poetry corpus. */
export const POETRY_FILE = join(ROOT, 'src/studio/build/zh-poetry.txt');

export function corpusText(id: CorpusInfo['id']): string {
  switch (id) {
    case 'en-book':
    case 'zh-book': {
      const dir = join(ROOT, 'content', id === 'en-book' ? 'en' : 'zh-cn');
      return bookText(sidebarSlugs(dir).map((slug) => readFileSync(join(dir, `${slug}.mdx`), 'utf8')));
    }
    case 'zh-poetry':
      // The file's first lines ('# …') credit the source and its license (README, Studio, says the same);
      // the corpus is the poems alone, so a model does not learn to write English attribution.
      return readFileSync(POETRY_FILE, 'utf8').replace(/^(#.*\n)+\n*/, '');
    default:
      throw new Error(`corpusText: id expected en-book, zh-book or zh-poetry, got ${JSON.stringify(id)}`);
  }
}
