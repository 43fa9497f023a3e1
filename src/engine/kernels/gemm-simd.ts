/**
 * The WebAssembly SIMD path of gemm for float32 (kernel source: wasm/gemm-simd.c, built by wasm/build.mjs).
 *
 * The module is embedded as base64 (gemm-simd-module.ts) and instantiated synchronously on first use, which
 * works the same in Node, in Web Workers and in the browser; where a runtime refuses (no WebAssembly, no SIMD,
 * or a main thread that forbids synchronous compilation of modules this size) gemm stays in JavaScript and,
 * on a main thread, an asynchronous compile is started so later calls can use the kernel.
 *
 * Operands are copied into the module's memory and the result copied back: O(mk + kn + mn) copying against
 * O(mnk) arithmetic, which is why gemm sends only products of at least SIMD_MIN_WORK multiply-adds here.
 * The kernel sums in float32 (four lanes, then the lanes), not in double like the JavaScript path, so the two
 * paths agree to float32 rounding, not bit for bit; which path runs depends only on the shapes, so a given
 * program gives the same bits on every run.
 */
import { GEMM_SIMD_WASM_BASE64 } from './gemm-simd-module.ts';

/** Products with fewer multiply-adds than this stay in JavaScript (copying would cost more than it saves). */
export const SIMD_MIN_WORK = 4096;

interface SimdExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  __heap_base: { value: number };
  gemm_bn(m: number, n: number, k: number, A: number, ars: number, acs: number, B: number, C: number, acc: number): void;
  gemm_bt(m: number, n: number, k: number, A: number, B: number, C: number, acc: number): void;
}

/** The few WebAssembly calls used here (typed locally: the engine is compiled without the DOM library). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  compile(bytes: Uint8Array): Promise<object>;
  validate(bytes: Uint8Array): boolean;
}

let kernel: SimdExports | null = null;
let heap: Float32Array | null = null;
/** 'untried' until the first call; 'pending' while an asynchronous compile runs. */
let status: 'untried' | 'ready' | 'pending' | 'unavailable' | 'disabled' = 'untried';

function decodeBase64(s: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const lookup = new Uint8Array(128);
  for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | lookup[clean.charCodeAt(i)];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

function adopt(instance: { exports: unknown }): void {
  kernel = instance.exports as SimdExports;
  heap = new Float32Array(kernel.memory.buffer);
  status = 'ready';
}

function load(): void {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = decodeBase64(GEMM_SIMD_WASM_BASE64);
  // validate() is false where SIMD is not supported.
  if (!wasm || !wasm.validate(bytes)) {
    status = 'unavailable';
    return;
  }
  try {
    adopt(new wasm.Instance(new wasm.Module(bytes), {}));
  } catch {
    // A browser main thread may refuse to compile synchronously; compile in the background instead.
    status = 'pending';
    wasm.compile(bytes).then(
      (module) => {
        if (status === 'pending') adopt(new wasm.Instance(module, {}));
      },
      () => {
        if (status === 'pending') status = 'unavailable';
      },
    );
  }
}

/** Whether the SIMD kernel is in use ('ready'), and if not, why. */
export function gemmSimdStatus(): typeof status {
  if (status === 'untried') load();
  return status;
}

/**
 * Turns the SIMD path off (everything runs in JavaScript) or back on. For benchmarks and tests that compare
 * the two paths; not needed otherwise.
 */
export function setGemmSimdEnabled(enabled: boolean): void {
  if (!enabled) status = 'disabled';
  else if (status === 'disabled') status = kernel ? 'ready' : 'untried';
}

/**
 * Makes the module's memory at least `end` floats long and returns a view of it (views are detached when
 * memory grows, so the view is refreshed after a grow). Memory only grows: the largest product sets its size.
 */
function reserve(end: number): Float32Array {
  const k = kernel!;
  const need = end * 4;
  const have = k.memory.buffer.byteLength;
  if (need > have) k.memory.grow(Math.ceil((need - have) / 65536));
  if (heap!.buffer !== k.memory.buffer) heap = new Float32Array(k.memory.buffer);
  return heap!;
}

/** Rounds a float index up to a multiple of 4 (16 bytes). */
const align4 = (x: number) => (x + 3) & ~3;

/**
 * gemm (same contract as gemm.ts) on the SIMD kernel. Returns false, doing nothing, when the kernel is not
 * available or the case is op(A)ᵀ·op(B)ᵀ (transA and transB both set), which the kernel does not cover.
 * Arguments are assumed checked by gemm.
 */
export function gemmSimd(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOff: number,
  b: Float32Array,
  bOff: number,
  c: Float32Array,
  cOff: number,
  accumulate: boolean,
): boolean {
  if (status !== 'ready' && gemmSimdStatus() !== 'ready') return false;
  if (transA && transB) return false;
  // Operands go after the module's own data and stack, each at a 16-byte boundary (indices in floats).
  const pa = align4(kernel!.__heap_base.value >> 2);
  const pb = align4(pa + m * k);
  const pc = align4(pb + k * n);
  const mem = reserve(pc + m * n);
  mem.set(a.subarray(aOff, aOff + m * k), pa);
  mem.set(b.subarray(bOff, bOff + k * n), pb);
  if (accumulate) mem.set(c.subarray(cOff, cOff + m * n), pc);
  if (transB) {
    // op(B) = Bᵀ with B stored n×k; A is m×k (transA is false here).
    kernel!.gemm_bt(m, n, k, pa * 4, pb * 4, pc * 4, accumulate ? 1 : 0);
  } else {
    // B stored k×n; op(A)[i, p] at A[i·ars + p·acs].
    kernel!.gemm_bn(m, n, k, pa * 4, transA ? 1 : k, transA ? m : 1, pb * 4, pc * 4, accumulate ? 1 : 0);
  }
  c.set(mem.subarray(pc, pc + m * n), cOff);
  return true;
}
