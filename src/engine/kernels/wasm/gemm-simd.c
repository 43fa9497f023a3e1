/*
 * Float32 matrix multiply for WebAssembly SIMD (128-bit: four float32 lanes), the fast path behind gemm.ts.
 * Built by build.mjs (clang --target=wasm32 -msimd128) into ../gemm-simd-module.ts.
 *
 * Operands live in this module's memory, copied in by gemm-simd.ts. Two kernels cover the three transpose
 * cases that matter; op(A)ᵀ·op(B)ᵀ (both transposed) stays in JavaScript.
 *
 *   gemm_bn:  C[m×n] (+)= op(A)[m×k] · B[k×n]      B row-major; op(A)[i, p] = A[i·ars + p·acs]
 *             vectors run along j (4 columns of C per lane group), op(A) entries are broadcast.
 *   gemm_bt:  C[m×n] (+)= A[m×k] · Bᵀ               A row-major m×k, B row-major n×k (so C[i, j] = A_i · B_j)
 *             vectors run along p (the shared dimension); each C entry ends with a sum of the 4 lanes.
 *
 * Every product is formed (no skipping of zeros), so 0 · NaN is NaN as in the definition. Sums are float32,
 * in a fixed order, so results are the same on every run and machine.
 */
#include <wasm_simd128.h>
#include "gemm-simd.h"

typedef float f32;

/* Slice of the shared dimension per pass: keeps the rows of B that a pass reads in cache. */
#ifndef KC
#define KC 256
#endif

static inline void store4(f32 *c, v128_t v, int acc) {
  if (acc) v = wasm_f32x4_add(wasm_v128_load(c), v);
  wasm_v128_store(c, v);
}

static inline void store1(f32 *c, f32 v, int acc) {
  if (acc) *c += v;
  else *c = v;
}

static inline f32 lanes_sum(v128_t v) {
  return (wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1)) +
         (wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3));
}

/* One slice p ∈ [0, kc) of gemm_bn; A and B already point at the slice. */
static void bn_slice(int m, int n, int kc, const f32 *A, int ars, int acs, const f32 *B, f32 *C, int acc) {
  int i = 0;
  for (; i + 4 <= m; i += 4) {
    const f32 *a0 = A + i * ars, *a1 = a0 + ars, *a2 = a1 + ars, *a3 = a2 + ars;
    f32 *c0 = C + i * n, *c1 = c0 + n, *c2 = c1 + n, *c3 = c2 + n;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      v128_t z = wasm_f32x4_splat(0.0f);
      v128_t s00 = z, s01 = z, s10 = z, s11 = z, s20 = z, s21 = z, s30 = z, s31 = z;
      const f32 *b = B + j;
      for (int p = 0, q = 0; p < kc; p++, q += acs, b += n) {
        v128_t b0 = wasm_v128_load(b), b1 = wasm_v128_load(b + 4);
        v128_t x = wasm_f32x4_splat(a0[q]);
        s00 = wasm_f32x4_add(s00, wasm_f32x4_mul(x, b0));
        s01 = wasm_f32x4_add(s01, wasm_f32x4_mul(x, b1));
        x = wasm_f32x4_splat(a1[q]);
        s10 = wasm_f32x4_add(s10, wasm_f32x4_mul(x, b0));
        s11 = wasm_f32x4_add(s11, wasm_f32x4_mul(x, b1));
        x = wasm_f32x4_splat(a2[q]);
        s20 = wasm_f32x4_add(s20, wasm_f32x4_mul(x, b0));
        s21 = wasm_f32x4_add(s21, wasm_f32x4_mul(x, b1));
        x = wasm_f32x4_splat(a3[q]);
        s30 = wasm_f32x4_add(s30, wasm_f32x4_mul(x, b0));
        s31 = wasm_f32x4_add(s31, wasm_f32x4_mul(x, b1));
      }
      store4(c0 + j, s00, acc); store4(c0 + j + 4, s01, acc);
      store4(c1 + j, s10, acc); store4(c1 + j + 4, s11, acc);
      store4(c2 + j, s20, acc); store4(c2 + j + 4, s21, acc);
      store4(c3 + j, s30, acc); store4(c3 + j + 4, s31, acc);
    }
    for (; j + 4 <= n; j += 4) {
      v128_t z = wasm_f32x4_splat(0.0f);
      v128_t s0 = z, s1 = z, s2 = z, s3 = z;
      const f32 *b = B + j;
      for (int p = 0, q = 0; p < kc; p++, q += acs, b += n) {
        v128_t b0 = wasm_v128_load(b);
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_f32x4_splat(a0[q]), b0));
        s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_f32x4_splat(a1[q]), b0));
        s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(wasm_f32x4_splat(a2[q]), b0));
        s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(wasm_f32x4_splat(a3[q]), b0));
      }
      store4(c0 + j, s0, acc); store4(c1 + j, s1, acc); store4(c2 + j, s2, acc); store4(c3 + j, s3, acc);
    }
    for (; j < n; j++) {
      f32 s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      const f32 *b = B + j;
      for (int p = 0, q = 0; p < kc; p++, q += acs, b += n) {
        f32 bv = *b;
        s0 += a0[q] * bv; s1 += a1[q] * bv; s2 += a2[q] * bv; s3 += a3[q] * bv;
      }
      store1(c0 + j, s0, acc); store1(c1 + j, s1, acc); store1(c2 + j, s2, acc); store1(c3 + j, s3, acc);
    }
  }
  for (; i < m; i++) {
    const f32 *a0 = A + i * ars;
    f32 *c0 = C + i * n;
    int j = 0;
    for (; j + 8 <= n; j += 8) {
      v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
      const f32 *b = B + j;
      for (int p = 0, q = 0; p < kc; p++, q += acs, b += n) {
        v128_t x = wasm_f32x4_splat(a0[q]);
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(x, wasm_v128_load(b)));
        s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(x, wasm_v128_load(b + 4)));
      }
      store4(c0 + j, s0, acc); store4(c0 + j + 4, s1, acc);
    }
    for (; j + 4 <= n; j += 4) {
      v128_t s0 = wasm_f32x4_splat(0.0f);
      const f32 *b = B + j;
      for (int p = 0, q = 0; p < kc; p++, q += acs, b += n) {
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_f32x4_splat(a0[q]), wasm_v128_load(b)));
      }
      store4(c0 + j, s0, acc);
    }
    for (; j < n; j++) {
      f32 s = 0;
      const f32 *b = B + j;
      for (int p = 0, q = 0; p < kc; p++, q += acs, b += n) s += a0[q] * *b;
      store1(c0 + j, s, acc);
    }
  }
}

