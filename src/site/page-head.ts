/**
 * The `<head>` of a page, from the one Starlight computes (components/starlight/Head.astro renders it):
 *
 * - the home page's title is the site's name once, not "Cell State | Cell State";
 * - `og:locale` as Open Graph spells it (`en_US`, `zh_CN`), with `og:locale:alternate` for the other edition;
 * - a social card (`og:image`, `twitter:card`);
 * - `hreflang` alternates only to pages that exist, plus `x-default` (the English edition);
 * - on a page with math, KaTeX's stylesheet and a preload of the fonts nearly every formula uses;
 *   on a page without, neither.
 */

/** One element of the head, as Starlight's route data holds it. */
export interface HeadEntry {
	tag: string;
	attrs?: Record<string, string | boolean | undefined>;
	content?: string;
}

export interface PageHeadOptions {
	siteTitle: string;
	/** The page's BCP 47 language, as in `<html lang>`: "en" or "zh-CN". */
	lang: string;
	/** Every BCP 47 language the site is written in, the default first (its page is `x-default`). */
	langs: readonly string[];
	/** Whether a same-origin path such as `/zh-cn/04-math/` is a page of the site. */
	pageExists: (pathname: string) => boolean;
	/** Absolute URL of the social card image, with its size in pixels and a text alternative. */
	socialImage?: { url: string; width: number; height: number; alt: string };
	/** KaTeX's stylesheet and the fonts to preload, for a page with math; undefined for one without. */
	katex?: { stylesheet: string; fonts: readonly string[] };
}

/** Open Graph writes locales as language_TERRITORY (https://ogp.me/#optional). */
const OG_LOCALES: Record<string, string> = { en: 'en_US', 'zh-CN': 'zh_CN' };

/** `og:locale` of a BCP 47 language: "en" → "en_US", "zh-CN" → "zh_CN". Throws, naming it, for another. */
export function ogLocale(lang: string): string {
	const locale = OG_LOCALES[lang];
	if (!locale) throw new Error(`og:locale: no Open Graph locale for the language "${lang}"; add it to OG_LOCALES`);
	return locale;
}

const isAlternate = (entry: HeadEntry) => entry.tag === 'link' && entry.attrs?.rel === 'alternate' && !!entry.attrs.hreflang;
const isMeta = (entry: HeadEntry, property: string) => entry.tag === 'meta' && entry.attrs?.property === property;

/** The page's head with the changes above; `head` itself is left as it was. */
export function pageHead(head: readonly HeadEntry[], options: PageHeadOptions): HeadEntry[] {
	const { siteTitle, lang, langs, pageExists, socialImage, katex } = options;
	const out: HeadEntry[] = [];
	const alternates: HeadEntry[] = [];
	for (const entry of head) {
		if (entry.tag === 'title' && entry.content) {
			// Starlight writes "<page> | <site>"; a page titled as the site is the home page.
			const pageTitle = entry.content.split(' | ')[0];
			out.push({ ...entry, content: pageTitle === siteTitle ? siteTitle : entry.content });
		} else if (isMeta(entry, 'og:locale')) {
			out.push({ tag: 'meta', attrs: { property: 'og:locale', content: ogLocale(lang) } });
			for (const other of langs) {
				if (other !== lang) out.push({ tag: 'meta', attrs: { property: 'og:locale:alternate', content: ogLocale(other) } });
			}
		} else if (isAlternate(entry)) {
			const href = String(entry.attrs!.href);
			if (pageExists(new URL(href).pathname)) alternates.push(entry);
		} else if (entry.tag === 'meta' && entry.attrs?.name === 'twitter:card') {
			out.push({ tag: 'meta', attrs: { name: 'twitter:card', content: socialImage ? 'summary_large_image' : 'summary' } });
		} else {
			out.push(entry);
		}
	}
	// x-default: where a reader whose language is neither edition's goes; only among pages that exist.
	const fallback = alternates.find((entry) => entry.attrs?.hreflang === langs[0]);
	if (alternates.length > 0) out.push(...alternates);
	if (fallback) out.push({ tag: 'link', attrs: { rel: 'alternate', hreflang: 'x-default', href: fallback.attrs!.href } });
	if (socialImage) {
		out.push(
			{ tag: 'meta', attrs: { property: 'og:image', content: socialImage.url } },
			{ tag: 'meta', attrs: { property: 'og:image:width', content: String(socialImage.width) } },
			{ tag: 'meta', attrs: { property: 'og:image:height', content: String(socialImage.height) } },
			{ tag: 'meta', attrs: { property: 'og:image:alt', content: socialImage.alt } },
			{ tag: 'meta', attrs: { name: 'twitter:image', content: socialImage.url } },
		);
	}
	if (katex) {
		// Preloads before the stylesheet, so the fonts are fetched while the CSS is still on its way.
		for (const font of katex.fonts) {
			out.push({ tag: 'link', attrs: { rel: 'preload', href: font, as: 'font', type: 'font/woff2', crossorigin: 'anonymous' } });
		}
		out.push({ tag: 'link', attrs: { rel: 'stylesheet', href: katex.stylesheet } });
	}
	return out;
}

/** Whether a page's source (its Markdown body and frontmatter) writes any math: `$…$`, `$$…$$` or a formula component. */
export function sourceHasMath(source: string): boolean {
	return /(^|[^\\])\$|<(Tex|EquationView|CellExplorer)\b/.test(source);
}
