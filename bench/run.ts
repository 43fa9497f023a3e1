/**
 * npm run bench [-- --quick] [-- --only W1,W3] [-- --runs N] [-- --warmup N] [-- --no-cpu] [-- --no-gemm]
 *               [-- --no-torch] [-- --no-browser]
 *
 * Runs our engine, @tensorflow/tfjs 4.22 (cpu backend and wasm backend), PyTorch (when /usr/bin/python3 has
 * torch; torch-peer.ts) and, for W1, our engine again in headless Chromium inside a Web Worker
 * (browser-peer.ts), on the workloads of workloads.ts. Prints a table of ms per unit, characters per second,
 * GFLOP/s (nominal and executed) and the speed-up of our engine over each peer (peer time ÷ our time: above 1
 * means ours is faster), checks the issue's targets, and writes the numbers to bench/results/<date>.json.
 * Our engine and every peer except tfjs-cpu are timed in rotation (ours, tfjs-wasm, torch, Chromium, ours, …)
 * so that a load spike from elsewhere on the machine hits all of them; tfjs-cpu runs on its own.
 */
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { WORKLOADS, charsPerUnit, executedFlopsPerUnit, flopsPerUnit, type Workload } from './workloads.ts';
import { median, timeOnce, timeRuns, type Sample } from './timing.ts';
import { tfGenerateRunner, tfTrainRunner, useTfBackend, type Runner } from './tfjs-peer.ts';
import { loadEngine, missingExports, oursGenerateRunner, oursTrainRunner } from './ours.ts';
import { runGemmMicro, type GemmRow } from './gemm-micro.ts';
import { simdPeakGflops } from './simd-peak.ts';
import { gemmSimdStatus } from '../src/engine/kernels/gemm-simd.ts';
import { startTorchPeer, torchAvailable } from './torch-peer.ts';
import { startBrowserPeer } from './browser-peer.ts';

interface Options {
  quick: boolean;
  only: Set<string>;
  runs: number;
  warmup: number;
  cpu: boolean;
  gemm: boolean;
  torch: boolean;
  browser: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { quick: false, only: new Set(WORKLOADS.map((w) => w.id)), runs: 7, warmup: 2, cpu: true, gemm: true, torch: true, browser: true };
  let runsSet = false;
  let warmupSet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`bench: ${a} needs a value`);
      return v;
    };
    if (a === '--quick') o.quick = true;
    else if (a.startsWith('--only')) o.only = new Set(value().split(',').map((s) => s.trim().toUpperCase()));
    else if (a.startsWith('--runs')) { o.runs = Number(value()); runsSet = true; }
    else if (a.startsWith('--warmup')) { o.warmup = Number(value()); warmupSet = true; }
    else if (a === '--no-cpu') o.cpu = false;
    else if (a === '--no-gemm') o.gemm = false;
    else if (a === '--no-torch') o.torch = false;
    else if (a === '--no-browser') o.browser = false;
    else if (a === '--help' || a === '-h') {
      console.log('npm run bench -- [--quick] [--only W1,W2,W3,W4] [--runs N] [--warmup N] [--no-cpu] [--no-gemm] [--no-torch] [--no-browser]');
      process.exit(0);
    } else throw new Error(`bench: unknown option ${a} (try --help)`);
  }
  if (o.quick) {
    if (!runsSet) o.runs = 3;
    if (!warmupSet) o.warmup = 1;
  }
  for (const id of o.only) if (!WORKLOADS.some((w) => w.id === id)) throw new Error(`bench: --only ${id}: no such workload`);
  if (!(o.runs >= 1) || !(o.warmup >= 0)) throw new Error('bench: --runs must be ≥ 1 and --warmup ≥ 0');
  return o;
}

/** tfjs prints advice (install tfjs-node, slow orthogonal init) that would break up the table. */
function quietTfjsAdvice(): void {
  const noisy = [/tfjs-node/, /^=+$/, /Orthogonal initializer/, /Hi, looks like/];
  for (const k of ['log', 'warn', 'info'] as const) {
    const orig = console[k].bind(console);
    console[k] = (...args: unknown[]) => {
      if (typeof args[0] === 'string' && noisy.some((r) => r.test(args[0] as string))) return;
      orig(...args);
    };
  }
}

