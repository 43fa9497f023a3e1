/*
 * One LSTM layer over a whole float32 sequence in WebAssembly SIMD: one call runs all T forward steps, one
 * call all T backward steps, with W_hh, h, C, the gates and their gradients in this module's memory
 * (lstm-simd.ts lays them out). The float64 / plain JavaScript version, kernels/lstm-sequence.ts, is the
 * reference: the same equations in the same order, with σ and tanh from exact-math.ts instead of simd-math.h.
 *
 * PyTorch's layout and gate order i, f, g, o: a row of `gates` is [i_t | f_t | g_t | o_t] (4H floats);
 * buffers are time-major, step t of a [T, B, X] buffer starts at t·B·X.
 */
#include "simd-math.h"
#include "gemm-simd.h"

typedef double f64;

/* Loads and stores of n < 4 lanes (the tail of a row whose length is not a multiple of 4); padding lanes are 0. */
static inline v128_t load_n(const f32 *p, int n) {
  f32 t[4] = {0, 0, 0, 0};
  for (int k = 0; k < n; k++) t[k] = p[k];
  return wasm_v128_load(t);
}
static inline void store_n(f32 *p, v128_t v, int n) {
  f32 t[4];
  wasm_v128_store(t, v);
  for (int k = 0; k < n; k++) p[k] = t[k];
}
#define LOAD(p, n) ((n) == 4 ? wasm_v128_load(p) : load_n((p), (n)))
#define STORE(p, v, n) ((n) == 4 ? wasm_v128_store((p), (v)) : store_n((p), (v), (n)))

/* gates[r] = W_ihᵀ[cols[r]] for each of `rows` rows: W_ih·x for a one-hot x is one column of W_ih. */
__attribute__((export_name("lstm_onehot_projection")))
void lstm_onehot_projection(int rows, int G, const f32 *wT, const int *cols, f32 *gates) {
  for (int r = 0; r < rows; r++) {
    const f32 *src = wT + cols[r] * G;
    f32 *dst = gates + r * G;
    int q = 0;
    for (; q + 4 <= G; q += 4) wasm_v128_store(dst + q, wasm_v128_load(src + q));
    for (; q < G; q++) dst[q] = src[q];
  }
}

/* The cell at four units j..j+n−1 of one row (n ≤ 4). */
static inline void cell_forward(f32 *row, const f32 *bias, int H, int j, int n, const f32 *cPrev, f32 *cCur,
                                f32 *hCur, f32 *tanhC) {
  v128_t i = sigmoid4(ADD(LOAD(row + j, n), LOAD(bias + j, n)));                 /* eq-input-gate  */
  v128_t f = sigmoid4(ADD(LOAD(row + H + j, n), LOAD(bias + H + j, n)));         /* eq-forget-gate */
  v128_t g = tanh4(ADD(LOAD(row + 2 * H + j, n), LOAD(bias + 2 * H + j, n)));    /* eq-candidate   */
  v128_t o = sigmoid4(ADD(LOAD(row + 3 * H + j, n), LOAD(bias + 3 * H + j, n))); /* eq-output-gate */
  v128_t ct = ADD(MUL(f, LOAD(cPrev + j, n)), MUL(i, g)); /* eq-cell-state: C_t = f_t ⊙ C_{t−1} + i_t ⊙ C̃_t */
  v128_t tc = tanh4(ct);
  STORE(cCur + j, ct, n);
  STORE(tanhC + j, tc, n);
  STORE(hCur + j, MUL(o, tc), n); /* eq-hidden-state: h_t = o_t ⊙ tanh(C_t) */
  STORE(row + j, i, n);
  STORE(row + H + j, f, n);
  STORE(row + 2 * H + j, g, n);
  STORE(row + 3 * H + j, o, n);
}

/*
 * Forward over T steps. On entry gates [T, B, 4H] holds W_ih·x_t (without bias), h and c [(T+1), B, H] hold
 * h_0 and C_0 in block 0. For each t: gates[t] += h_{t−1}·W_hhᵀ, then + b, the gate non-linearities, C_t, h_t.
 * On return gates holds the activations i, f, g, o, blocks 1..T of c and h hold C_t and h_t, and tanhC [T, B, H]
 * tanh(C_t) (kept for the backward pass).
 */
