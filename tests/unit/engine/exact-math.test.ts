import { test } from 'node:test';
import assert from 'node:assert/strict';
import { log, cos2pi, exp, tanh, sigmoid } from '../../../src/engine/exact-math.ts';
import { Rng } from '../../../src/engine/rng.ts';

test('log reproduces fdlibm (V8 Math.log) bit for bit, including subnormals and special values', () => {
  const r = new Rng(5);
  let differ = 0;
  for (let k = 0; k < 200000; k++) {
    const x = [r.next(), r.next() * 1e6, r.next() * 1e-300, 1 + r.next() * 1e-7][k % 4];
    if (log(x) !== Math.log(x)) differ++;
  }
  assert.equal(differ, 0);
  assert.equal(log(1), 0);
  assert.equal(log(Math.E), Math.log(Math.E));
  assert.equal(log(0), -Infinity);
  assert.equal(log(Infinity), Infinity);
  assert.equal(log(5e-324), Math.log(5e-324));
  assert.ok(Number.isNaN(log(-1)));
  assert.ok(Number.isNaN(log(Number.NaN)));
});

test('cos2pi(u) = cos(2πu) to within 1e-15, exactly at the quarter turns', () => {
  const r = new Rng(6);
  for (let k = 0; k < 100000; k++) {
    const u = r.next();
    assert.ok(Math.abs(cos2pi(u) - Math.cos(2 * Math.PI * u)) < 1e-15, `u = ${u}`);
  }
  assert.equal(cos2pi(0), 1);
  assert.equal(cos2pi(0.5), -1);
  assert.equal(Math.abs(cos2pi(0.25)), 0);
  assert.equal(cos2pi(1.25), cos2pi(0.25));
  assert.ok(Number.isNaN(cos2pi(Infinity)));
});

test('Rng golden values (a separate Python implementation of the same algorithms gives these exact doubles)', () => {
  const r = new Rng(42);
  assert.deepEqual([r.next(), r.normal(), r.normal(), r.uniform(-1, 1), r.int(1000)], [
    0.15377165265745885, -0.1864775714317686, -1.445739189372412, -0.42458208499663574, 850,
  ]);
});

test('exp reproduces fdlibm (V8 Math.exp) bit for bit, including overflow, underflow and subnormal results', () => {
  const r = new Rng(8);
  let differ = 0;
  for (let k = 0; k < 200000; k++) {
    const x = [r.uniform(-1, 1), r.uniform(-40, 40), r.uniform(-745, 709.78), r.uniform(-1e-8, 1e-8)][k % 4];
    if (exp(x) !== Math.exp(x)) differ++;
  }
  assert.equal(differ, 0);
  assert.equal(exp(1), Math.E);
  assert.equal(exp(0), 1);
  assert.equal(exp(710), Infinity);
  assert.equal(exp(-746), 0);
  assert.equal(exp(-745.1), Math.exp(-745.1)); // 5e-324
  assert.equal(exp(709.7), Math.exp(709.7));
  assert.equal(exp(-Infinity), 0);
  assert.ok(Number.isNaN(exp(Number.NaN)));
});

test('tanh is within 3 ulp of Math.tanh, odd, and saturates to ±1', () => {
  const r = new Rng(9);
  let worst = 0;
  for (let k = 0; k < 200000; k++) {
    const x = [r.uniform(-1, 1), r.uniform(-25, 25), r.uniform(-1e-6, 1e-6), r.uniform(0.5, 0.6)][k % 4];
    const want = Math.tanh(x);
    worst = Math.max(worst, Math.abs(tanh(x) - want) / (Math.abs(want) * 2 ** -52));
    assert.equal(tanh(-x), -tanh(x));
  }
  assert.ok(worst <= 3, `worst error ${worst} ulp`);
  assert.equal(tanh(0), 0);
  assert.equal(tanh(30), 1);
  assert.equal(tanh(-Infinity), -1);
  assert.equal(tanh(1e-300), 1e-300);
  assert.ok(Number.isNaN(tanh(Number.NaN)));
});

test('sigmoid matches 1/(1+e^-z), is stable for huge |z| and propagates NaN', () => {
  for (const z of [-30, -3, -0.5, 0, 0.5, 3, 30]) assert.ok(Math.abs(sigmoid(z) - 1 / (1 + Math.exp(-z))) < 1e-16);
  assert.equal(sigmoid(0), 0.5);
  assert.equal(sigmoid(-1000), 0);
  assert.equal(sigmoid(1000), 1);
  assert.ok(Number.isNaN(sigmoid(Number.NaN)));
});
