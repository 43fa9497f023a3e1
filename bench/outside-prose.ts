/**
 * English prose nobody on this project wrote, for the studio's "any few hundred kB of ordinary English prose"
 * bar: the license texts Debian ships in /usr/share/common-licenses (regular files only; GPL, LGPL and GFDL
 * there are links to versions already listed), joined in this order, read at bench time so none of them is
 * copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = '/usr/share/common-licenses';
export const PROSE_FILES = [
  'Apache-2.0', 'Artistic', 'BSD', 'CC0-1.0', 'GFDL-1.2', 'GFDL-1.3', 'GPL-1', 'GPL-2', 'GPL-3',
  'LGPL-2', 'LGPL-2.1', 'LGPL-3', 'MPL-1.1', 'MPL-2.0',
].map((f) => join(DIR, f));

/** The files' text joined by blank lines; throws naming the first missing file. */
export function outsideProse(): { text: string; files: string[] } {
  const missing = PROSE_FILES.find((f) => !existsSync(f));
  if (missing) throw new Error(`outsideProse: ${missing} not found (Debian's base-files package ships it)`);
  return { text: PROSE_FILES.map((f) => readFileSync(f, 'utf8').trim()).join('\n\n'), files: PROSE_FILES };
}
