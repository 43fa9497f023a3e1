/**
 * Runs inside a Web Worker in headless Chromium (bench/browser-peer.ts bundles it): our engine on a training
 * workload, one step per "step" message, timed here with performance.now().
 */
import * as api from '../src/engine/index.ts';
import { oursTrainRunner } from './ours.ts';
import type { Runner, TrainWorkload } from './workloads.ts';
import { simdStatus } from '../src/engine/kernels/wasm-heap.ts';

interface WorkerScope {
  onmessage: ((e: { data: { cmd: string; workload?: TrainWorkload; seed?: number } }) => void) | null;
  postMessage(msg: unknown): void;
}
const scope = globalThis as unknown as WorkerScope;
let runner: Runner | null = null;

scope.onmessage = (e) => {
  const { cmd } = e.data;
  try {
    if (cmd === 'init') {
      runner = oursTrainRunner(api, e.data.workload!, e.data.seed!);
      scope.postMessage({ ok: true, simd: simdStatus() });
    } else if (cmd === 'step') {
      const t0 = performance.now();
      const loss = runner!.step() as number;
      scope.postMessage({ wall: performance.now() - t0, loss });
    }
  } catch (err) {
    scope.postMessage({ error: String((err as Error)?.stack ?? err) });
  }
};