__attribute__((export_name("lstm_forward")))
void lstm_forward(int T, int B, int H, const f32 *whh, const f32 *bias, f32 *gates, f32 *c, f32 *h, f32 *tanhC) {
  const int G = 4 * H, BH = B * H;
  for (int t = 0; t < T; t++) {
    f32 *gt = gates + t * B * G;
    gemm_bt(B, G, H, h + t * BH, whh, gt, 1);
    for (int b = 0; b < B; b++) {
      const int k = t * BH + b * H; /* h_{t−1}, C_{t−1} of sequence b; h_t, C_t are BH further on */
      for (int j = 0; j < H; j += 4) {
        const int n = H - j < 4 ? H - j : 4;
        cell_forward(gt + b * G, bias, H, j, n, c + k, c + k + BH, h + k + BH, tanhC + k);
      }
    }
  }
}

/*
 * One tape-free step for generation: h and c [B, H] advance in place. gates [B, 4H] and tanhC [B, H] are scratch.
 * gates = h_{t−1}·W_hhᵀ, plus x_t·W_ihᵀ when x is given (x [B, I], W_ih [4H, I]) or plus the column `col` [4H]
 * of W_ih for a one-hot x_t (B = 1); then the cell as in lstm_forward.
 */
__attribute__((export_name("lstm_step")))
void lstm_step(int B, int I, int H, const f32 *x, const f32 *wih, const f32 *col, const f32 *whh, const f32 *bias,
               f32 *h, f32 *c, f32 *gates, f32 *tanhC) {
  const int G = 4 * H;
  gemm_bt(B, G, H, h, whh, gates, 0);
  if (x) gemm_bt(B, G, I, x, wih, gates, 1);
  for (int b = 0; b < B; b++) {
    f32 *row = gates + b * G;
    if (col) {
      int q = 0;
      for (; q + 4 <= G; q += 4) wasm_v128_store(row + q, ADD(wasm_v128_load(row + q), wasm_v128_load(col + q)));
      for (; q < G; q++) row[q] += col[q];
    }
    for (int j = 0; j < H; j += 4) {
      const int n = H - j < 4 ? H - j : 4;
      cell_forward(row, bias, H, j, n, c + b * H, c + b * H, h + b * H, tanhC + b * H);
    }
  }
}

/* Adds the four float32 lanes of v into four float64 sums (a tail of n < 4 lanes adds n). */
static inline void add_f64(f64 *s, v128_t v, int n) {
  if (n == 4) {
    wasm_v128_store(s, wasm_f64x2_add(wasm_v128_load(s), wasm_f64x2_promote_low_f32x4(v)));
    v128_t hi = wasm_i32x4_shuffle(v, v, 2, 3, 2, 3);
    wasm_v128_store(s + 2, wasm_f64x2_add(wasm_v128_load(s + 2), wasm_f64x2_promote_low_f32x4(hi)));
  } else {
    f32 t[4];
    wasm_v128_store(t, v);
    for (int k = 0; k < n; k++) s[k] += (f64)t[k];
  }
}

/* All-ones lanes where v is NaN or ±∞ (v − v is 0 exactly when v is finite). */
static inline v128_t nonfinite4(v128_t v) { return wasm_f32x4_ne(SUB(v, v), F4(0.0f)); }

/*
 * Backpropagation through time for the forward pass that filled gates, c and tanhC (eq-bptt-cell,
 * eq-bptt-gates). dh [B, H] holds ∂L/∂h_T and dc [B, H] ∂L/∂C_T on entry, ∂L/∂h_0 and ∂L/∂C_0 on return;
 * dOut [T, B, H] (or 0) is ∂L/∂h_t from above. Writes ∂z_t, the gradient of every pre-activation, into
 * dGates [T, B, 4H], and while each step's rows are still in cache adds them up for the weight gradients
 * that need no product:
 *   dbias [4H] (float64) = Σ_{t,b} ∂z_t[b]                     (both biases enter every z with weight 1)
 *   dWihT [I, 4H] (float64) row cols[t·B+b] += ∂z_t[b]         (one-hot inputs; skipped when cols is 0)
 * Both sums start from 0. Returns 1 when every ∂z is finite, 0 otherwise (then the one-hot sums do not equal
 * the dense product, in which 0·NaN spreads NaN to every column, and the caller uses the product).
 */
