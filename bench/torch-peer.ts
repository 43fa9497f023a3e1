/**
 * The optional PyTorch peer: bench/torch_peer.py in Debian's /usr/bin/python3 (python3-torch), one thread,
 * driven over JSON lines so that its steps can alternate with ours in one run. Skipped (null) when Python or
 * torch is missing.
 *
 * BLAS: Debian's torch calls whatever libblas.so.3 the system selects, which by default is the slow reference
 * BLAS. When OpenBLAS is installed (apt-get install libopenblas0-pthread) its folder is put first on
 * LD_LIBRARY_PATH for this one process, so the peer runs on OpenBLAS without changing the system's choice. The
 * library actually loaded is reported.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Rng } from '../src/engine/index.ts';
import type { Sample } from './timing.ts';
import { randomBatch, type Workload } from './workloads.ts';

const PYTHON = process.env.BENCH_PYTHON ?? '/usr/bin/python3';
const OPENBLAS_DIR = '/usr/lib/x86_64-linux-gnu/openblas-pthread';

export interface TorchInfo {
  torch: string;
  blas: string;
  threads: number;
}

export interface TorchPeer {
  info: TorchInfo;
  /** One timed unit, measured inside Python. */
  step(): Promise<Sample>;
  close(): void;
}

/** Whether the peer can run here (Python with torch). */
export function torchAvailable(): boolean {
  if (!existsSync(PYTHON)) return false;
  return spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }).status === 0;
}

export async function startTorchPeer(w: Workload, seed: number): Promise<TorchPeer> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'torch_peer.py');
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  if (existsSync(OPENBLAS_DIR)) env.LD_LIBRARY_PATH = [OPENBLAS_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const proc: ChildProcessWithoutNullStreams = spawn(PYTHON, [script], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => (stderr += d));
  const lines = createInterface({ input: proc.stdout })[Symbol.asyncIterator]();
  const ask = async (msg: object): Promise<Record<string, unknown>> => {
    proc.stdin.write(JSON.stringify(msg) + '\n');
    const r = await lines.next();
    if (r.done) throw new Error(`torch peer exited: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return JSON.parse(r.value);
  };
  // The same data as the other engines: randomBatch from the same seed.
  const batch = w.kind === 'train' ? randomBatch(w, new Rng(seed)) : { ids: new Int32Array(0), targets: new Int32Array(0) };
  const info = (await ask({ cmd: 'init', workload: w, ids: Array.from(batch.ids), targets: Array.from(batch.targets), seed })) as unknown as TorchInfo;
  return {
    info,
    async step() {
      const r = await ask({ cmd: 'step' });
      return { wall: r.wall as number, cpu: r.cpu as number };
    },
    close() {
      proc.stdin.end(JSON.stringify({ cmd: 'quit' }) + '\n');
    },
  };
}
