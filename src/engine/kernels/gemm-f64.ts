/**
 * The float64 copy of the blocked gemm kernel (see gemm.ts for the contract and how it is fast).
 *
 * gemm-f32.ts and gemm-f64.ts are one text with the 32-bit names (array type, function name, the word in the
 * first line) swapped for the 64-bit ones; a unit test keeps them identical up to that swap. Two copies exist
 * because V8 compiles a function for the array types it has seen: one kernel fed arrays of both precisions
 * runs about a quarter slower for each.
 * Callers pass m, n, k ≥ 1 and checked offsets.
 */

/** Slice of the shared dimension p handled per pass (rows of op(B) kept hot). */
const KC = 256;
/** Rows of C handled per pass (rows of op(A) kept hot). */
const MC = 64;

export function gemmF64(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float64Array,
  aOff: number,
  b: Float64Array,
  bOff: number,
  c: Float64Array,
  cOff: number,
  accumulate: boolean,
): void {
  // op(A)[i, p] = a[aOff + i*ai + p*ap];  op(B)[p, j] = b[bOff + p*bp + j*bj]
  const ai = transA ? 1 : k;
  const ap = transA ? m : 1;
  const bp = transB ? 1 : n;
  const bj = transB ? k : 1;
  const m4 = m - (m & 3);
  const n4 = n - (n & 3);
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = Math.min(KC, k - p0);
    // Later slices of p add to what the earlier ones stored.
    const acc = accumulate || p0 > 0;
    const aP = aOff + p0 * ap;
    const bP = bOff + p0 * bp;
    for (let i0 = 0; i0 < m; i0 += MC) {
      const iEnd = Math.min(i0 + MC, m);
      const iEnd4 = Math.min(iEnd, m4);
      for (let j = 0; j < n4; j += 4) {
        const pb = bP + j * bj;
        for (let i = i0; i < iEnd4; i += 4) block4x4(a, aP + i * ai, ai, ap, b, pb, bj, bp, kc, c, cOff + i * n + j, n, acc);
      }
      for (let j = n4; j < n; j++) {
        const pb = bP + j * bj;
        for (let i = i0; i < iEnd4; i += 4) block4x1(a, aP + i * ai, ai, ap, b, pb, bp, kc, c, cOff + i * n + j, n, acc);
      }
      // Rows left over below the 4-row blocks (all rows when m < 4, as in a matrix-vector product): one row
      // against 8 columns at a time, which keeps 8 independent sums in flight.
      for (let i = iEnd4; i < iEnd; i++) {
        const pa = aP + i * ai;
        const pc = cOff + i * n;
        let j = 0;
        for (; j + 8 <= n; j += 8) block1x8(a, pa, ap, b, bP + j * bj, bj, bp, kc, c, pc + j, acc);
        for (; j + 4 <= n; j += 4) block1x4(a, pa, ap, b, bP + j * bj, bj, bp, kc, c, pc + j, acc);
        for (; j < n; j++) block1x1(a, pa, ap, b, bP + j * bj, bp, kc, c, pc + j, acc);
      }
    }
  }
}

/** C[4×4 block at pc, row stride n] (+)= Σ_p op(A)[4 rows from pa] · op(B)[4 columns from pb]. */
function block4x4(
  a: Float64Array, pa: number, ai: number, ap: number,
  b: Float64Array, pb: number, bj: number, bp: number,
  kc: number, c: Float64Array, pc: number, n: number, acc: boolean,
): void {
  const ai2 = ai + ai, ai3 = ai2 + ai;
  const bj2 = bj + bj, bj3 = bj2 + bj;
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
  let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
  let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a0 = a[pa], a1 = a[pa + ai], a2 = a[pa + ai2], a3 = a[pa + ai3];
    const b0 = b[pb], b1 = b[pb + bj], b2 = b[pb + bj2], b3 = b[pb + bj3];
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
    pa += ap;
    pb += bp;
  }
  if (acc) {
    c[pc] += c00; c[pc + 1] += c01; c[pc + 2] += c02; c[pc + 3] += c03; pc += n;
    c[pc] += c10; c[pc + 1] += c11; c[pc + 2] += c12; c[pc + 3] += c13; pc += n;
    c[pc] += c20; c[pc + 1] += c21; c[pc + 2] += c22; c[pc + 3] += c23; pc += n;
    c[pc] += c30; c[pc + 1] += c31; c[pc + 2] += c32; c[pc + 3] += c33;
  } else {
    c[pc] = c00; c[pc + 1] = c01; c[pc + 2] = c02; c[pc + 3] = c03; pc += n;
    c[pc] = c10; c[pc + 1] = c11; c[pc + 2] = c12; c[pc + 3] = c13; pc += n;
    c[pc] = c20; c[pc + 1] = c21; c[pc + 2] = c22; c[pc + 3] = c23; pc += n;
    c[pc] = c30; c[pc + 1] = c31; c[pc + 2] = c32; c[pc + 3] = c33;
  }
}