interface Row {
  workload: string;
  engine: string;
  /** Median wall-clock ms per unit (training step, or generated character). */
  msPerUnit: number;
  msMin: number;
  msMax: number;
  /** Median process CPU ms per unit. */
  cpuMsPerUnit: number;
  runs: number;
  charsPerSec: number;
  /** Nominal FLOPs (workloads.ts, the same count for every engine) ÷ wall time. */
  gflops: number;
  /** FLOPs of the products this engine executes ÷ wall time. */
  gflopsExecuted: number;
  /** This engine's time ÷ ours (wall, then CPU); above 1 means ours is faster. */
  speedup?: number;
  cpuSpeedup?: number;
}

function makeRow(w: Workload, engine: string, samples: Sample[]): Row {
  const per = w.kind === 'generate' ? w.chars : 1;
  const walls = samples.map((s) => s.wall / per);
  const ms = median(walls);
  return {
    workload: w.id,
    engine,
    msPerUnit: ms,
    msMin: Math.min(...walls),
    msMax: Math.max(...walls),
    cpuMsPerUnit: median(samples.map((s) => s.cpu / per)),
    runs: samples.length,
    charsPerSec: (charsPerUnit(w) / ms) * 1e3,
    gflops: flopsPerUnit(w) / (ms / 1e3) / 1e9,
    gflopsExecuted: executedFlopsPerUnit(w, engine.startsWith('ours')) / (ms / 1e3) / 1e9,
  };
}

