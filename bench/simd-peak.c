/*
 * The ceiling for the engine's products on this machine: how many f32x4 multiplies and adds (separate, as
 * the engine's kernels use them: WebAssembly has no fused multiply-add that rounds the same everywhere) the
 * JavaScript engine's compiled code retires per second, with twelve independent chains so that latency does
 * not count, only throughput. Built by simd-peak-build.mjs into simd-peak-module.ts.
 */
#include <wasm_simd128.h>

#define STEP(s, u, v) s = wasm_f32x4_add(s, wasm_f32x4_mul(u, v))

/* n rounds of 12 multiply-add pairs on four lanes: 96·n floating-point operations. */
__attribute__((export_name("peak")))
float peak(int n, float a, float b) {
  v128_t x = wasm_f32x4_splat(a), y = wasm_f32x4_splat(b);
  v128_t s0 = x, s1 = y, s2 = x, s3 = y, s4 = x, s5 = y, s6 = x, s7 = y, s8 = x, s9 = y, s10 = x, s11 = y;
  for (int i = 0; i < n; i++) {
    STEP(s0, x, y); STEP(s1, y, x); STEP(s2, x, x); STEP(s3, y, y);
    STEP(s4, x, y); STEP(s5, y, x); STEP(s6, x, x); STEP(s7, y, y);
    STEP(s8, x, y); STEP(s9, y, x); STEP(s10, x, x); STEP(s11, y, y);
  }
  /* Every chain feeds the result, so none of them can be dropped as dead code. */
  v128_t s = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(s0, s1), wasm_f32x4_add(s2, s3)),
                            wasm_f32x4_add(wasm_f32x4_add(s4, s5), wasm_f32x4_add(s6, s7)));
  s = wasm_f32x4_add(s, wasm_f32x4_add(wasm_f32x4_add(s8, s9), wasm_f32x4_add(s10, s11)));
  return wasm_f32x4_extract_lane(s, 0);
}
