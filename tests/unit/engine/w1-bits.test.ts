/**
 * A seed gives the same bits on every runtime: W1's losses and final weights, float32 (WebAssembly SIMD
 * kernels) and float64 (exact-math), equal the committed values, which Chromium reproduces in a Web Worker
 * (tests/e2e/engine-bits.spec.ts). After a deliberate change to the engine's numbers, regenerate them with
 * `node --import tsx scripts/engine-w1-fixture.ts`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { w1Bits } from '../../shared/w1-training.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/engine/w1.json', import.meta.url), 'utf8')) as { bits: ReturnType<typeof w1Bits> };

test('W1 from seed 7: losses and weights bit-identical to the committed values (float32 and float64)', () => {
  assert.deepEqual(w1Bits(), fixture.bits);
});

test('the same run twice in one process gives the same bits (no state leaks between runs)', () => {
  assert.deepEqual(w1Bits(), w1Bits());
});
