/**
 * Extracts the studio's classical Chinese poetry corpus (src/studio/build/zh-poetry.txt) from the MIT-licensed
 * chinese-poetry package, which is not a dependency of the site: install it, and OpenCC's converter, in a
 * scratch folder and point this script there.
 *
 *   mkdir -p /tmp/poetry && (cd /tmp/poetry && npm install --no-save chinese-poetry@2.0.1 opencc-js@1.4.2)
 *   node --import tsx scripts/extract-poetry.ts /tmp/poetry/node_modules
 *
 * What it keeps: Tang poems in regular lines, first the 300 Tang Poems (唐诗三百首), then the Complete Tang
 * Poems (全唐诗) in the package's order, until the file reaches MAX_BYTES. The package stores Tang poems in
 * traditional characters; they are converted to simplified (OpenCC, Taiwan → mainland) to match the site's
 * Chinese. A poem is kept only if every line is Han characters with Chinese punctuation (no editorial
 * notes, no missing-character marks). One poem per paragraph: a line "title · author", then its lines, then
 * a blank line. The same package versions always give the same file.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { POETRY_FILE } from '../src/studio/build/corpus-text.ts';

/** Size limit of the committed corpus (UTF-8 bytes). */
const MAX_BYTES = 300_000;
const modules = process.argv[2] ?? '/tmp/poetry/node_modules';
const packageDir = join(modules, 'chinese-poetry');
const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version as string;
const OpenCC = await import(pathToFileURL(join(modules, 'opencc-js/dist/esm/full.js')).href);
const toSimplified: (s: string) => string = OpenCC.Converter({ from: 'tw', to: 'cn' });

interface Poem {
  title: string;
  author: string;
  paragraphs: string[];
}

/** A regular line of verse: Han characters separated by Chinese punctuation, nothing else. */
const VERSE = /^[\p{Script=Han}，。？！；：、]+$/u;

const dir = join(packageDir, 'dist/quantangshi');
const complete = readdirSync(dir)
  .filter((f) => /^poet\.tang\.\d+\.json$/.test(f))
  .sort((a, b) => Number(a.split('.')[2]) - Number(b.split('.')[2]));
const sources = ['唐诗三百首.json', ...complete];

const header =
  `# 唐诗 Tang poems, from the chinese-poetry package ${version} (https://github.com/chinese-poetry/chinese-poetry),\n` +
  `# MIT License, Copyright (c) 2016 JackeyGao. Converted to simplified characters with OpenCC.\n` +
  `# Extracted by scripts/extract-poetry.ts for the Cell State studio: one poem per paragraph.\n\n`;
let out = header;
let bytes = Buffer.byteLength(header);
let poems = 0;
const seen = new Set<string>();
done: for (const file of sources) {
  const list = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Poem[];
  for (const poem of list) {
    const lines = poem.paragraphs.map((p) => toSimplified(p.trim())).filter((p) => p.length > 0);
    if (lines.length === 0 || !lines.every((l) => VERSE.test(l))) continue;
    const title = toSimplified(poem.title.trim());
    const author = toSimplified(poem.author.trim());
    const key = lines.join('');
    if (seen.has(key) || !title || !author) continue; // the 300 poems reappear in the complete collection
    seen.add(key);
    const block = `${title} · ${author}\n${lines.join('\n')}\n\n`;
    const size = Buffer.byteLength(block);
    if (bytes + size > MAX_BYTES) break done;
    out += block;
    bytes += size;
    poems++;
  }
}
writeFileSync(POETRY_FILE, out);
console.log(`wrote ${POETRY_FILE}: ${poems} poems, ${[...out].length} characters, ${bytes} bytes, ${new Set(out).size} distinct characters`);
