/*
 * The ceiling for the engine's products on this machine: how many f32x4 multiplies and adds (separate, as
 * the engine's kernels use them: WebAssembly has no fused multiply-add that rounds the same everywhere) the
 * JavaScript engine's compiled code retires per second, with twelve independent chains so that latency does
 * not count, only throughput. Built by simd-peak-build.mjs into simd-peak-module.ts.
 */
#include <wasm_simd128.h>

/* One link of a chain: s ← s·x + y. The product depends on the chain itself, so it cannot be hoisted out of the
 * loop; with x = 1 and a tiny y passed in at run time the values stay normal numbers. */
#define STEP(s) s = wasm_f32x4_add(wasm_f32x4_mul(s, x), y)

/* n rounds of 12 chains, each a multiply and an add on four lanes: 96·n floating-point operations. Twelve chains
 * of a multiply then an add (4 + 4 cycles of latency) keep 24 operations in flight, more than the core retires
 * per 8 cycles; with x and y that is 14 of the 16 vector registers, so nothing spills. */
__attribute__((export_name("peak")))
float peak(int n, float a, float b) {
  const v128_t x = wasm_f32x4_splat(a), y = wasm_f32x4_splat(b);
  v128_t s0 = y, s1 = y, s2 = y, s3 = y, s4 = y, s5 = y, s6 = y, s7 = y, s8 = y, s9 = y, s10 = y, s11 = y;
  for (int i = 0; i < n; i++) {
    STEP(s0); STEP(s1); STEP(s2); STEP(s3); STEP(s4); STEP(s5);
    STEP(s6); STEP(s7); STEP(s8); STEP(s9); STEP(s10); STEP(s11);
  }
  /* Every chain feeds the result, so none of them can be dropped as dead code. */
  v128_t s = wasm_f32x4_add(wasm_f32x4_add(wasm_f32x4_add(s0, s1), wasm_f32x4_add(s2, s3)),
                            wasm_f32x4_add(wasm_f32x4_add(s4, s5), wasm_f32x4_add(s6, s7)));
  s = wasm_f32x4_add(s, wasm_f32x4_add(wasm_f32x4_add(s8, s9), wasm_f32x4_add(s10, s11)));
  return wasm_f32x4_extract_lane(s, 0);
}
