import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sigmoid, tanh, dsigmoid, dtanh } from '../../../src/engine/activations.ts';

const zs = [-30, -5, -1, -0.25, 0, 0.3, 1, 4, 25];

test('sigmoid and tanh match their closed forms', () => {
  for (const z of zs) {
    assert.ok(Math.abs(sigmoid(z) - 1 / (1 + Math.exp(-z))) < 1e-15, `σ(${z})`);
    assert.ok(Math.abs(tanh(z) - (Math.exp(2 * z) - 1) / (Math.exp(2 * z) + 1)) < 1e-12 || Math.abs(z) > 20, `tanh(${z})`);
  }
  assert.equal(sigmoid(0), 0.5);
  assert.equal(tanh(0), 0);
});

test('sigmoid is stable for large |z| and keeps relative precision for very negative z', () => {
  assert.equal(sigmoid(1000), 1);
  assert.equal(sigmoid(-1000), 0);
  assert.equal(sigmoid(Infinity), 1);
  assert.equal(sigmoid(-Infinity), 0);
  // σ(-40) ≈ e^{-40}: the naive 1/(1+e^{40}) is also fine here, but e^{z}/(1+e^{z}) keeps full relative accuracy.
  assert.ok(Math.abs(sigmoid(-40) / Math.exp(-40) - 1) < 1e-15);
  assert.equal(tanh(1000), 1);
  assert.equal(tanh(-1000), -1);
});

test('derivatives match σ(1−σ), 1−tanh² and central finite differences', () => {
  for (const z of zs) {
    const s = sigmoid(z);
    assert.ok(Math.abs(dsigmoid(z) - s * (1 - s)) < 1e-16);
    const t = Math.tanh(z);
    assert.ok(Math.abs(dtanh(z) - (1 - t * t)) < 1e-16);
    const e = 1e-6;
    assert.ok(Math.abs(dsigmoid(z) - (sigmoid(z + e) - sigmoid(z - e)) / (2 * e)) < 1e-9, `σ'(${z})`);
    assert.ok(Math.abs(dtanh(z) - (tanh(z + e) - tanh(z - e)) / (2 * e)) < 1e-9, `tanh'(${z})`);
  }
  assert.equal(dsigmoid(0), 0.25);
  assert.equal(dtanh(0), 1);
});

test('NaN propagates', () => {
  for (const fn of [sigmoid, tanh, dsigmoid, dtanh]) assert.ok(Number.isNaN(fn(Number.NaN)), fn.name);
});
