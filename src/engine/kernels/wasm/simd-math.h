/*
 * e^x, σ(z) and tanh(z) on four float32 lanes, written with + − × ÷, comparisons and integer bit operations
 * only. WebAssembly rounds each of these exactly as IEEE 754 says and never fuses a multiply-add, so every
 * browser and Node give the same bits. The scalar float64 functions of exact-math.ts are their reference
 * (tests/unit/engine/kernels-simd-math.test.ts bounds the difference in float32 ulps).
 *
 * Lanes are independent: a tail shorter than four lanes is computed in a padded vector and gives the same
 * bits as in a full one.
 */
#ifndef SIMD_MATH_H
#define SIMD_MATH_H
#include <wasm_simd128.h>

typedef float f32;

#define F4(x) wasm_f32x4_splat(x)
#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL wasm_f32x4_mul
#define DIV wasm_f32x4_div

/* |x| and the sign bit of x, by masking the IEEE bits. */
static inline v128_t abs4(v128_t x) { return wasm_v128_and(x, wasm_i32x4_splat(0x7fffffff)); }
static inline v128_t sign4(v128_t x) { return wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000)); }

/*
 * e^x for x ≤ 0 (what σ and tanh need: they only ever take e^{−|z|}). Cody–Waite reduction
 *   x = k·ln2 + r, |r| ≤ ln2/2,  e^x = 2^k · e^r,
 * with k = round(x/ln2) by the 1.5·2^23 trick (adding it leaves k in the low mantissa bits, so both the
 * rounded float and the integer k come out of + − and an integer subtraction), ln2 split in two so k·LN2_HI
 * is exact, and e^r from Cephes' expf polynomial (relative error about 1e-7). 2^k is built directly in the
 * exponent bits. Below −87.3 the result would be subnormal: it is flushed to 0. NaN stays NaN.
 */
static inline v128_t exp_neg4(v128_t x) {
  const v128_t magic = F4(12582912.0f); /* 1.5·2^23 */
  v128_t kf = ADD(MUL(x, F4(1.44269504088896341f)), magic);
  v128_t k = wasm_i32x4_sub(kf, magic); /* integer k: the float bits minus magic's bits */
  kf = SUB(kf, magic);
  v128_t r = SUB(SUB(x, MUL(kf, F4(0.693359375f))), MUL(kf, F4(-2.12194440e-4f)));
  v128_t p = F4(1.9875691500e-4f);
  p = ADD(MUL(p, r), F4(1.3981999507e-3f));
  p = ADD(MUL(p, r), F4(8.3334519073e-3f));
  p = ADD(MUL(p, r), F4(4.1665795894e-2f));
  p = ADD(MUL(p, r), F4(1.6666665459e-1f));
  p = ADD(MUL(p, r), F4(5.0000001201e-1f));
  p = ADD(ADD(MUL(MUL(p, r), r), r), F4(1.0f)); /* e^r = 1 + r + r²·P(r) */
  v128_t scale = wasm_i32x4_shl(wasm_i32x4_add(k, wasm_i32x4_splat(127)), 23);
  v128_t y = MUL(p, scale);
  v128_t tiny = wasm_f32x4_lt(x, F4(-87.33654f));
  return wasm_v128_andnot(y, tiny); /* flush to +0 where x < −87.3 */
}

/* σ(z) = 1/(1 + e^{−z}) from e = e^{−|z|} ∈ (0, 1]: 1/(1+e) for z ≥ 0 and e/(1+e) below, never e^{+large}. */
static inline v128_t sigmoid4(v128_t z) {
  v128_t e = exp_neg4(wasm_v128_or(z, wasm_i32x4_splat((int)0x80000000))); /* e^{−|z|} */
  v128_t d = ADD(F4(1.0f), e);
  v128_t pos = DIV(F4(1.0f), d);
  v128_t neg = DIV(e, d);
  v128_t isNeg = wasm_i32x4_lt(z, wasm_i32x4_splat(0)); /* sign bit set (−0 gives e/(1+e) = ½, the same) */
  return wasm_v128_bitselect(neg, pos, isNeg);
}

/*
 * tanh(z), odd: for a = |z| < 0.625 the odd polynomial a + a³·P(a²) (least-squares fit, error 1.3e-8
 * relative, below half a float32 ulp), above it (1 − e)/(1 + e) with e = e^{−2a} ≤ 0.29, free of
 * cancellation there. The sign is put back by its bit.
 */
static inline v128_t tanh4(v128_t z) {
  v128_t a = abs4(z);
  v128_t a2 = MUL(a, a);
  v128_t p = F4(-0.005798099562525749f);
  p = ADD(MUL(p, a2), F4(0.020720280706882477f));
  p = ADD(MUL(p, a2), F4(-0.053763799369335175f));
  p = ADD(MUL(p, a2), F4(0.13331718742847443f));
  p = ADD(MUL(p, a2), F4(-0.33333292603492737f));
  v128_t small = ADD(a, MUL(MUL(a2, a), p));
  v128_t e = exp_neg4(MUL(F4(-2.0f), a));
  v128_t large = DIV(SUB(F4(1.0f), e), ADD(F4(1.0f), e));
  v128_t t = wasm_v128_bitselect(small, large, wasm_f32x4_lt(a, F4(0.625f)));
  return wasm_v128_or(t, sign4(z));
}

#endif