/*
 * A transposed op(A) (acs > 1, as in ∂W = ∂zᵀ·h) is copied MB rows at a time into a row-major panel first. Read in
 * place, one row's entries are acs floats apart: for ∂zᵀ·h that is a cache line per product term, 2 kB apart, so
 * the lines of a slice share a few cache sets and are fetched again for every block of rows and columns. The
 * copy reads each line of A once. Row blocks are the outer loop, so the MB rows of C they write stay in cache
 * across the slices of the shared dimension; each entry still sums its slices in order, so results are unchanged.
 */
#define MB 128
static f32 a_panel[MB * KC];

static void pack_rows(int mb, int kc, const f32 *A, int ars, int acs) {
  for (int r0 = 0; r0 < mb; r0 += 16) {
    int r1 = r0 + 16 < mb ? r0 + 16 : mb;
    for (int p = 0; p < kc; p++) {
      const f32 *a = A + p * acs;
      for (int r = r0; r < r1; r++) a_panel[r * KC + p] = a[r * ars];
    }
  }
}

__attribute__((export_name("gemm_bn")))
void gemm_bn(int m, int n, int k, const f32 *A, int ars, int acs, const f32 *B, f32 *C, int acc) {
  if (acs == 1) {
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = k - p0 < KC ? k - p0 : KC;
      bn_slice(m, n, kc, A + p0, ars, 1, B + p0 * n, C, acc || p0 > 0);
    }
    return;
  }
  for (int i0 = 0; i0 < m; i0 += MB) {
    int mb = m - i0 < MB ? m - i0 : MB;
    for (int p0 = 0; p0 < k; p0 += KC) {
      int kc = k - p0 < KC ? k - p0 : KC;
      pack_rows(mb, kc, A + i0 * ars + p0 * acs, ars, acs);
      bn_slice(mb, n, kc, a_panel, KC, 1, B + p0 * n, C + i0 * n, acc || p0 > 0);
    }
  }
}

/* Σ_p a[p]·b[p] for p ∈ [k4, k) (the tail the vectors did not cover). */
static inline f32 dot_tail(const f32 *a, const f32 *b, int k4, int k) {
  f32 s = 0;
  for (int p = k4; p < k; p++) s += a[p] * b[p];
  return s;
}

