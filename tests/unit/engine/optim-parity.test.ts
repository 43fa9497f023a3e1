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
function replay(run: Run): void {
  const params = run.names.map((n) => tensor(Float64Array.from(run.initial[n].data), { shape: run.initial[n].shape, requiresGrad: true }));
  const opt = makeOptimizer(run, params);
  run.steps.forEach((s, step) => {
    run.names.forEach((n, k) => {
      params[k].grad = tensor(Float64Array.from(s.grads[n].data), { shape: s.grads[n].shape });
    });
    if (run.maxNorm !== undefined) {
      const norm = clipGradNorm(params, run.maxNorm);
      const err = Math.abs(norm - s.normBeforeClip!) / s.normBeforeClip!;
      assert.ok(err <= TOL, `${run.label} step ${step}: norm ${norm} vs ${s.normBeforeClip}`);
      errors.add('clip norm', err);
      run.names.forEach((n, k) => errors.add('clipped grads', assertClose(params[k].grad!.data, s.clippedGrads![n].data, TOL, `${run.label} step ${step} clipped ${n}`)));
    }
    opt.step();
    run.names.forEach((n, k) => {
      errors.add(run.optimizer, assertClose(params[k].data, s.paramsAfter[n].data, TOL, `${run.label} step ${step} ${n}`));
    });
  });
}

for (const file of ['adam_steps.json', 'rmsprop_steps.json', 'sgd_clip.json']) {
  const fixture = loadTorchFixture<{ runs: Run[] }>(file);
  for (const run of fixture.runs) {
    test(`${run.label} matches PyTorch to ${TOL} after every step (${file})`, () => replay(run));
  }
}

test('the SGD fixture really clips: the norm before clipping exceeds maxNorm', () => {
  const { runs } = loadTorchFixture<{ runs: Run[] }>('sgd_clip.json');
  for (const run of runs) assert.ok(run.steps[0].normBeforeClip! > run.maxNorm!, run.label);
});

test('parity summary', () => {
  console.log(`# optimizer parity (max error vs PyTorch): ${errors.summary()}`);
});
