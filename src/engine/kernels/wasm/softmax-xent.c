/*
 * Softmax of every row of a float32 matrix, the forward half of cross-entropy (ops/cross-entropy.ts), in
 * WebAssembly SIMD with e^x from simd-math.h. The caller takes the logarithm of each row's sum (once per row,
 * in float64) for the loss; the gradient is (p − onehot(y)) / N.
 */
#include "simd-math.h"

/*
 * Z [N, C] → P [N, C] with P[n] = e^{Z[n] − max_n} / s_n, s_n = Σ_c e^{Z[n,c] − max_n}; stats [2N] receives
 * max_n and s_n. Sums run over four lanes in a fixed order (then the lanes), so the bits do not depend on the
 * machine. A NaN logit makes its row's sum, and so the whole row, NaN, as in the definition.
 */
__attribute__((export_name("softmax_rows")))
void softmax_rows(int N, int C, const f32 *Z, f32 *P, f32 *stats) {
  const int C4 = C & ~3;
  for (int n = 0; n < N; n++) {
    const f32 *z = Z + n * C;
    f32 *p = P + n * C;
    v128_t m4 = F4(-__builtin_inff());
    for (int c = 0; c < C4; c += 4) {
      v128_t v = wasm_v128_load(z + c);
      m4 = wasm_v128_bitselect(v, m4, wasm_f32x4_gt(v, m4));
    }
    f32 ml[4];
    wasm_v128_store(ml, m4);
    f32 max = ml[0];
    for (int k = 1; k < 4; k++) if (ml[k] > max) max = ml[k];
    for (int c = C4; c < C; c++) if (z[c] > max) max = z[c];
    const v128_t mv = F4(max);
    v128_t s4 = F4(0.0f);
    for (int c = 0; c < C4; c += 4) {
      v128_t e = exp_neg4(SUB(wasm_v128_load(z + c), mv));
      wasm_v128_store(p + c, e);
      s4 = ADD(s4, e);
    }
    f32 sl[4];
    wasm_v128_store(sl, s4);
    f32 s = (sl[0] + sl[1]) + (sl[2] + sl[3]);
    if (C4 < C) {
      f32 t[4] = {0, 0, 0, 0};
      for (int c = C4; c < C; c++) t[c - C4] = z[c];
      f32 e[4];
      wasm_v128_store(e, exp_neg4(SUB(wasm_v128_load(t), mv)));
      for (int c = C4; c < C; c++) s += p[c] = e[c - C4];
    }
    const v128_t sv = F4(s);
    for (int c = 0; c < C4; c += 4) wasm_v128_store(p + c, DIV(wasm_v128_load(p + c), sv));
    for (int c = C4; c < C; c++) p[c] /= s;
    stats[2 * n] = max;
    stats[2 * n + 1] = s;
  }
}
