/**
 * The engine's WebAssembly SIMD module (simd-module.ts, built from wasm/*.c) and its one memory.
 *
 * The module is embedded as base64 and instantiated synchronously on first use, which works the same in Node,
 * in Web Workers and in the browser; where a runtime refuses (no WebAssembly, no SIMD, or a main thread that
 * forbids synchronous compilation of modules this size) every kernel stays in JavaScript and, on a main
 * thread, an asynchronous compile is started so later calls can use the module.
 *
 * Memory from __heap_base up holds two kinds of data:
 * - blocks (allocBlock / freeBlock) that live across calls, such as an LSTM layer's gates and states
 *   between its forward and backward pass; a first-fit free list reuses them;
 * - scratch (scratch()), the space above the highest block, for operands that live for one call only.
 * Memory only grows. Growing detaches every typed-array view of it, so views are taken after the last call
 * that may grow (allocBlock, scratch) and not kept across one.
 */
import { SIMD_WASM_BASE64 } from './simd-module.ts';

/** The module's exports (pointers are byte offsets into memory; contracts in the C sources). */
export interface SimdExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  __heap_base: { value: number };
  gemm_bn(m: number, n: number, k: number, A: number, ars: number, acs: number, B: number, C: number, acc: number): void;
  gemm_bt(m: number, n: number, k: number, A: number, B: number, C: number, acc: number): void;
  lstm_onehot_projection(rows: number, G: number, wT: number, cols: number, gates: number): void;
  lstm_forward(T: number, B: number, H: number, whh: number, bias: number, gates: number, c: number, h: number, tanhC: number): void;
  lstm_backward(
    T: number, B: number, H: number, whh: number, gates: number, c: number, tanhC: number, dOut: number,
    dh: number, dc: number, dGates: number, dbias: number, I: number, cols: number, dWihT: number,
  ): number;
  lstm_step(
    B: number, I: number, H: number, x: number, wih: number, col: number, whh: number, bias: number,
    h: number, c: number, gates: number, tanhC: number,
  ): void;
  softmax_rows(N: number, C: number, Z: number, P: number, stats: number): void;
  softmax_xent_grad(N: number, C: number, Z: number, stats: number, ids: number, scale: number, G: number): void;
  sigmoid_map(x: number, y: number, n: number): void;
  tanh_map(x: number, y: number, n: number): void;
  exp_neg_map(x: number, y: number, n: number): void;
  adam_f32(
    n: number, theta: number, grad: number, m: number, v: number, beta1: number, oneMinusB1: number, beta2: number,
    oneMinusB2: number, stepSize: number, bc2Sqrt: number, eps: number, wd: number, decay: number, decoupled: number,
  ): void;
}

/** The few WebAssembly calls used here (typed locally: the engine is compiled without the DOM library). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  compile(bytes: Uint8Array): Promise<object>;
  validate(bytes: Uint8Array): boolean;
}

export type SimdStatus = 'untried' | 'ready' | 'pending' | 'unavailable' | 'disabled';

let kernel: SimdExports | null = null;
/** 'untried' until the first call; 'pending' while an asynchronous compile runs. */
let status: SimdStatus = 'untried';

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
  top = base = align16(kernel.__heap_base.value);
  status = 'ready';
}

function load(): void {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const bytes = decodeBase64(SIMD_WASM_BASE64);
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

/** Whether the module is in use ('ready'), and if not, why. */
export function simdStatus(): SimdStatus {
  if (status === 'untried') load();
  return status;
}

/** The module's exports when it is in use, else null (then callers compute in JavaScript). */
export function simdKernel(): SimdExports | null {
  return status === 'ready' || simdStatus() === 'ready' ? kernel : null;
}

/** The module once loaded, even while setSimdEnabled(false): data placed in its memory stays usable. */
export function loadedKernel(): SimdExports | null {
  return kernel;
}

/**
 * Turns every WebAssembly path off (products, LSTM layers and softmax run in JavaScript) or back on. For
 * benchmarks and tests that compare the paths; not needed otherwise. Data already placed in WebAssembly
 * memory stays valid.
 */
export function setSimdEnabled(enabled: boolean): void {
  if (!enabled) status = 'disabled';
  else if (status === 'disabled') status = kernel ? 'ready' : 'untried';
}

const align16 = (bytes: number) => (bytes + 15) & ~15;

/** Start of the heap and the end of the highest block (scratch starts there). */
let base = 0;
let top = 0;
/** Freed blocks, sorted by address, neighbours merged. */
const freeList: { ptr: number; bytes: number }[] = [];

/** Makes memory at least `end` bytes long. */
function ensure(end: number): void {
  const mem = kernel!.memory;
  const have = mem.buffer.byteLength;
  if (end > have) mem.grow(Math.ceil((end - have) / 65536));
}

/**
 * A block of `bytes` bytes (16-byte aligned) that stays put until freeBlock. Needs the module to be loaded
 * (simdKernel() not null, at least once). May grow memory.
 */
export function allocBlock(bytes: number): number {
  const size = align16(Math.max(bytes, 16));
  for (let k = 0; k < freeList.length; k++) {
    const f = freeList[k];
    if (f.bytes < size) continue;
    const ptr = f.ptr;
    if (f.bytes === size) freeList.splice(k, 1);
    else {
      f.ptr += size;
      f.bytes -= size;
    }
    return ptr;
  }
  const ptr = top;
  ensure(ptr + size);
  top = ptr + size;
  return ptr;
}

/** Gives a block back (its size as allocated). */
export function freeBlock(ptr: number, bytes: number): void {
  const size = align16(Math.max(bytes, 16));
  let k = 0;
  while (k < freeList.length && freeList[k].ptr < ptr) k++;
  freeList.splice(k, 0, { ptr, bytes: size });
  // Merge with the following and the preceding free block, then give a block at the top back to scratch.
  if (k + 1 < freeList.length && freeList[k].ptr + freeList[k].bytes === freeList[k + 1].ptr) {
    freeList[k].bytes += freeList[k + 1].bytes;
    freeList.splice(k + 1, 1);
  }
  if (k > 0 && freeList[k - 1].ptr + freeList[k - 1].bytes === freeList[k].ptr) {
    freeList[k - 1].bytes += freeList[k].bytes;
    freeList.splice(k, 1);
    k--;
  }
  if (freeList[k].ptr + freeList[k].bytes === top) {
    top = freeList[k].ptr;
    freeList.splice(k, 1);
  }
}

/** Bytes in use by blocks (for tests: everything freed gives 0). */
export function blockBytesInUse(): number {
  return top - base - freeList.reduce((s, f) => s + f.bytes, 0);
}

/**
 * Scratch space of `bytes` bytes above every block, valid until the next allocBlock. Returns its byte offset.
 * May grow memory.
 */
export function scratch(bytes: number): number {
  ensure(top + align16(bytes));
  return top;
}

let f32: Float32Array | null = null;
let i32: Int32Array | null = null;
let f64: Float64Array | null = null;

/** Views of the whole memory, renewed after memory grew (index = byte offset / element size). */
export function heapF32(): Float32Array {
  const buf = kernel!.memory.buffer;
  if (f32?.buffer !== buf) f32 = new Float32Array(buf);
  return f32;
}
export function heapI32(): Int32Array {
  const buf = kernel!.memory.buffer;
  if (i32?.buffer !== buf) i32 = new Int32Array(buf);
  return i32;
}
export function heapF64(): Float64Array {
  const buf = kernel!.memory.buffer;
  if (f64?.buffer !== buf) f64 = new Float64Array(buf);
  return f64;
}
