/**
 * Writes tests/fixtures/engine/w1.json, what the engine's determinism and precision tests compare against:
 * - the loss of 100 W1 training steps in float64 (seed 3), the reference for the float32 kernel paths
 *   (tests/unit/engine/w1-precision.test.ts);
 * - the bits of W1's losses and weights (w1Bits: float32 and float64, seed 7), which Node
 *   (tests/unit/engine/w1-bits.test.ts) and Chromium (tests/e2e/engine-bits.spec.ts) must reproduce.
 *
 *   node --import tsx scripts/engine-w1-fixture.ts
 *
 * Rerun only after a deliberate change to the engine's numbers (kernels, initialisation, Adam); the float64
 * curve takes a couple of minutes.
 */
import { writeFileSync } from 'node:fs';
import { trainW1, w1Bits } from '../tests/shared/w1-training.ts';

const out = new URL('../tests/fixtures/engine/w1.json', import.meta.url);
const curve = trainW1(100, 3, 'float64');
writeFileSync(out, JSON.stringify({ float64Curve: { seed: 3, losses: curve.losses }, bits: w1Bits() }, null, 1) + '\n');
console.log(`wrote ${out.pathname}`);
