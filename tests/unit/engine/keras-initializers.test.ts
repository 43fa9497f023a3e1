import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/rng.ts';
import { glorotUniform, orthogonal, lstmBias, householderQ } from '../../../src/engine/keras/initializers.ts';

function gram(w: Float64Array, rows: number, cols: number, byRows: boolean): Float64Array {
  const n = byRows ? rows : cols;
  const g = new Float64Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      let s = 0;
      const len = byRows ? cols : rows;
      for (let k = 0; k < len; k++) s += byRows ? w[a * cols + k] * w[b * cols + k] : w[k * cols + a] * w[k * cols + b];
      g[a * n + b] = s;
    }
  }
  return g;
}

function assertIdentity(g: Float64Array, n: number): void {
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    assert.ok(Math.abs(g[a * n + b] - (a === b ? 1 : 0)) < 1e-12, `G[${a},${b}] = ${g[a * n + b]}`);
  }
}

test('orthogonal [H, 4H] has orthonormal rows (W Wᵀ = I), [4H, H] orthonormal columns', () => {
  const H = 6;
  assertIdentity(gram(orthogonal(H, 4 * H, new Rng(1)), H, 4 * H, true), H);
  assertIdentity(gram(orthogonal(4 * H, H, new Rng(1)), 4 * H, H, false), H);
  assertIdentity(gram(orthogonal(5, 5, new Rng(2)), 5, 5, true), 5);
});

test('orthogonal is seeded and its QR is sign-corrected (R has a positive diagonal)', () => {
  assert.deepEqual(orthogonal(3, 12, new Rng(9)), orthogonal(3, 12, new Rng(9)));
  assert.notDeepEqual(orthogonal(3, 12, new Rng(9)), orthogonal(3, 12, new Rng(10)));
  // For A = QR with diag(R) > 0, QᵀA = R is upper triangular with a positive diagonal.
  const m = 5, n = 3;
  const a = Float64Array.from({ length: m * n }, (_, k) => Math.sin(k + 1) * 2);
  const q = householderQ(a, m, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let r = 0;
    for (let k = 0; k < m; k++) r += q[k * n + i] * a[k * n + j];
    if (i === j) assert.ok(r > 0, `R[${i},${i}] = ${r}`);
    if (i > j) assert.ok(Math.abs(r) < 1e-12, `R[${i},${j}] = ${r}`);
  }
});

test('glorotUniform stays within ±√(6 / (fanIn + fanOut)) and fills the range', () => {
  const w = glorotUniform(20, 40, new Rng(3));
  const limit = Math.sqrt(6 / 60);
  let max = 0;
  for (const x of w) {
    assert.ok(Math.abs(x) < limit);
    max = Math.max(max, Math.abs(x));
  }
  assert.ok(max > 0.95 * limit);
  assert.throws(() => glorotUniform(0, 3, new Rng(0)), { message: 'glorotUniform: sizes expected positive integers, got 0 × 3' });
});

test('lstmBias is zero except a forget-gate block of ones (gate order i, f, c, o)', () => {
  assert.deepEqual([...lstmBias(2)], [0, 0, 1, 1, 0, 0, 0, 0]);
  assert.deepEqual([...lstmBias(2, false)], [0, 0, 0, 0, 0, 0, 0, 0]);
});
