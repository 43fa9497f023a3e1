/**
 * Kernel micro-benchmark: our gemm (float32 with its WebAssembly SIMD path, float32 in JavaScript only, and
 * float64, which is always JavaScript) against tf.matMul (cpu and wasm backends) on the products a W1 training
 * step actually runs, in GFLOP/s (2·m·n·k per product, best of the timed runs). tf.matMul times include creating the result tensor
 * and reading it back (dataSync), which is what one op costs a tfjs program.
 */
import { gemm } from '../src/engine/kernels/gemm.ts';
import { setGemmSimdEnabled } from '../src/engine/kernels/gemm-simd.ts';
import { tfMatMul, useTfBackend, type TfBackend } from './tfjs-peer.ts';
import { timeRuns } from './timing.ts';

export interface GemmShape {
  label: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
}

/** The products inside one W1 step (B = 32, T = 64, I = V = 65, H = 128, 4H = 512). */
export const GEMM_SHAPES: GemmShape[] = [
  { label: 'x·W_ihᵀ, all steps', m: 2048, n: 512, k: 65, transA: false, transB: true },
  { label: 'h_{t−1}·W_hhᵀ, one step', m: 32, n: 512, k: 128, transA: false, transB: true },
  { label: '∂z·W_hh, one step', m: 32, n: 128, k: 512, transA: false, transB: false },
  { label: '∂zᵀ·h, all steps', m: 512, n: 128, k: 2048, transA: true, transB: false },
  { label: 'h·W_denseᵀ, all steps', m: 2048, n: 65, k: 128, transA: false, transB: true },
  { label: 'h_{t−1}·W_hhᵀ, B = 1', m: 1, n: 512, k: 128, transA: false, transB: true },
];

export interface GemmRow {
  label: string;
  shape: string;
  gflops: Record<string, number>;
}

function reps(s: GemmShape): number {
  return Math.max(1, Math.round(4e6 / (2 * s.m * s.n * s.k)));
}

async function gflopsOf(fn: () => unknown, s: GemmShape, warmup: number, runs: number): Promise<number> {
  const r = reps(s);
  const times = await timeRuns(() => {
    for (let i = 0; i < r; i++) fn();
  }, warmup, runs);
  // Best of the runs: a kernel's rate with the least interference from the rest of the machine.
  return (2 * s.m * s.n * s.k * r) / (Math.min(...times.map((t) => t.wall)) / 1e3) / 1e9;
}

export async function runGemmMicro(backends: TfBackend[], warmup: number, runs: number): Promise<GemmRow[]> {
  const rows: GemmRow[] = GEMM_SHAPES.map((s) => ({
    label: s.label,
    shape: `${s.m}×${s.n}×${s.k} ${s.transA ? 'T' : 'N'}${s.transB ? 'T' : 'N'}`,
    gflops: {},
  }));
  const variants = [
    ['ours-f32', Float32Array, true],
    ['ours-f32 JS only', Float32Array, false],
    ['ours-f64', Float64Array, true],
  ] as const;
  for (const [dtype, Arr, simd] of variants) {
    setGemmSimdEnabled(simd);
    for (let idx = 0; idx < GEMM_SHAPES.length; idx++) {
      const s = GEMM_SHAPES[idx];
      const a = new Arr(s.m * s.k).map((_, i) => ((i * 7919) % 1000) / 1000 - 0.5);
      const b = new Arr(s.k * s.n).map((_, i) => ((i * 104729) % 1000) / 1000 - 0.5);
      const c = new Arr(s.m * s.n);
      rows[idx].gflops[dtype] = await gflopsOf(() => gemm(s.transA, s.transB, s.m, s.n, s.k, a, 0, b, 0, c, 0, false), s, warmup, runs);
    }
  }
  setGemmSimdEnabled(true);
  for (const be of backends) {
    await useTfBackend(be);
    for (let idx = 0; idx < GEMM_SHAPES.length; idx++) {
      const s = GEMM_SHAPES[idx];
      const r = tfMatMul(s.m, s.n, s.k, s.transA, s.transB);
      rows[idx].gflops[`tfjs-${be}`] = await gflopsOf(() => r.step(), s, warmup, runs);
      r.dispose();
    }
  }
  return rows;
}
