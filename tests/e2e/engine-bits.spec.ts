/**
 * The engine gives the same bits in Chromium as in Node: W1's losses and final weights from a fixed seed, float32
 * on the WebAssembly SIMD kernels and float64 on exact-math, computed in a Web Worker of a site page (where the
 * widgets run it), equal both the committed values (tests/fixtures/engine/w1.json) and what this Node process
 * computes now.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, test } from '@playwright/test';
import { w1Bits } from '../shared/w1-training.ts';

test('W1 in a Chromium Web Worker: losses and weights bit-identical to Node', async ({ page }) => {
  test.setTimeout(120_000);
  const entry = fileURLToPath(new URL('./engine-bits.worker.ts', import.meta.url));
  const bundle = await build({ entryPoints: [entry], bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'silent' });
  await page.goto('/en/');
  const result = await page.evaluate(async (code) => {
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    const worker = new Worker(url);
    try {
      return await new Promise<unknown>((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
      });
    } finally {
      worker.terminate();
    }
  }, bundle.outputFiles[0].text);
  const committed = JSON.parse(readFileSync(new URL('../fixtures/engine/w1.json', import.meta.url), 'utf8')).bits;
  expect(result).toEqual({ simd: 'ready', bits: committed });
  expect((result as { bits: unknown }).bits).toEqual(w1Bits());
});