/** One row of C against an 8-column block (leftover rows; the matrix-vector case). */
function block1x8(
  a: Float64Array, pa: number, ap: number,
  b: Float64Array, pb: number, bj: number, bp: number,
  kc: number, c: Float64Array, pc: number, acc: boolean,
): void {
  const bj2 = bj + bj, bj3 = bj2 + bj, bj4 = bj3 + bj, bj5 = bj4 + bj, bj6 = bj5 + bj, bj7 = bj6 + bj;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0, c6 = 0, c7 = 0;
  for (let p = 0; p < kc; p++) {
    const av = a[pa];
    c0 += av * b[pb]; c1 += av * b[pb + bj]; c2 += av * b[pb + bj2]; c3 += av * b[pb + bj3];
    c4 += av * b[pb + bj4]; c5 += av * b[pb + bj5]; c6 += av * b[pb + bj6]; c7 += av * b[pb + bj7];
    pa += ap;
    pb += bp;
  }
  if (acc) {
    c[pc] += c0; c[pc + 1] += c1; c[pc + 2] += c2; c[pc + 3] += c3;
    c[pc + 4] += c4; c[pc + 5] += c5; c[pc + 6] += c6; c[pc + 7] += c7;
  } else {
    c[pc] = c0; c[pc + 1] = c1; c[pc + 2] = c2; c[pc + 3] = c3;
    c[pc + 4] = c4; c[pc + 5] = c5; c[pc + 6] = c6; c[pc + 7] = c7;
  }
}

/** One row of C against a 4-column block (rows left over when m is not a multiple of 4). */
function block1x4(
  a: Float64Array, pa: number, ap: number,
  b: Float64Array, pb: number, bj: number, bp: number,
  kc: number, c: Float64Array, pc: number, acc: boolean,
): void {
  const bj2 = bj + bj, bj3 = bj2 + bj;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (let p = 0; p < kc; p++) {
    const av = a[pa];
    c0 += av * b[pb]; c1 += av * b[pb + bj]; c2 += av * b[pb + bj2]; c3 += av * b[pb + bj3];
    pa += ap;
    pb += bp;
  }
  if (acc) {
    c[pc] += c0; c[pc + 1] += c1; c[pc + 2] += c2; c[pc + 3] += c3;
  } else {
    c[pc] = c0; c[pc + 1] = c1; c[pc + 2] = c2; c[pc + 3] = c3;
  }
}

/** A 4-row block of C against one column (columns left over when n is not a multiple of 4). */
function block4x1(
  a: Float64Array, pa: number, ai: number, ap: number,
  b: Float64Array, pb: number, bp: number,
  kc: number, c: Float64Array, pc: number, n: number, acc: boolean,
): void {
  const ai2 = ai + ai, ai3 = ai2 + ai;
  let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
  for (let p = 0; p < kc; p++) {
    const bv = b[pb];
    c0 += a[pa] * bv; c1 += a[pa + ai] * bv; c2 += a[pa + ai2] * bv; c3 += a[pa + ai3] * bv;
    pa += ap;
    pb += bp;
  }
  if (acc) {
    c[pc] += c0; c[pc + n] += c1; c[pc + 2 * n] += c2; c[pc + 3 * n] += c3;
  } else {
    c[pc] = c0; c[pc + n] = c1; c[pc + 2 * n] = c2; c[pc + 3 * n] = c3;
  }
}

/** One entry of C (the corner left over on both edges). */
function block1x1(
  a: Float64Array, pa: number, ap: number,
  b: Float64Array, pb: number, bp: number,
  kc: number, c: Float64Array, pc: number, acc: boolean,
): void {
  let s = 0;
  for (let p = 0; p < kc; p++) {
    s += a[pa] * b[pb];
    pa += ap;
    pb += bp;
  }
  if (acc) c[pc] += s;
  else c[pc] = s;
}
