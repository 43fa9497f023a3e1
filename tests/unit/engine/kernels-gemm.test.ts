import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gemm, type FloatArray } from '../../../src/engine/kernels/gemm.ts';
import { gemmReference } from '../../../src/engine/kernels/gemm-reference.ts';
import { gemmSimd, gemmSimdStatus, setGemmSimdEnabled } from '../../../src/engine/kernels/gemm-simd.ts';

type Ctor = Float32ArrayConstructor | Float64ArrayConstructor;
type Gemm = typeof gemm;

/** The SIMD kernel called directly (whatever the size), failing if it declines a case it should cover. */
const simdOnly: Gemm = (tA, tB, m, n, k, a, aOff, b, bOff, c, cOff, acc) => {
  const done = gemmSimd(tA, tB, m, n, k, a as Float32Array, aOff, b as Float32Array, bOff, c as Float32Array, cOff, acc);
  assert.ok(done, `gemmSimd declined transA=${tA} transB=${tB} ${m}x${n}x${k}`);
};

/** Deterministic values in [-1, 1) (a tiny LCG; the test must not depend on the engine's Rng). */
function fill(arr: FloatArray, seed: number): void {
  let s = seed >>> 0;
  for (let i = 0; i < arr.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    arr[i] = s / 2 ** 31 - 1;
  }
}

/** Largest |x − y| / (1 + |y|) over the range, with NaN matched only by NaN. */
function maxRelDiff(x: FloatArray, y: FloatArray, from: number, to: number): number {
  let worst = 0;
  for (let i = from; i < to; i++) {
    if (Number.isNaN(y[i]) || Number.isNaN(x[i])) {
      if (Number.isNaN(y[i]) !== Number.isNaN(x[i])) return Infinity;
      continue;
    }
    worst = Math.max(worst, Math.abs(x[i] - y[i]) / (1 + Math.abs(y[i])));
  }
  return worst;
}

