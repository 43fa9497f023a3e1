import { useTfBackend, tfTrainRunner, tfGenerateRunner } from '/work/main/bench/tfjs-peer.ts';
import { WORKLOADS } from '/work/main/bench/workloads.ts';
import { timeRuns, median } from '/work/main/bench/timing.ts';
for (const be of ['wasm', 'cpu'] as const) {
  console.log(be, await useTfBackend(be));
  const r = tfTrainRunner(WORKLOADS[0] as any, 1);
  console.log('W1', be, (await timeRuns(() => r.step(), 1, 3)).map(x => x.toFixed(0)));
  r.dispose();
  const g = tfGenerateRunner(WORKLOADS[2] as any, 1);
  console.log('W3', be, (await timeRuns(() => g.step(), 1, 3)).map(x => (x / 500).toFixed(3)));
}
