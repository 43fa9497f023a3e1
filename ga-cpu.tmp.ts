import { AblationTrainer, configFor, type Variant } from './src/widgets/gate-ablation/model.ts';
const list = (process.argv[2] ?? 'vanilla,no-forget-gate,no-output-gate,coupled').split(',') as Variant[];
const delay = Number(process.argv[3] ?? 20), steps = Number(process.argv[4] ?? 30);
for (const v of list) {
  const tr = new AblationTrainer(configFor(v, { delay, maxSteps: steps }));
  const c0 = process.cpuUsage(); const t0 = performance.now();
  while (!tr.done) tr.step();
  const c = process.cpuUsage(c0);
  console.log(v.padEnd(22), 'cpu ms/step', ((c.user + c.system) / 1000 / steps).toFixed(1), 'wall ms/step', ((performance.now() - t0) / steps).toFixed(1));
}
