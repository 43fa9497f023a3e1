/**
 * Vite plugin: Starlight's two tables of contents (TableOfContents.astro and MobileTableOfContents.astro) import
 * their element from `./TableOfContents/starlight-toc`; this serves ./starlight-toc.ts, the same element with a
 * cheaper way of finding what it watches, in its place. tests/e2e/table-of-contents.spec.ts checks that the
 * built pages run this one.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const OURS = fileURLToPath(new URL('./starlight-toc.ts', import.meta.url));
const STARLIGHT_COMPONENT = /[\\/]@astrojs[\\/]starlight[\\/]components[\\/](Mobile)?TableOfContents\.astro/;

export function fastTableOfContents(): Plugin {
  return {
    name: 'cell-state:fast-table-of-contents',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer || !STARLIGHT_COMPONENT.test(importer) || !/(^|\/)TableOfContents\/starlight-toc(\.ts)?$/.test(source)) return;
      return OURS;
    },
  };
}