__attribute__((export_name("lstm_backward")))
int lstm_backward(int T, int B, int H, const f32 *whh, const f32 *gates, const f32 *c, const f32 *tanhC,
                  const f32 *dOut, f32 *dh, f32 *dc, f32 *dGates, f64 *dbias, int I, const int *cols,
                  f64 *dWihT) {
  const int G = 4 * H, BH = B * H;
  const v128_t one = F4(1.0f);
  v128_t bad = wasm_i32x4_splat(0);
  for (int q = 0; q < G; q++) dbias[q] = 0;
  if (cols) for (int q = 0; q < I * G; q++) dWihT[q] = 0;
  for (int t = T - 1; t >= 0; t--) {
    if (dOut) {
      const f32 *d = dOut + t * BH;
      int k = 0;
      for (; k + 4 <= BH; k += 4) wasm_v128_store(dh + k, ADD(wasm_v128_load(dh + k), wasm_v128_load(d + k)));
      for (; k < BH; k++) dh[k] += d[k];
    }
    for (int b = 0; b < B; b++) {
      const int r = t * B + b;
      const f32 *row = gates + r * G;
      f32 *drow = dGates + r * G;
      const f32 *tcb = tanhC + t * BH + b * H, *cPrev = c + t * BH + b * H;
      f32 *dhb = dh + b * H, *dcb = dc + b * H;
      for (int j = 0; j < H; j += 4) {
        const int n = H - j < 4 ? H - j : 4;
        v128_t i = LOAD(row + j, n), f = LOAD(row + H + j, n), g = LOAD(row + 2 * H + j, n), o = LOAD(row + 3 * H + j, n);
        v128_t tc = LOAD(tcb + j, n), dhv = LOAD(dhb + j, n);
        /* dC_t = dh_t ⊙ o_t ⊙ (1 − tanh² C_t) + dC_{t+1} ⊙ f_{t+1} */
        v128_t dC = ADD(MUL(MUL(dhv, o), SUB(one, MUL(tc, tc))), LOAD(dcb + j, n));
        v128_t dO = MUL(dhv, tc);                   /* do = dh ⊙ tanh C_t */
        v128_t dI = MUL(dC, g);                     /* di = dC ⊙ g */
        v128_t dG = MUL(dC, i);                     /* dg = dC ⊙ i */
        v128_t dF = MUL(dC, LOAD(cPrev + j, n));    /* df = dC ⊙ C_{t−1} */
        /* Through σ' = σ(1−σ) and tanh' = 1 − tanh² to the pre-activations (eq-bptt-gates). */
        v128_t zi = MUL(MUL(dI, i), SUB(one, i));
        v128_t zf = MUL(MUL(dF, f), SUB(one, f));
        v128_t zg = MUL(dG, SUB(one, MUL(g, g)));
        v128_t zo = MUL(MUL(dO, o), SUB(one, o));
        STORE(drow + j, zi, n);
        STORE(drow + H + j, zf, n);
        STORE(drow + 2 * H + j, zg, n);
        STORE(drow + 3 * H + j, zo, n);
        STORE(dcb + j, MUL(dC, f), n); /* becomes dC_t ⊙ f_t for step t−1 */
        bad = wasm_v128_or(bad, wasm_v128_or(wasm_v128_or(nonfinite4(zi), nonfinite4(zf)), wasm_v128_or(nonfinite4(zg), nonfinite4(zo))));
      }
      f64 *dw = cols ? dWihT + cols[r] * G : 0;
      for (int q = 0; q < G; q += 4) {
        const int n = G - q < 4 ? G - q : 4;
        v128_t d = LOAD(drow + q, n);
        add_f64(dbias + q, d, n);
        if (dw) add_f64(dw + q, d, n);
      }
    }
    /* ∂h_{t−1} = ∂z_t[B, 4H]·W_hh[4H, H] (the output gradient of t−1 is added at the top of the next step) */
    gemm_bn(B, H, G, dGates + t * B * G, G, 1, whh, dh, 0);
  }
  return !wasm_v128_any_true(bad);
}

/* y = σ(x), tanh(x) or e^x (x ≤ 0) for n floats: the vector functions on their own, for the tests. */
#define MAP(name, fn)                                                             \
  __attribute__((export_name(#name))) void name(const f32 *x, f32 *y, int n) {   \
    for (int k = 0; k < n; k += 4) {                                              \
      const int m = n - k < 4 ? n - k : 4;                                        \
      STORE(y + k, fn(LOAD(x + k, m)), m);                                        \
    }                                                                             \
  }
MAP(sigmoid_map, sigmoid4)
MAP(tanh_map, tanh4)
MAP(exp_neg_map, exp_neg4)