function check(
  Arr: Ctor, transA: boolean, transB: boolean, m: number, n: number, k: number,
  offs: [number, number, number], accumulate: boolean, tol: number, impl: Gemm = gemm,
): void {
  const [aOff, bOff, cOff] = offs;
  const tail = 3; // guard entries after each operand must stay untouched
  const a = new Arr(aOff + m * k + tail);
  const b = new Arr(bOff + k * n + tail);
  const c = new Arr(cOff + m * n + tail);
  fill(a, 1 + m * 131 + k);
  fill(b, 7 + n * 17 + k);
  fill(c, 3 + m + n);
  const expected = c.slice();
  gemmReference(transA, transB, m, n, k, a, aOff, b, bOff, expected, cOff, accumulate);
  impl(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
  const where = `${Arr.name} transA=${transA} transB=${transB} m=${m} n=${n} k=${k} offs=${offs} acc=${accumulate}`;
  const d = maxRelDiff(c, expected, cOff, cOff + m * n);
  if (!(d <= tol)) {
    assert.fail(`${where}: max relative difference ${d}; first entries ${Array.from(c.subarray(cOff, cOff + 4))} vs ${Array.from(expected.subarray(cOff, cOff + 4))}`);
  }
  for (let i = 0; i < c.length; i++) {
    if (i < cOff || i >= cOff + m * n) assert.equal(c[i], expected[i], `${where}: entry ${i} outside C changed`);
  }
}

const cases: [boolean, boolean][] = [[false, false], [false, true], [true, false], [true, true]];

for (const Arr of [Float64Array, Float32Array] as Ctor[]) {
  const tol = Arr === Float64Array ? 1e-13 : 1e-5;
  test(`gemm matches the reference for every transpose case and all sizes 1..17 (${Arr.name})`, () => {
    for (const [tA, tB] of cases) {
      for (let m = 1; m <= 17; m++) {
        for (let n = 1; n <= 17; n++) {
          for (const k of [1, 2, 3, 4, 5, 7, 8, 13, 16, 17]) {
            check(Arr, tA, tB, m, n, k, [0, 0, 0], (m + n + k) % 2 === 0, tol);
          }
        }
      }
    }
  });

  test(`gemm honours offsets and accumulate on and off (${Arr.name})`, () => {
    for (const [tA, tB] of cases) {
      for (const [m, n, k] of [[5, 9, 3], [8, 12, 16], [17, 4, 11], [1, 13, 6], [6, 1, 9]]) {
        for (const offs of [[0, 0, 0], [3, 5, 7], [11, 0, 2]] as [number, number, number][]) {
          check(Arr, tA, tB, m, n, k, offs, false, tol);
          check(Arr, tA, tB, m, n, k, offs, true, tol);
        }
      }
    }
  });

  test(`gemm matches the reference when the shared dimension and the rows are cut into slices (${Arr.name})`, () => {
    // k > 256 and m > 64 exercise the cache slices, including ragged last slices.
    for (const [tA, tB] of cases) {
      check(Arr, tA, tB, 70, 9, 300, [1, 2, 3], false, tol * 10);
      check(Arr, tA, tB, 67, 6, 513, [0, 0, 0], true, tol * 10);
    }
  });

  test(`gemm propagates NaN and Infinity: 0 · NaN and 0 · ∞ are NaN (${Arr.name})`, () => {
    for (const [tA, tB] of cases) {
      for (const [m, n, k] of [[4, 4, 4], [5, 7, 3], [1, 1, 1], [9, 6, 5]]) {
        const a = new Arr(m * k); // all zeros
        const b = new Arr(k * n);
        fill(b, 5);
        b[0] = NaN;
        b[b.length - 1] = Infinity;
        const c = new Arr(m * n);
        gemm(tA, tB, m, n, k, a, 0, b, 0, c, 0, false);
        const expected = new Arr(m * n);
        gemmReference(tA, tB, m, n, k, a, 0, b, 0, expected, 0, false);
        for (let i = 0; i < c.length; i++) {
          assert.equal(Number.isNaN(c[i]), Number.isNaN(expected[i]), `entry ${i} (transA=${tA} transB=${tB} ${m}x${n}x${k})`);
        }
        // op(B)[0, 0] is NaN, so the first column of C must be all NaN.
        for (let i = 0; i < m; i++) assert.ok(Number.isNaN(c[i * n]), `C[${i}, 0] should be NaN`);
        // accumulate into C that already holds NaN keeps it.
        const c2 = new Arr(m * n).fill(NaN);
        gemm(tA, tB, m, n, k, new Arr(m * k), 0, new Arr(k * n), 0, c2, 0, true);
        assert.ok(c2.every((v) => Number.isNaN(v)), 'accumulate onto NaN keeps NaN');
      }
    }
  });
}

test('gemm with k = 0 stores zeros or leaves C as it is when accumulating', () => {
  const c = new Float32Array([1, 2, 3, 4]);
  gemm(false, false, 2, 2, 0, new Float32Array(0), 0, new Float32Array(0), 0, c, 0, true);
  assert.deepEqual(Array.from(c), [1, 2, 3, 4]);
  gemm(false, false, 2, 2, 0, new Float32Array(0), 0, new Float32Array(0), 0, c, 0, false);
  assert.deepEqual(Array.from(c), [0, 0, 0, 0]);
});

test('gemm accepts mixed precisions and rounds into the output type', () => {
  const a = new Float32Array([1, 2, 3, 4, 5, 6]); // 2×3
  const b = new Float64Array([1, 0, 0, 1, 1, 1]); // 3×2
  const c = new Float64Array(4);
  gemm(false, false, 2, 2, 3, a, 0, b, 0, c, 0, false);
  assert.deepEqual(Array.from(c), [4, 5, 10, 11]);
});

test('gemm float32 sums in double precision and rounds once', () => {
  // 1 + 2^-24 · 4 is representable in float32 only after the four small terms are summed together.
  const k = 5;
  const a = new Float32Array([1, 2 ** -24, 2 ** -24, 2 ** -24, 2 ** -24]);
  const b = new Float32Array(k).fill(1);
  const c = new Float32Array(1);
  gemm(false, false, 1, 1, k, a, 0, b, 0, c, 0, false);
  assert.equal(c[0], Math.fround(1 + 2 ** -22));
});

test('gemm rejects operands that are too short, naming the operand and the sizes', () => {
  const z = new Float32Array(6);
  assert.throws(
    () => gemm(false, false, 2, 3, 2, new Float32Array(3), 0, z, 0, z, 0, false),
    { message: 'gemm: a needs 4 elements from offset 0, but has length 3' },
  );
  assert.throws(
    () => gemm(false, false, 2, 3, 2, z, 0, z, 1, z, 0, false),
    { message: 'gemm: b needs 6 elements from offset 1, but has length 6' },
  );
  assert.throws(
    () => gemm(false, false, 2, 3, 2, z, 0, z, 0, new Float32Array(5), 0, false),
    { message: 'gemm: c needs 6 elements from offset 0, but has length 5' },
  );
  assert.throws(() => gemm(false, false, 2.5, 3, 2, z, 0, z, 0, z, 0, false), /m, n, k must be non-negative integers/);
});

test('the float32 and float64 kernel files are the same text up to the precision names', () => {
  const dir = new URL('../../../src/engine/kernels/', import.meta.url);
  const f32 = readFileSync(new URL('gemm-f32.ts', dir), 'utf8');
  const f64 = readFileSync(new URL('gemm-f64.ts', dir), 'utf8');
  const swapped = f32.replaceAll('Float32Array', 'Float64Array').replaceAll('F32', 'F64').replaceAll('float32', 'float64');
  assert.equal(f64, swapped, 'edit gemm-f32.ts and gemm-f64.ts together');
});

test('the WebAssembly SIMD kernel loads in Node', () => {
  assert.equal(gemmSimdStatus(), 'ready');
});

test('the SIMD kernel matches the reference for sizes 1..17, offsets, accumulate, and cache slices', () => {
  const simdCases = cases.filter(([tA, tB]) => !(tA && tB));
  for (const [tA, tB] of simdCases) {
    for (let m = 1; m <= 17; m++) {
      for (let n = 1; n <= 17; n++) {
        for (const k of [1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17]) {
          check(Float32Array, tA, tB, m, n, k, [0, 0, 0], (m + n + k) % 2 === 1, 1e-5, simdOnly);
        }
      }
    }
    for (const offs of [[3, 5, 7], [1, 2, 3]] as [number, number, number][]) {
      check(Float32Array, tA, tB, 9, 13, 11, offs, false, 1e-5, simdOnly);
      check(Float32Array, tA, tB, 9, 13, 11, offs, true, 1e-5, simdOnly);
    }
    check(Float32Array, tA, tB, 37, 21, 600, [1, 2, 3], true, 1e-4, simdOnly);
    check(Float32Array, tA, tB, 1, 512, 128, [0, 0, 0], false, 1e-5, simdOnly);
    // Wide enough for gemm_bt to take the columns in blocks (32768 / k per pass), with a ragged last block.
    check(Float32Array, tA, tB, 5, 1043, 70, [1, 2, 3], true, 1e-5, simdOnly);
  }
  // Both transposed is left to JavaScript.
  assert.equal(gemmSimd(true, true, 4, 4, 4, new Float32Array(16), 0, new Float32Array(16), 0, new Float32Array(16), 0, false), false);
});

test('the SIMD kernel gives op(A)ᵀ·B the same bits as the product with Aᵀ written out (the packed panel path)', () => {
  // m = 300 rows of op(A) take three panels (the last partial, not a multiple of 4) over three slices of k;
  // m = 512, n = 128 is the ∂W_hh = ∂zᵀ·h shape of W1. Each entry must be the same float32 sum in the same order.
  for (const [m, n, k] of [[300, 21, 600], [512, 128, 300], [8, 12, 5]]) {
    const a = new Float32Array(k * m); // A [k, m]: op(A) = Aᵀ
    const b = new Float32Array(k * n);
    fill(a, m + 1);
    fill(b, n + 2);
    const aT = new Float32Array(m * k);
    for (let p = 0; p < k; p++) for (let i = 0; i < m; i++) aT[i * k + p] = a[p * m + i];
    for (const acc of [false, true]) {
      const packed = new Float32Array(m * n);
      const direct = new Float32Array(m * n);
      fill(packed, 7);
      fill(direct, 7);
      simdOnly(true, false, m, n, k, a, 0, b, 0, packed, 0, acc);
      simdOnly(false, false, m, n, k, aT, 0, b, 0, direct, 0, acc);
      for (let q = 0; q < m * n; q++) {
        if (!Object.is(packed[q], direct[q])) assert.fail(`${m}x${n}x${k} acc=${acc}: entry ${q} is ${packed[q]}, written out ${direct[q]}`);
      }
    }
  }
});

test('the SIMD kernel propagates NaN: 0 · NaN is NaN on every lane and in every tail', () => {
  for (const [tA, tB] of cases.filter(([x, y]) => !(x && y))) {
    for (const [m, n, k] of [[4, 8, 4], [5, 13, 7], [1, 9, 6], [3, 3, 9]]) {
      const a = new Float32Array(m * k);
      for (let p = 0; p < k * n; p += 1) {
        const b = new Float32Array(k * n);
        b[p] = NaN;
        const c = new Float32Array(m * n);
        simdOnly(tA, tB, m, n, k, a, 0, b, 0, c, 0, false);
        const expected = new Float32Array(m * n);
        gemmReference(tA, tB, m, n, k, a, 0, b, 0, expected, 0, false);
        for (let i = 0; i < c.length; i++) {
          assert.equal(Number.isNaN(c[i]), Number.isNaN(expected[i]), `NaN at b[${p}], entry ${i} (transA=${tA} transB=${tB} ${m}x${n}x${k})`);
        }
      }
    }
  }
});

test('gemm gives the same float32 results with the SIMD path switched off, to float32 rounding', () => {
  const m = 33, n = 70, k = 129;
  const a = new Float32Array(m * k), b = new Float32Array(k * n);
  fill(a, 11);
  fill(b, 12);
  const viaSimd = new Float32Array(m * n);
  const viaJs = new Float32Array(m * n);
  gemm(false, false, m, n, k, a, 0, b, 0, viaSimd, 0, false);
  setGemmSimdEnabled(false);
  try {
    assert.equal(gemmSimdStatus(), 'disabled');
    gemm(false, false, m, n, k, a, 0, b, 0, viaJs, 0, false);
  } finally {
    setGemmSimdEnabled(true);
  }
  assert.equal(gemmSimdStatus(), 'ready');
  assert.ok(maxRelDiff(viaSimd, viaJs, 0, m * n) < 1e-5);
  assert.notDeepEqual(Array.from(viaSimd), Array.from(viaJs), 'the two paths sum in different precisions, so some bits differ');
});
