import { AblationTrainer, configFor, VARIANTS, parameterCount, type Variant } from './src/widgets/gate-ablation/model.ts';
const args = process.argv.slice(2);
const delay = Number(args[0] ?? 20), steps = Number(args[1] ?? 400), H = Number(args[2] ?? 16), fb = (args[3] ?? 'forget-bias') as any, seed = Number(args[4] ?? 1), lr = Number(args[5] ?? 0.01);
const list = (args[6] ? args[6].split(',') : VARIANTS) as Variant[];
for (const v of list) {
  const tr = new AblationTrainer(configFor(v, { delay, maxSteps: steps, hiddenSize: H, init: fb, seed, learningRate: lr }));
  const t0 = performance.now();
  while (!tr.done) tr.step();
  const ms = performance.now() - t0;
  const last = tr.history.at(-1)!;
  const acc = tr.history.map(p => Math.round(p.accuracy*100)).filter((_, k) => k % 4 === 3).join(' ');
  console.log(`${v.padEnd(22)} params ${String(parameterCount(v, H)).padStart(5)} acc ${last.accuracy.toFixed(3)} loss ${last.loss.toFixed(3)} to90 ${tr.stepsToTarget} ${(ms/1000).toFixed(1)}s | ${acc}`);
}
