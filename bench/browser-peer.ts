/**
 * Our engine in headless Chromium, inside a Web Worker, which is where a reader's browser runs it: the worker
 * script (browser-worker.ts) is bundled with esbuild, served from a routed URL to a blank page, and driven one
 * step per message so its steps alternate with Node's in one run. Uses Debian's /usr/bin/chromium when present,
 * else Playwright's own browser.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from '@playwright/test';
import type { Sample } from './timing.ts';
import type { TrainWorkload } from './workloads.ts';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'http://bench.invalid';

/** Bundles a module (and everything it imports) into one classic script for a worker or a page. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const out = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  return out.outputFiles[0].text;
}

export interface BrowserPeer {
  version: string;
  simd: string;
  /** One training step in the worker; cpu is not available there (NaN). */
  step(): Promise<Sample & { loss: number }>;
  close(): Promise<void>;
}

export async function startBrowserPeer(w: TrainWorkload, seed: number): Promise<BrowserPeer> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const script = await bundleForBrowser(path.join(here, 'browser-worker.ts'));
  const browser: Browser = await chromium.launch(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {});
  const page: Page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = route.request().url();
    if (url.endsWith('/worker.js')) return route.fulfill({ contentType: 'text/javascript', body: script });
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' });
  });
  await page.goto(`${ORIGIN}/`);
  const call = (msg: object) =>
    page.evaluate(async (m) => {
      const g = globalThis as unknown as { benchWorker?: Worker };
      g.benchWorker ??= new Worker('/worker.js');
      const worker = g.benchWorker;
      return await new Promise<Record<string, unknown>>((resolve) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => resolve({ error: e.message });
        worker.postMessage(m);
      });
    }, msg);
  const init = await call({ cmd: 'init', workload: w, seed });
  if (init.error) throw new Error(`browser worker: ${init.error}`);
  return {
    version: browser.version(),
    simd: String(init.simd),
    async step() {
      const r = await call({ cmd: 'step' });
      if (r.error) throw new Error(`browser worker: ${r.error}`);
      return { wall: r.wall as number, cpu: Number.NaN, loss: r.loss as number };
    },
    async close() {
      await browser.close();
    },
  };
}
