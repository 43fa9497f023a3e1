/** Bundled by engine-bits.spec.ts and run in a Web Worker: W1's bits in Chromium, posted back to the page. */
import { w1Bits } from '../shared/w1-training.ts';
import { simdStatus } from '../../src/engine/kernels/wasm-heap.ts';

(globalThis as unknown as { postMessage(m: unknown): void }).postMessage({ simd: simdStatus(), bits: w1Bits() });
