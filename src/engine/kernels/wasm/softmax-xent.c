/*
 * Softmax cross-entropy on float32 logits in WebAssembly SIMD, with e^x from simd-math.h, one block of rows at a
 * time (ops/cross-entropy.ts): the forward pass keeps only each row's max and Σ e^{z−max} (the caller takes
 * log Σ once per row, in float64, for the loss), and the backward pass recomputes the probabilities of a block
 * from them while it writes the gradient, so no [N, C] matrix of probabilities is ever stored.
 */
#include "simd-math.h"

/*
 * Z [N, C] → stats [2N]: max_n and s_n = Σ_c e^{Z[n,c] − max_n}; and, when P is not 0, P [N, C] with
 * P[n] = e^{Z[n] − max_n} / s_n. Sums run over four lanes in a fixed order (then the lanes), so the bits do not
 * depend on the machine. A NaN logit makes its row's sum, and so the whole row, NaN, as in the definition.
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
      if (P) wasm_v128_store(p + c, e);
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
      for (int c = C4; c < C; c++) {
        s += e[c - C4];
        if (P) p[c] = e[c - C4];
      }
    }
    stats[2 * n] = max;
    stats[2 * n + 1] = s;
    if (!P) continue;
    const v128_t sv = F4(s);
    for (int c = 0; c < C4; c += 4) wasm_v128_store(p + c, DIV(wasm_v128_load(p + c), sv));
    for (int c = C4; c < C; c++) p[c] /= s;
  }
}

/*
 * The gradient of the mean cross-entropy for class ids: G [N, C] += scale·(p_n − onehot(ids[n])) with
 * p_n = e^{Z[n] − max_n} / s_n recomputed from softmax_rows' stats (the same bits as its P) and scale = ∂L/N.
 * p − 1 at the target is formed before the scaling, as in the definition (exact for p ≥ ½).
 */
__attribute__((export_name("softmax_xent_grad")))
void softmax_xent_grad(int N, int C, const f32 *Z, const f32 *stats, const int *ids, f32 scale, f32 *G) {
  const v128_t sc = F4(scale);
  for (int n = 0; n < N; n++) {
    const f32 *z = Z + n * C;
    f32 *g = G + n * C;
    const v128_t mv = F4(stats[2 * n]), sv = F4(stats[2 * n + 1]);
    const int y = ids[n];
    int c = 0;
    for (; c + 4 <= C; c += 4) {
      v128_t p = DIV(exp_neg4(SUB(wasm_v128_load(z + c), mv)), sv);
      if (y >= c && y < c + 4) {
        f32 t[4];
        wasm_v128_store(t, p);
        t[y - c] -= 1.0f;
        p = wasm_v128_load(t);
      }
      wasm_v128_store(g + c, ADD(wasm_v128_load(g + c), MUL(sc, p)));
    }
    if (c < C) { /* the tail, in a padded vector: the same lane arithmetic */
      const int m = C - c;
      f32 t[4] = {0, 0, 0, 0}, o[4] = {0, 0, 0, 0};
      for (int k = 0; k < m; k++) {
        t[k] = z[c + k];
        o[k] = g[c + k];
      }
      v128_t p = DIV(exp_neg4(SUB(wasm_v128_load(t), mv)), sv);
      if (y >= c && y < c + m) {
        wasm_v128_store(t, p);
        t[y - c] -= 1.0f;
        p = wasm_v128_load(t);
      }
      wasm_v128_store(o, ADD(wasm_v128_load(o), MUL(sc, p)));
      for (int k = 0; k < m; k++) g[c + k] = o[k];
    }
  }
}