function peerRunner(w: Workload, seed: number): Runner {
  return w.kind === 'train' ? tfTrainRunner(w, seed) : tfGenerateRunner(w, seed);
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  quietTfjsAdvice();
  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.arch()}`,
    tfjs: tf.version.tfjs,
    loadAverage: os.loadavg().map((x) => Number(x.toFixed(2))),
    torch: undefined as undefined | { torch: string; blas: string; threads: number },
    chromium: undefined as undefined | string,
  };
  console.log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.platform}, node ${machine.node} (V8 ${machine.v8}), tfjs ${machine.tfjs}`);
  console.log(`load average at start: ${machine.loadAverage.join(' ')}; warm-up ${opts.warmup}, median of ${opts.runs} runs${opts.quick ? ' (--quick)' : ''}`);

  const wasmInfo = await useTfBackend('wasm');
  console.log(`tfjs-wasm: SIMD ${wasmInfo.simd ? 'on' : 'off'}, threads ${wasmInfo.threads ? 'on' : 'off'}`);
  const engine = await loadEngine();
  const simd = gemmSimdStatus();
  console.log(`our gemm: float32 products ${simd === 'ready' ? 'on the WebAssembly SIMD kernel' : `in JavaScript (SIMD kernel ${simd})`}`);

  const torchOk = opts.torch && torchAvailable();
  console.log(`PyTorch peer: ${torchOk ? 'on' : opts.torch ? 'off (no /usr/bin/python3 with torch)' : 'off (--no-torch)'}`);
  // Training losses step by step, to compare Node's bits with the Chromium worker's.
  const browserLosses = new Map<string, number[]>();
  const nodeLosses = new Map<string, number[]>();
  const rows: Row[] = [];
  for (const w of WORKLOADS) {
    if (!opts.only.has(w.id)) continue;
    console.log(`\n${w.id}: ${w.title}`);
    const wRows: Row[] = [];
    if (opts.cpu && w.id !== 'W4') {
      await useTfBackend('cpu');
      const r = peerRunner(w, 1);
      // tfjs-cpu takes seconds per training step (tens of seconds for W2): fewer runs keep the bench short.
      const train = w.kind === 'train';
      const runs = train ? (opts.quick ? 1 : Math.min(opts.runs, 3)) : opts.runs;
      const warmup = train ? Math.min(opts.warmup, 1) : opts.warmup;
      const times = await timeRuns(() => r.step(), warmup, runs);
      r.dispose();
      wRows.push(makeRow(w, 'tfjs-cpu', times));
      console.log(`  tfjs-cpu   ${fmt(wRows.at(-1)!.msPerUnit)} ms`);
    }
    await useTfBackend('wasm');
    const missing = missingExports(engine, w.kind);
    if (missing.length) console.log(`  our engine: src/engine/index.ts does not export ${missing.join(', ')} yet; peers only`);
    // The engines timed in rotation, each with its own number of runs (tfjs-wasm takes seconds on W4).
    const slow = w.id === 'W4';
    const rotation: { name: string; step: () => Promise<Sample>; runs: number; warmup: number; samples: Sample[]; close?: () => unknown }[] = [];
    if (!missing.length) {
      const ours = w.kind === 'train' ? oursTrainRunner(engine, w, 1) : oursGenerateRunner(engine, w, 1);
      const losses: number[] = [];
      nodeLosses.set(w.id, losses);
      rotation.push({ name: 'ours-f32', step: () => timeOnce(() => losses.push(ours.step() as number)), runs: opts.runs, warmup: opts.warmup, samples: [] });
    }
    const peer = peerRunner(w, 1);
    rotation.push({
      name: 'tfjs-wasm', step: () => timeOnce(() => peer.step()), samples: [], close: () => peer.dispose(),
      runs: slow ? Math.min(opts.runs, 3) : opts.runs, warmup: slow ? Math.min(opts.warmup, 1) : opts.warmup,
    });
    if (torchOk) {
      const t = await startTorchPeer(w, 1);
      machine.torch ??= t.info;
      rotation.push({ name: 'torch', step: () => t.step(), runs: opts.runs, warmup: opts.warmup, samples: [], close: () => t.close() });
    }
    if (opts.browser && w.id === 'W1' && !missing.length && w.kind === 'train') {
      try {
        const b = await startBrowserPeer(w, 1);
        machine.chromium ??= b.version;
        const losses: number[] = [];
        rotation.push({
          name: 'ours-f32 Chromium worker', runs: opts.runs, warmup: opts.warmup, samples: [], close: () => b.close(),
          step: async () => {
            const r = await b.step();
            losses.push(r.loss);
            return r;
          },
        });
        browserLosses.set(w.id, losses);
      } catch (err) {
        console.log(`  Chromium: not measured (${(err as Error).message.split('\n')[0]})`);
      }
    }
    const rounds = Math.max(...rotation.map((e) => e.warmup + e.runs));
    // With --expose-gc (npm run bench passes it) garbage is collected before each step, so that no engine pays
    // for the collection of another's garbage (tfjs leaves plenty).
    const gc = (globalThis as { gc?: () => void }).gc;
    for (let i = 0; i < rounds; i++) {
      for (const e of rotation) {
        if (i >= e.warmup + e.runs) continue;
        gc?.();
        const sample = await e.step();
        if (i >= e.warmup) e.samples.push(sample);
      }
    }
    for (const e of rotation) await e.close?.();
    for (const e of rotation) {
      wRows.push(makeRow(w, e.name, e.samples));
      console.log(`  ${e.name.padEnd(10)} ${fmt(wRows.at(-1)!.msPerUnit)} ms`);
    }
    const o = wRows.find((r) => r.engine === 'ours-f32');
    if (o) {
      for (const r of wRows) {
        if (r === o) continue;
        r.speedup = r.msPerUnit / o.msPerUnit;
        r.cpuSpeedup = r.cpuMsPerUnit / o.cpuMsPerUnit;
      }
      wRows.splice(wRows.indexOf(o), 1);
      wRows.unshift(o);
    }
    rows.push(...wRows);
  }

  let gemmRows: GemmRow[] = [];
  let peak: number | null = null;
  if (opts.gemm) {
    console.log('\ngemm micro-benchmark …');
    gemmRows = await runGemmMicro(opts.cpu ? ['cpu', 'wasm'] : ['wasm'], opts.quick ? 2 : 3, opts.quick ? 10 : 30);
    peak = simdPeakGflops();
  }

  console.log('\n' + resultTable(rows));
  console.log(
    'GFLOP/s = dense matrix-product FLOPs of the workload (bench/workloads.ts) ÷ wall time, the same count for every\n' +
      'engine; "exec" counts only the products the engine runs (ours reads one-hot inputs as columns of W_ih; the\n' +
      'peers multiply by them). CPU ms of the Chromium worker is not available.',
  );
  if (machine.torch) console.log(`PyTorch ${machine.torch.torch}, ${machine.torch.threads} thread, BLAS: ${machine.torch.blas}`);
  if (machine.chromium) console.log(`Chromium ${machine.chromium}`);
  if (gemmRows.length) console.log('\n' + gemmTable(gemmRows));
  if (peak !== null) {
    const best = Math.max(...gemmRows.map((r) => r.gflops['ours-f32']));
    console.log(
      `ceiling: f32x4 multiply + add (no fused multiply-add, as in our kernels) peaks at ${fmt(peak)} GFLOP/s in this\n` +
        `V8 on one core (bench/simd-peak.c); our fastest product above runs at ${Math.round((100 * best) / peak)} % of it.`,
    );
  }
  printTargets(rows);
  for (const [id, losses] of browserLosses) {
    const node = nodeLosses.get(id);
    if (node && losses.length) {
      const same = losses.every((l, i) => Object.is(l, node[i]));
      console.log(`${id}: losses of Node and the Chromium worker, step by step: ${same ? 'bit-identical' : 'DIFFERENT'} (${losses.length} steps)`);
    }
  }

  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), machine: { ...machine, cpuModel: lscpuModel() }, options: { ...opts, only: [...opts.only] }, tfjsWasm: wasmInfo, oursGemm: simd, rows, gemm: gemmRows, simdPeakGflops: peak }, null, 2));
  console.log(`\nwrote ${path.relative(process.cwd(), file)}`);
}

