/**
 * The most f32x4 multiply + add GFLOP/s this JavaScript engine's WebAssembly reaches on one core (bench/simd-peak.c):
 * the ceiling for the engine's products, which use exactly these two instructions. The gemm micro-benchmark
 * prints each product's rate beside it.
 */
import { SIMD_PEAK_BASE64 } from './simd-peak-module.ts';

/** Best of `runs` timed calls of `rounds` rounds each (12 chains of a multiply and an add on 4 lanes = 96 FLOPs a round). */
export function simdPeakGflops(rounds = 20_000_000, runs = 5): number {
  const module = new WebAssembly.Module(Buffer.from(SIMD_PEAK_BASE64, 'base64'));
  const { peak } = new WebAssembly.Instance(module).exports as { peak: (n: number, a: number, b: number) => number };
  peak(100_000, 1, 1e-9); // compiled by the optimising tier before timing
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    peak(rounds, 1, 1e-9);
    best = Math.min(best, performance.now() - t);
  }
  return (96 * rounds) / (best / 1e3) / 1e9;
}
