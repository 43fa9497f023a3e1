/**
 * 100 training steps of the benchmark's W1 in float32, on the WebAssembly SIMD kernels, against the float64 path
 * (its losses are committed in tests/fixtures/engine/w1.json by scripts/engine-w1-fixture.ts: float64 takes
 * minutes). For the first 50 steps the float32 loss is the float64 loss rounded to float32 (a relative
 * difference below 2^-23); after that the two trainings drift apart slowly, as any float32 training does under
 * Adam (the plain-JavaScript float32 path drifts by the same amount), and stay within 0.5 %.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { trainW1 } from '../../shared/w1-training.ts';
import { simdStatus } from '../../../src/engine/kernels/wasm-heap.ts';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/engine/w1.json', import.meta.url), 'utf8')) as {
  float64Curve: { seed: number; losses: number[] };
};

test('W1, 100 steps: float32 on the WebAssembly kernels follows the float64 loss curve', () => {
  assert.equal(simdStatus(), 'ready');
  const ref = fixture.float64Curve.losses;
  const { losses } = trainW1(ref.length, fixture.float64Curve.seed, 'float32');
  for (let s = 0; s < ref.length; s++) {
    const rel = Math.abs(losses[s] - ref[s]) / ref[s];
    const bound = s < 50 ? 2 ** -23 : 5e-3;
    assert.ok(rel <= bound, `step ${s + 1}: float32 loss ${losses[s]} vs float64 ${ref[s]} (relative ${rel.toExponential(2)} > ${bound})`);
  }
  assert.ok(losses.at(-1)! < losses[0] - 0.3, 'the model learns (the loss falls by more than 0.3 nats)');
});
