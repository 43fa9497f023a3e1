/**
 * σ, tanh and e^x of the WebAssembly module (wasm/simd-math.h, four float32 lanes) against their reference,
 * the float64 functions of exact-math.ts: within a few float32 ulps everywhere, the same special values, and
 * the same bits whether a value sits in a full vector or in a tail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exp, sigmoid, tanh } from '../../../src/engine/exact-math.ts';
import { heapF32, scratch, simdKernel, type SimdExports } from '../../../src/engine/kernels/wasm-heap.ts';

type MapName = 'sigmoid_map' | 'tanh_map' | 'exp_neg_map';

function kernel(): SimdExports {
  const k = simdKernel();
  assert.ok(k, 'the WebAssembly SIMD module should load in Node');
  return k;
}

/** Runs one of the module's map functions on xs (rounded to float32). */
function map(name: MapName, xs: ArrayLike<number>): Float32Array {
  const k = kernel();
  const n = xs.length;
  const p = scratch(8 * n + 16);
  const mem = heapF32();
  mem.set(Float32Array.from(xs), p >> 2);
  k[name](p, p + 4 * n, n);
  return heapF32().slice((p >> 2) + n, (p >> 2) + 2 * n);
}

/** The float32 ulp at |v| (the spacing of float32 numbers there; subnormal spacing below 2^-126). */
function ulp32(v: number): number {
  const a = Math.abs(v);
  if (a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

/** Largest error in float32 ulps of the reference value (where the reference is a normal float32). */
function worstUlps(xs: Float32Array, ys: Float32Array, ref: (x: number) => number): { ulps: number; x: number } {
  let ulps = 0;
  let at = Number.NaN;
  for (let i = 0; i < xs.length; i++) {
    const r = ref(xs[i]);
    if (Math.abs(r) < 2 ** -126) continue;
    const e = Math.abs(ys[i] - r) / ulp32(r);
    if (!(e <= ulps)) {
      ulps = e;
      at = xs[i];
    }
  }
  return { ulps, x: at };
}

/** A grid over [lo, hi] plus seeded random points (a small LCG: independent of the engine's Rng). */
function points(lo: number, hi: number, n: number): Float32Array {
  const xs = new Float32Array(2 * n);
  let s = 12345;
  for (let i = 0; i < n; i++) {
    xs[i] = lo + ((hi - lo) * i) / (n - 1);
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    xs[n + i] = lo + ((hi - lo) * s) / 2 ** 32;
  }
  return xs;
}

const cases: { name: MapName; ref: (x: number) => number; lo: number; hi: number; maxUlps: number }[] = [
  { name: 'sigmoid_map', ref: sigmoid, lo: -40, hi: 40, maxUlps: 3 },
  { name: 'tanh_map', ref: tanh, lo: -12, hi: 12, maxUlps: 2 },
  { name: 'exp_neg_map', ref: exp, lo: -87, hi: 0, maxUlps: 1.5 },
];

for (const { name, ref, lo, hi, maxUlps } of cases) {
  test(`${name}: within ${maxUlps} float32 ulps of exact-math on [${lo}, ${hi}]`, () => {
    const xs = points(lo, hi, 300_000);
    const { ulps, x } = worstUlps(xs, map(name, xs), ref);
    assert.ok(ulps <= maxUlps, `${name}: ${ulps.toFixed(2)} ulps at x = ${x}`);
  });
}

test('tanh near 0 and across the switch at |z| = 0.625: within 2 ulps, and exactly z for tiny and subnormal z', () => {
  const xs = Float32Array.from([...points(-1e-3, 1e-3, 20_000), ...points(0.6, 0.65, 20_000), ...points(-0.65, -0.6, 20_000)]);
  const { ulps, x } = worstUlps(xs, map('tanh_map', xs), tanh);
  assert.ok(ulps <= 2, `${ulps.toFixed(2)} ulps at ${x}`);
  const tiny = Float32Array.from([1e-20, -3e-30, 1e-40, -1e-45]);
  assert.deepEqual(Array.from(map('tanh_map', tiny)), Array.from(tiny));
});

test('special values: ±0, ±∞, NaN, saturation, and e^x flushed to 0 below −87.34', () => {
  const z = [0, -0, Infinity, -Infinity, Number.NaN, 100, -100, 1e30, -1e30];
  const s = map('sigmoid_map', z);
  assert.deepEqual(Array.from(s.subarray(0, 4)), [0.5, 0.5, 1, 0]);
  assert.ok(Number.isNaN(s[4]));
  assert.deepEqual(Array.from(s.subarray(5)), [1, 0, 1, 0]);
  const t = map('tanh_map', z);
  assert.ok(Object.is(t[0], 0) && Object.is(t[1], -0), 'tanh keeps the sign of zero');
  assert.deepEqual(Array.from(t.subarray(2, 4)), [1, -1]);
  assert.ok(Number.isNaN(t[4]));
  assert.deepEqual(Array.from(t.subarray(5)), [1, -1, 1, -1]);
  const e = map('exp_neg_map', [0, -87.3, -87.4, -200, -Infinity, Number.NaN]);
  assert.equal(e[0], 1);
  assert.ok(e[1] > 0 && Math.abs(e[1] - exp(Math.fround(-87.3))) <= ulp32(e[1]), `e^-87.3 = ${e[1]}`);
  assert.deepEqual(Array.from(e.subarray(2, 5)), [0, 0, 0]);
  assert.ok(Number.isNaN(e[5]));
});

test('odd and complementary: tanh(−z) = −tanh(z) bit for bit; σ(−z) = 1 − σ(z) to an ulp of 1', () => {
  const xs = points(0, 20, 5_000);
  const neg = xs.map((x) => -x);
  const tp = map('tanh_map', xs);
  const tn = map('tanh_map', neg);
  for (let i = 0; i < xs.length; i++) assert.ok(Object.is(tn[i], -tp[i]), `tanh(−${xs[i]})`);
  const sp = map('sigmoid_map', xs);
  const sn = map('sigmoid_map', neg);
  for (let i = 0; i < xs.length; i++) assert.ok(Math.abs(sp[i] + sn[i] - 1) <= 2 ** -23, `σ(${xs[i]}) + σ(−${xs[i]})`);
});

test('a value gives the same bits in a full vector and in a tail of 1, 2 or 3 lanes', () => {
  const xs = Float32Array.from([0.3, -2.5, 7.1, -0.01, 1.5, -9, 0.7]); // 4 + a tail of 3
  for (const name of ['sigmoid_map', 'tanh_map', 'exp_neg_map'] as const) {
    const input = name === 'exp_neg_map' ? xs.map((x) => -Math.abs(x)) : xs;
    const all = map(name, input);
    for (let i = 0; i < input.length; i++) assert.ok(Object.is(map(name, [input[i]])[0], all[i]), `${name}(${input[i]})`);
  }
});
