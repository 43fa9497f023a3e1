// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkHeadingIds from './src/site/remark-heading-ids.ts';
import remarkEquationLabels from './src/site/remark-equation-labels.ts';
import remarkCjkLineBreaks from './src/site/remark-cjk-line-breaks.ts';
import rehypeMathErrors from './src/site/rehype-math-errors.ts';
import rehypeMathLinkNames from './src/site/rehype-math-link-names.ts';
import { katexOptions } from './src/site/katex-options.ts';
import { sidebarSlugs } from './src/site/sidebar.ts';
import { repositoryUrl } from './src/site/repository.ts';
import { siteUrl } from './src/site/site-url.ts';
import { contentSecurityPolicy } from './src/site/csp-build.ts';
import { serviceWorker } from './src/offline/service-worker-build.ts';
import { katexFontDisplay } from './src/site/katex-font-display.ts';
import { fastTableOfContents } from './src/site/toc/toc-module.ts';

// https://astro.build/config
export default defineConfig({
	// Canonical links, hreflang, og:url and the sitemap: SITE_URL at build time (default: where `npm start` serves).
	site: siteUrl(process.env.SITE_URL),
	// The chapters are read in either language; '/' sends readers to the English edition.
	redirects: { '/': '/en/' },
	markdown: {
		// Order matters: remark-math creates the math nodes that the equation-label plugin wraps.
		remarkPlugins: [remarkMath, remarkHeadingIds, remarkEquationLabels, remarkCjkLineBreaks],
		rehypePlugins: [[rehypeKatex, katexOptions], rehypeMathErrors, rehypeMathLinkNames],
	},
	integrations: [
		starlight({
			title: 'Cell State',
			description: 'An interactive textbook on LSTM networks for text generation.',
			// The source repository (one setting: CELL_STATE_REPOSITORY, see src/site/repository.ts).
			social: [{ icon: 'github', label: 'Source code', href: repositoryUrl() }],
			defaultLocale: 'en',
			locales: {
				en: { label: 'English', lang: 'en' },
				'zh-cn': { label: '简体中文', lang: 'zh-CN' },
			},
			// Chapters live in ./content (see src/content.config.ts); let Starlight's own Markdown
			// additions (heading anchor links) process them there.
			markdown: { processedDirs: ['./content'] },
			// Installable and offline (src/offline/): the web app manifest, the browser bar's colour in light
			// and dark mode, and the module that registers the service worker (written after the build).
			head: [
				{ tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' } },
				{ tag: 'meta', attrs: { name: 'theme-color', content: '#ffffff', media: '(prefers-color-scheme: light)' } },
				{ tag: 'meta', attrs: { name: 'theme-color', content: '#17181c', media: '(prefers-color-scheme: dark)' } },
				{ tag: 'script', attrs: { type: 'module', src: '/offline.js' } },
			],
			// KaTeX's stylesheet is not here: only pages with math link it (components/starlight/Head.astro).
			// Print comes last: on paper it overrides the wide and presenter layouts.
			customCss: [
				'./src/site/styles/site.css',
				'./src/site/styles/wide.css',
				'./src/site/styles/presenter.css',
				'./src/site/styles/steady-page.css',
				'./src/site/styles/print.css',
			],
			components: {
				Head: './components/starlight/Head.astro',
				// The page title carries presenter mode's button on chapter pages (src/site/presenter/).
				PageTitle: './src/site/overrides/PageTitle.astro',
			},
			// Reading order from each page's `sidebar.order` (the English folder defines the book's pages).
			sidebar: [
				{
					label: 'Contents',
					translations: { 'zh-CN': '目录' },
					items: sidebarSlugs('./content/en').map((slug) => ({ slug })),
				},
			],
			routeMiddleware: './src/site/route-data.ts',
			lastUpdated: false,
			pagination: true,
			tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
			// Code listings wrap long lines (indented under their line) instead of scrolling sideways: a
			// listing projected in class is read whole. Copying still gives the original lines.
			expressiveCode: { defaultProps: { wrap: true } },
		}),
		mdx(),
		// Last, on the finished pages: a Content-Security-Policy with each page's inline hashes, and dist/_headers.
		contentSecurityPolicy(),
		// After the policy step, which rewrites every page: precache revisions must hash the files as served.
		serviceWorker(),
	],
	vite: {
		plugins: [katexFontDisplay('swap'), fastTableOfContents()],
		build: {
			// Vite's default preloads a lazily imported widget's chunks by adding <link rel="modulepreload">
			// to <head>; Chrome answers each added <link> by restyling and relaying out the whole chapter
			// (~80 ms on a page with 200 formulas). Without it the browser fetches the same chunks from the
			// widget module's own imports.
			modulePreload: false,
		},
		// Workers are ES modules, so a worker can import lazily (the sequence stepper's checkpoint).
		worker: { format: 'es' },
	},
});
