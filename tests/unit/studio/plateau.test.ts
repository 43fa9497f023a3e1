import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LearningRatePlateau } from '../../../src/studio/plateau.ts';
import { defaultHyper, type StudioHyper } from '../../../src/studio/hyper.ts';
import { StudioTrainer } from '../../../src/studio/trainer.ts';

const options = { patience: 100, factor: 0.5, minLr: 0.002, minDelta: 0.01 };

test('η is halved only after `patience` steps without a gain larger than minDelta, then the wait restarts', () => {
  const p = new LearningRatePlateau(options);
  const seen: string[] = [];
  let lr = 0.01;
  for (const [step, bits] of [[10, 3], [60, 2.5], [120, 2.495], [159, 2.6], [160, 2.6], [200, 2.6], [260, 2.6], [300, 2.4]] as const) {
    const r = p.observe(step, bits, lr);
    lr = r.lr;
    seen.push(`${step}:${r.verdict}:${lr}`);
  }
  // 2.495 is not 0.01 better than 2.5; the wait counts from step 60, so step 160 is the first plateau.
  assert.deepEqual(seen, ['10:improved:0.01', '60:improved:0.01', '120:waiting:0.01', '159:waiting:0.01', '160:reduced:0.005', '200:waiting:0.005', '260:reduced:0.0025', '300:improved:0.0025']);
  assert.equal(p.best, 2.4);
});

test('η never goes below minLr, and a NaN reading is no improvement', () => {
  const p = new LearningRatePlateau(options);
  p.observe(0, 2, 0.003);
  assert.deepEqual(p.observe(100, Number.NaN, 0.003), { verdict: 'reduced', lr: 0.002 });
  assert.deepEqual(p.observe(200, 2, 0.002), { verdict: 'waiting', lr: 0.002 });
});

test('bad options are refused with the option named', () => {
  assert.throws(() => new LearningRatePlateau({ ...options, patience: 0 }), /patience expected an integer ≥ 1, got 0/);
  assert.throws(() => new LearningRatePlateau({ ...options, factor: 1 }), /factor expected a number in \(0, 1\), got 1/);
  assert.throws(() => new LearningRatePlateau({ ...options, minLr: -1 }), /minLr expected/);
  assert.throws(() => new LearningRatePlateau({ ...options, minDelta: Number.NaN }), /minDelta expected/);
});

const TEXT = 'the cat sat on the mat. the dog sat on the log. a cat and a dog. '.repeat(40);
const small: StudioHyper = { ...defaultHyper(), hidden: 24, layers: 1, batch: 4, seqLen: 16, lr: 0.01, seed: 3 };

test('at a plateau the trainer halves η and goes back to the weights of its best reading', () => {
  // minDelta 100: only the first reading is ever an improvement, so the second (two steps later) is a plateau.
  const t = new StudioTrainer({ text: TEXT, hyper: small, plateau: { patience: 2, factor: 0.5, minLr: 0, minDelta: 100 } });
  for (let k = 0; k < 20; k++) t.step();
  const best = t.validationBits();
  assert.equal(t.lastVerdict, 'improved');
  const bestWeights = t.model.parameters().map((p) => Array.from(p.data));
  t.step();
  t.step();
  const later = t.validationBits();
  assert.notEqual(later, best);
  assert.equal(t.lastVerdict, 'reduced');
  assert.equal(t.optimizer.lr, 0.005);
  assert.deepEqual(t.model.parameters().map((p) => Array.from(p.data)), bestWeights);
  assert.equal(t.validationBits(), best);
});

test('restoreBest false halves η and keeps the current weights; plateau null keeps η', () => {
  const rule = { patience: 2, factor: 0.5, minLr: 0, minDelta: 100 };
  const keep = new StudioTrainer({ text: TEXT, hyper: small, plateau: rule, restoreBest: false });
  const constant = new StudioTrainer({ text: TEXT, hyper: small, plateau: null });
  for (const t of [keep, constant]) {
    for (let k = 0; k < 20; k++) t.step();
    t.validationBits();
    t.step();
    t.step();
  }
  const now = keep.model.parameters().map((p) => Array.from(p.data));
  keep.validationBits();
  constant.validationBits();
  assert.equal(keep.optimizer.lr, 0.005);
  assert.deepEqual(keep.model.parameters().map((p) => Array.from(p.data)), now);
  assert.equal(constant.optimizer.lr, 0.01);
  assert.equal(constant.lastVerdict, null);
});
