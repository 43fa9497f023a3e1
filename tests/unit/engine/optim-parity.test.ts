import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor, type Tensor } from '../../../src/engine/tensor.ts';
import { Adam, AdamW, RMSprop, SGD, clipGradNorm, type Optimizer } from '../../../src/engine/optim/index.ts';
import { assertClose, loadTorchFixture, ErrorLog, type FixtureTensor } from './helpers-training.ts';

interface Run {
  label: string;
  optimizer: 'Adam' | 'AdamW' | 'RMSprop' | 'SGD';
  options: Record<string, any>;
  names: string[];
  initial: Record<string, FixtureTensor>;
  maxNorm?: number;
  steps: {
    loss: number;
    grads: Record<string, FixtureTensor>;
    normBeforeClip?: number;
    clippedGrads?: Record<string, FixtureTensor>;
    paramsAfter: Record<string, FixtureTensor>;
  }[];
}

const TOL = 1e-10;
const errors = new ErrorLog();

function makeOptimizer(run: Run, params: Tensor[]): Optimizer {
  const o = run.options;
  switch (run.optimizer) {
    case 'Adam':
      return new Adam(params, { lr: o.lr, betas: o.betas, eps: o.eps, weightDecay: o.weight_decay });
    case 'AdamW':
      return new AdamW(params, { lr: o.lr, betas: o.betas, eps: o.eps, weightDecay: o.weight_decay });
    case 'RMSprop':
      return new RMSprop(params, { lr: o.lr, alpha: o.alpha, eps: o.eps, momentum: o.momentum, centered: o.centered, weightDecay: o.weight_decay });
    case 'SGD':
      return new SGD(params, { lr: o.lr, momentum: o.momentum, dampening: o.dampening, nesterov: o.nesterov, weightDecay: o.weight_decay });
  }
}

/** Replays a recorded PyTorch run: feed torch's gradients, (clip,) step, compare parameters after every step. */
function replay(run: Run, dtype: 'float64' | 'float32' = 'float64', tol = TOL): void {
  const params = run.names.map((n) => tensor(run.initial[n].data, { shape: run.initial[n].shape, dtype, requiresGrad: true }));
  const opt = makeOptimizer(run, params);
  run.steps.forEach((s, step) => {
    run.names.forEach((n, k) => {
      params[k].grad = tensor(s.grads[n].data, { shape: s.grads[n].shape, dtype });
    });
    if (run.maxNorm !== undefined) {
      const norm = clipGradNorm(params, run.maxNorm);
      const err = Math.abs(norm - s.normBeforeClip!) / s.normBeforeClip!;
      assert.ok(err <= tol, `${run.label} step ${step}: norm ${norm} vs ${s.normBeforeClip}`);
      errors.add(`${dtype} clip norm`, err);
      run.names.forEach((n, k) => errors.add(`${dtype} clipped grads`, assertClose(params[k].grad!.data, s.clippedGrads![n].data, tol, `${run.label} step ${step} clipped ${n}`)));
    }
    opt.step();
    run.names.forEach((n, k) => {
      errors.add(`${dtype} ${run.optimizer}`, assertClose(params[k].data, s.paramsAfter[n].data, tol, `${run.label} step ${step} ${n}`));
    });
  });
}

for (const file of ['adam_steps.json', 'rmsprop_steps.json', 'sgd_clip.json']) {
  const fixture = loadTorchFixture<{ runs: Run[] }>(file);
  for (const run of fixture.runs) {
    test(`${run.label} matches PyTorch to ${TOL} after every step (${file})`, () => replay(run));
    test(`${run.label} in float32 stays within 1e-4 of PyTorch's float64 run (${file})`, () => replay(run, 'float32', 1e-4));
  }
}

test('the SGD fixture really clips: the norm before clipping exceeds maxNorm', () => {
  const { runs } = loadTorchFixture<{ runs: Run[] }>('sgd_clip.json');
  for (const run of runs) assert.ok(run.steps[0].normBeforeClip! > run.maxNorm!, run.label);
});


test('full path: our Linear → tanh → Linear forward/backward + Adam reproduces PyTorch step by step', async () => {
  const { Linear } = await import('../../../src/engine/nn/linear.ts');
  const { tanh } = await import('../../../src/engine/ops/activation.ts');
  const { mul } = await import('../../../src/engine/ops/elementwise.ts');
  const { crossEntropy } = await import('../../../src/engine/ops/cross-entropy.ts');
  const { Rng } = await import('../../../src/engine/rng.ts');
  const { runs } = loadTorchFixture<{ runs: (Run & { x: FixtureTensor; y: number[]; scale: number })[] }>('adam_steps.json');
  const run = runs[1]; // Adam with L2 weight decay
  const rng = new Rng(0);
  const l0 = new Linear({ inFeatures: 3, outFeatures: 4, rng, dtype: 'float64' });
  const l2 = new Linear({ inFeatures: 4, outFeatures: 2, rng, dtype: 'float64' });
  const byName: Record<string, Tensor> = { '0.weight': l0.weight, '0.bias': l0.bias!, '2.weight': l2.weight, '2.bias': l2.bias! };
  for (const n of run.names) byName[n].data.set(run.initial[n].data);
  const params = run.names.map((n) => byName[n]);
  const opt = makeOptimizer(run, params);
  const x = tensor(Float64Array.from(run.x.data), { shape: run.x.shape });
  run.steps.forEach((s, step) => {
    opt.zeroGrad();
    const loss = crossEntropy(mul(l2.forward(tanh(l0.forward(x))), run.scale), run.y);
    errors.add('full-path loss', assertClose([loss.item()], [s.loss], TOL, `step ${step} loss`));
    loss.backward();
    run.names.forEach((n) => errors.add('full-path grads', assertClose(byName[n].grad!.data, s.grads[n].data, TOL, `step ${step} ∂${n}`)));
    opt.step();
    run.names.forEach((n) => errors.add('full-path params', assertClose(byName[n].data, s.paramsAfter[n].data, TOL, `step ${step} ${n}`)));
  });
});

test('parity summary', () => {
  console.log(`# optimizer parity (max error vs PyTorch): ${errors.summary()}`);
});
