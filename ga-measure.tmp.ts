import { AblationTrainer, configFor, VARIANTS, parameterCount, type Variant, type InitKind } from './src/widgets/gate-ablation/model.ts';
const [delay, init, seed] = [Number(process.argv[2] ?? 20), (process.argv[3] ?? 'forget-bias') as InitKind, Number(process.argv[4] ?? 1)];
for (const v of VARIANTS as readonly Variant[]) {
  const tr = new AblationTrainer(configFor(v, { delay, init, seed }));
  const c0 = process.cpuUsage(); const t0 = performance.now();
  while (!tr.done) tr.step();
  const c = process.cpuUsage(c0);
  const last = tr.history.at(-1)!;
  console.log(`${v.padEnd(21)} params ${parameterCount(v, 16)} acc ${(last.accuracy*100).toFixed(0)}% loss ${last.loss.toFixed(3)} to90 ${tr.stepsToTarget ?? '-'} cpu ${((c.user+c.system)/1e6).toFixed(1)}s wall ${((performance.now()-t0)/1000).toFixed(1)}s`);
}
