/**
 * After the build, on the finished files: the offline copy of the book. Writes dist/offline.js (the page's
 * registration and update notice, from ./register.ts) and then dist/sw.js, a Workbox service worker that
 * precaches every file a reader needs: the pages of both languages, /_astro/ bundles, styles, fonts and
 * workers (the engine's WebAssembly is inside its bundle), Pagefind's index, the corpora, the checkpoints,
 * the manifest and icons.
 *
 * Each precached file carries a revision (a hash of its bytes), so a new build installs as a whole beside the
 * old one, and the old worker keeps serving the old pages and assets together until the reader accepts the
 * new version (./register.ts). That is why this step runs last: the Content-Security-Policy step rewrites every
 * page, and a revision computed before it would describe a page that is never served.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { generateSW } from 'workbox-build';

/** The service worker's file, at the root so its scope is the whole site. */
export const SERVICE_WORKER_FILE = 'sw.js';
/** The module every page loads (Starlight `head` entry) to register the worker and offer updates. */
export const REGISTER_FILE = 'offline.js';
/**
 * Workbox skips files over 2 MiB by default; the largest file a reader needs is the Chinese poetry
 * checkpoint (about 1.8 MB), so the limit is raised to 4 MiB on purpose, and the build fails rather than
 * silently leaving a bigger file out (see {@link writeServiceWorker}).
 */
export const MAX_PRECACHED_FILE_BYTES = 4 * 1024 * 1024;
/** Files in dist/ that are not for the browser: host configuration and the worker itself. */
const NOT_PRECACHED = ['_headers', SERVICE_WORKER_FILE, 'sitemap-*.xml', 'robots.txt'];

export interface PrecacheSummary {
	/** Files in the precache manifest. */
	files: number;
	/** Their total size in bytes: what a first visit downloads in the background. */
	bytes: number;
}

/** Files under `dir` (paths relative to `root`) with their sizes. */
function filesWithSizes(root: string, dir = root): { path: string; bytes: number }[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = join(dir, entry.name);
		return entry.isDirectory() ? filesWithSizes(root, full) : [{ path: relative(root, full), bytes: statSync(full).size }];
	});
}

/**
 * Writes dist/offline.js and dist/sw.js for the build in `dist` (an absolute path). Throws if Workbox
 * would leave a file out (too large), naming it, since the book would then be incomplete offline; a refused
 * build is left as it was.
 */
export async function writeServiceWorker(dist: string): Promise<PrecacheSummary> {
	if (!statSync(join(dist, '404.html'), { throwIfNoEntry: false })?.isFile()) {
		throw new Error(`${dist}: no 404.html; the service worker answers unknown pages with it offline`);
	}
	const tooLarge = filesWithSizes(dist).filter((file) => file.bytes > MAX_PRECACHED_FILE_BYTES);
	if (tooLarge.length > 0) {
		const list = tooLarge.map((file) => `${file.path} (${(file.bytes / 1e6).toFixed(1)} MB)`).join(', ');
		throw new Error(`service worker: ${list} over the ${MAX_PRECACHED_FILE_BYTES / 2 ** 20} MiB precache limit (MAX_PRECACHED_FILE_BYTES); the book would be incomplete offline`);
	}
	await build({
		entryPoints: [fileURLToPath(new URL('./register.ts', import.meta.url))],
		outfile: join(dist, REGISTER_FILE),
		bundle: true,
		format: 'esm',
		minify: true,
		target: 'es2020',
		logLevel: 'silent',
	});
	const { count, size, warnings } = await generateSW({
		swDest: join(dist, SERVICE_WORKER_FILE),
		globDirectory: dist,
		globPatterns: ['**/*'],
		globIgnores: NOT_PRECACHED,
		maximumFileSizeToCacheInBytes: MAX_PRECACHED_FILE_BYTES,
		// Pages are static: the query only carries a widget's state, read by the page itself, so
		// /en/04-x/?state=… is the precached /en/04-x/ (directory URLs map to their index.html).
		ignoreURLParametersMatching: [/.*/],
		directoryIndex: 'index.html',
		// Every page is precached, so any other navigation is a page that does not exist.
		navigateFallback: '/404.html',
		// A new worker waits until the reader accepts the update (or every tab is closed); the first one
		// takes control of the open page at once, so it works offline without a reload.
		skipWaiting: false,
		clientsClaim: true,
		cleanupOutdatedCaches: true,
		// One file, no importScripts: nothing else for the policy to allow or the host to serve.
		inlineWorkboxRuntime: true,
		mode: 'production',
		sourcemap: false,
	});
	const skipped = warnings.filter((warning) => /maximumFileSizeToCacheInBytes|will not be precached/.test(warning));
	if (skipped.length > 0) throw new Error(`service worker: ${skipped.join('; ')}`);
	return { files: count, bytes: size };
}

/** Astro integration: {@link writeServiceWorker} on the finished build. List it last, after the CSP step. */
export function serviceWorker(): AstroIntegration {
	return {
		name: 'cell-state:service-worker',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const { files, bytes } = await writeServiceWorker(fileURLToPath(dir));
				logger.info(`${SERVICE_WORKER_FILE} precaches ${files} files, ${(bytes / 1e6).toFixed(1)} MB`);
			},
		},
	};
}