/* gemm_bt on n columns of C, whose rows are ldc apart. */
static void bt_block(int m, int n, int k, const f32 *A, const f32 *B, f32 *C, int ldc, int acc) {
  const int k4 = k & ~3;
  int i = 0;
  for (; i + 2 <= m; i += 2) {
    const f32 *a0 = A + i * k, *a1 = a0 + k;
    f32 *c0 = C + i * ldc, *c1 = c0 + ldc;
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      const f32 *b0 = B + j * k, *b1 = b0 + k, *b2 = b1 + k, *b3 = b2 + k;
      v128_t z = wasm_f32x4_splat(0.0f);
      v128_t s00 = z, s01 = z, s02 = z, s03 = z, s10 = z, s11 = z, s12 = z, s13 = z;
      for (int p = 0; p < k4; p += 4) {
        v128_t x0 = wasm_v128_load(a0 + p), x1 = wasm_v128_load(a1 + p);
        v128_t y = wasm_v128_load(b0 + p);
        s00 = wasm_f32x4_add(s00, wasm_f32x4_mul(x0, y));
        s10 = wasm_f32x4_add(s10, wasm_f32x4_mul(x1, y));
        y = wasm_v128_load(b1 + p);
        s01 = wasm_f32x4_add(s01, wasm_f32x4_mul(x0, y));
        s11 = wasm_f32x4_add(s11, wasm_f32x4_mul(x1, y));
        y = wasm_v128_load(b2 + p);
        s02 = wasm_f32x4_add(s02, wasm_f32x4_mul(x0, y));
        s12 = wasm_f32x4_add(s12, wasm_f32x4_mul(x1, y));
        y = wasm_v128_load(b3 + p);
        s03 = wasm_f32x4_add(s03, wasm_f32x4_mul(x0, y));
        s13 = wasm_f32x4_add(s13, wasm_f32x4_mul(x1, y));
      }
      store1(c0 + j, lanes_sum(s00) + dot_tail(a0, b0, k4, k), acc);
      store1(c0 + j + 1, lanes_sum(s01) + dot_tail(a0, b1, k4, k), acc);
      store1(c0 + j + 2, lanes_sum(s02) + dot_tail(a0, b2, k4, k), acc);
      store1(c0 + j + 3, lanes_sum(s03) + dot_tail(a0, b3, k4, k), acc);
      store1(c1 + j, lanes_sum(s10) + dot_tail(a1, b0, k4, k), acc);
      store1(c1 + j + 1, lanes_sum(s11) + dot_tail(a1, b1, k4, k), acc);
      store1(c1 + j + 2, lanes_sum(s12) + dot_tail(a1, b2, k4, k), acc);
      store1(c1 + j + 3, lanes_sum(s13) + dot_tail(a1, b3, k4, k), acc);
    }
    for (; j < n; j++) {
      const f32 *b0 = B + j * k;
      v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
      for (int p = 0; p < k4; p += 4) {
        v128_t y = wasm_v128_load(b0 + p);
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(a0 + p), y));
        s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(a1 + p), y));
      }
      store1(c0 + j, lanes_sum(s0) + dot_tail(a0, b0, k4, k), acc);
      store1(c1 + j, lanes_sum(s1) + dot_tail(a1, b0, k4, k), acc);
    }
  }
  for (; i < m; i++) {
    /* One row against 4 rows of B at a time: the matrix-vector case of generation (m = 1). */
    const f32 *a0 = A + i * k;
    f32 *c0 = C + i * ldc;
    int j = 0;
    for (; j + 4 <= n; j += 4) {
      const f32 *b0 = B + j * k, *b1 = b0 + k, *b2 = b1 + k, *b3 = b2 + k;
      v128_t z = wasm_f32x4_splat(0.0f);
      v128_t s0 = z, s1 = z, s2 = z, s3 = z;
      for (int p = 0; p < k4; p += 4) {
        v128_t x = wasm_v128_load(a0 + p);
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(x, wasm_v128_load(b0 + p)));
        s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(x, wasm_v128_load(b1 + p)));
        s2 = wasm_f32x4_add(s2, wasm_f32x4_mul(x, wasm_v128_load(b2 + p)));
        s3 = wasm_f32x4_add(s3, wasm_f32x4_mul(x, wasm_v128_load(b3 + p)));
      }
      store1(c0 + j, lanes_sum(s0) + dot_tail(a0, b0, k4, k), acc);
      store1(c0 + j + 1, lanes_sum(s1) + dot_tail(a0, b1, k4, k), acc);
      store1(c0 + j + 2, lanes_sum(s2) + dot_tail(a0, b2, k4, k), acc);
      store1(c0 + j + 3, lanes_sum(s3) + dot_tail(a0, b3, k4, k), acc);
    }
    for (; j < n; j++) {
      const f32 *b0 = B + j * k;
      v128_t s0 = wasm_f32x4_splat(0.0f);
      for (int p = 0; p < k4; p += 4) s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(a0 + p), wasm_v128_load(b0 + p)));
      store1(c0 + j, lanes_sum(s0) + dot_tail(a0, b0, k4, k), acc);
    }
  }
}

/*
 * Columns of C are taken NB at a time, so that the NB rows of B a pass reads (NB·k floats, about 128 kB) stay in
 * cache while every row of A goes by; without it a large B (the 4000×256 output layer of W4) would be read from
 * memory once per pair of rows of A. Each entry of C is the same sum as without the blocking.
 */
__attribute__((export_name("gemm_bt")))
void gemm_bt(int m, int n, int k, const f32 *A, const f32 *B, f32 *C, int acc) {
  int nb = (32768 / (k > 0 ? k : 1)) & ~3;
  if (nb < 4) nb = 4;
  for (int j0 = 0; j0 < n; j0 += nb) bt_block(m, n - j0 < nb ? n - j0 : nb, k, A, B + j0 * k, C + j0, n, acc);
}