function fmt(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return '—';
  if (x >= 100) return x.toFixed(0);
  if (x >= 10) return x.toFixed(1);
  return x.toPrecision(digits);
}

function table(head: string[], body: string[][], rightFrom = 1): string {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => (i >= rightFrom ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
  const sep = '|' + widths.map((w, i) => (i >= rightFrom ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(head), sep, ...body.map(line)].join('\n');
}

export function resultTable(rows: Row[]): string {
  return table(
    ['workload', 'engine', 'ms (median)', 'min–max', 'CPU ms', 'chars/s', 'GFLOP/s', 'exec', 'ours × faster (wall)', '(CPU)'],
    rows.map((r) => [
      r.workload + (r.workload === 'W3' ? ' per char' : ' per step'),
      r.engine,
      fmt(r.msPerUnit),
      `${fmt(r.msMin)}–${fmt(r.msMax)}`,
      fmt(r.cpuMsPerUnit),
      fmt(r.charsPerSec),
      fmt(r.gflops),
      fmt(r.gflopsExecuted),
      r.engine.startsWith('ours') ? '' : r.speedup === undefined ? '—' : `${r.speedup.toFixed(2)}×`,
      r.engine.startsWith('ours') ? '' : r.cpuSpeedup === undefined ? '—' : `${r.cpuSpeedup.toFixed(2)}×`,
    ]),
    2,
  );
}

function gemmTable(rows: GemmRow[]): string {
  const engines = Object.keys(rows[0].gflops);
  return table(['product (W1 shapes)', 'm×n×k op', ...engines.map((e) => `${e} GFLOP/s`)], rows.map((r) => [r.label, r.shape, ...engines.map((e) => fmt(r.gflops[e]))]), 2);
}

/** The issue's targets: ours ≥ `faster`× faster than the peer, or at most `within`× its time. */
const TARGETS: { id: string; peer: string; faster?: number; within?: number }[] = [
  { id: 'W1', peer: 'torch', within: 1.5 },
  { id: 'W1', peer: 'tfjs-wasm', faster: 15 },
  { id: 'W2', peer: 'tfjs-wasm', faster: 20 },
  { id: 'W2', peer: 'torch', within: 2 },
  { id: 'W3', peer: 'tfjs-wasm', faster: 5 },
  { id: 'W3', peer: 'torch', faster: 1 },
  { id: 'W4', peer: 'tfjs-wasm', faster: 10 },
];

function printTargets(rows: Row[]): void {
  const lines: string[] = [];
  for (const t of TARGETS) {
    const r = rows.find((x) => x.workload === t.id && x.engine === t.peer);
    if (!r || r.speedup === undefined) continue;
    const ratio = r.speedup; // peer time ÷ ours
    const met = t.faster !== undefined ? ratio >= t.faster : 1 / ratio <= t.within!;
    const goal = t.faster !== undefined ? `≥ ${t.faster}× faster` : `≤ ${t.within}× its time`;
    const cpu = r.cpuSpeedup === undefined ? '' : ` (by CPU time ${r.cpuSpeedup.toFixed(2)}×)`;
    lines.push(`${t.id} vs ${t.peer}: ours is ${ratio.toFixed(2)}× faster${cpu}, i.e. ${(1 / ratio).toFixed(2)}× its time; target ${goal}: ${met ? 'met' : 'NOT met'}`);
  }
  if (lines.length) console.log('\n' + lines.join('\n'));
}

/** The CPU's marketing name as lscpu prints it (os.cpus() may give less). */
function lscpuModel(): string {
  try {
    const out = execFileSync('lscpu', { encoding: 'utf8' });
    return /Model name:\s*(.+)/.exec(out)?.[1].trim() ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

await main();
