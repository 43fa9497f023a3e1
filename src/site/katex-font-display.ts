/**
 * Vite plugin: KaTeX's stylesheet declares its fonts with `font-display: block`, which hides a formula's text
 * for up to 3 s while a font loads. `swap` shows it at once in a fallback face and swaps the glyphs in when the
 * font arrives; the fonts a page needs first are preloaded (see page-head.ts), so the swap comes early.
 */
import type { Plugin } from 'vite';

// The stylesheet itself; not its `?url` import, which Vite answers with a module that only names the file.
const KATEX_CSS = /[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css(\?(?!url\b)|$)/;

export function katexFontDisplay(display: 'swap' | 'optional' | 'fallback' = 'swap'): Plugin {
	return {
		name: 'cell-state:katex-font-display',
		enforce: 'pre',
		transform(code, id) {
			if (!KATEX_CSS.test(id)) return;
			const out = code.replace(/font-display:\s*block/g, `font-display:${display}`);
			if (out === code) this.warn(`${id}: no "font-display: block" found to replace; check KaTeX's stylesheet`);
			return { code: out, map: null };
		},
	};
}
