/**
 * The float32 LSTM layer in WebAssembly SIMD (wasm/lstm-simd.c): the buffers of one workspace live in the
 * module's memory for as long as the workspace does, so the forward pass is one call for all T steps, the
 * backward pass one call plus the weight-gradient products, and nothing is copied per step. Only the weights
 * (W_hh, and W_ih when dense) are copied in per pass, and the gradients added out once.
 *
 * Same equations and order as the JavaScript kernels in lstm-sequence.ts, which are the reference; σ and tanh
 * come from wasm/simd-math.h (float32, bit-identical in every browser) instead of exact-math.ts.
 */
import { allocBlock, freeBlock, heapF32, heapF64, heapI32, loadedKernel, scratch, simdKernel } from './wasm-heap.ts';
import type { FloatArray } from './gemm.ts';
import { addInto } from '../autograd.ts';

/** Byte offsets of one layer's buffers in module memory; shapes as in LstmSequenceWorkspace. */
interface Layout {
  x: number; // [T, B, I]
  gates: number; // [T, B, 4H]
  c: number; // [T+1, B, H]
  h: number; // [T+1, B, H]
  tanhC: number; // [T, B, H]
  bias: number; // [4H]
  whh: number; // [4H, H]
  wih: number; // [4H, I]
  wIhT: number; // [I, 4H]
  oneHot: number; // [T·B] int32
  dGates: number; // [T, B, 4H]
  dh: number; // [B, H]
  dc: number; // [B, H]
  dOut: number; // [T, B, H]
  dW: number; // [4H, max(H, I)]
  dx: number; // [T, B, I]
  dbias: number; // [4H] float64
  dWihT: number; // [I, 4H] float64
}

const blocks = new FinalizationRegistry<{ ptr: number; bytes: number }>(({ ptr, bytes }) => freeBlock(ptr, bytes));

/** One workspace's buffers in module memory (allocated together, freed with free() or when collected). */
export class LstmSimdBuffers {
  readonly T: number;
  readonly B: number;
  readonly I: number;
  readonly H: number;
  readonly at: Layout;
  private block: { ptr: number; bytes: number } | null;

  constructor(T: number, B: number, I: number, H: number) {
    this.T = T;
    this.B = B;
    this.I = I;
    this.H = H;
    const G = 4 * H;
    const TB = T * B;
    const floats: [keyof Layout, number][] = [
      ['x', TB * I], ['gates', TB * G], ['c', (T + 1) * B * H], ['h', (T + 1) * B * H], ['tanhC', TB * H],
      ['bias', G], ['whh', G * H], ['wih', G * I], ['wIhT', I * G], ['oneHot', TB], ['dGates', TB * G],
      ['dh', B * H], ['dc', B * H], ['dOut', TB * H], ['dW', G * Math.max(H, I)], ['dx', TB * I],
      ['dbias', 2 * G], ['dWihT', 2 * I * G], // float64: two float slots each
    ];
    let bytes = 0;
    const rel = {} as Layout;
    for (const [name, n] of floats) {
      rel[name] = bytes;
      bytes += (4 * n + 15) & ~15;
    }
    const ptr = allocBlock(bytes);
    this.block = { ptr, bytes };
    blocks.register(this, this.block, this);
    this.at = {} as Layout;
    for (const name of Object.keys(rel) as (keyof Layout)[]) this.at[name] = ptr + rel[name];
  }

  /** Gives the memory back now instead of when collected (the pool does this for workspaces it drops). */
  free(): void {
    if (!this.block) return;
    blocks.unregister(this);
    freeBlock(this.block.ptr, this.block.bytes);
    this.block = null;
  }

  /** A float32 view of buffer `name` with n entries (valid until module memory grows). */
  f32(name: keyof Layout, n: number): Float32Array {
    return heapF32().subarray(this.at[name] >> 2, (this.at[name] >> 2) + n);
  }

  i32(name: keyof Layout, n: number): Int32Array {
    return heapI32().subarray(this.at[name] >> 2, (this.at[name] >> 2) + n);
  }

  f64(name: keyof Layout, n: number): Float64Array {
    return heapF64().subarray(this.at[name] >> 3, (this.at[name] >> 3) + n);
  }
}

/**
 * Forward pass over T steps on buffers `m` (x, h block 0 and c block 0 filled by the caller). One-hot inputs
 * (`oneHot` true, columns in m's oneHot buffer) read columns of W_ih; otherwise gates = X·W_ihᵀ in one product.
 */
export function lstmForwardSimd(m: LstmSimdBuffers, oneHot: boolean, wIh: Float32Array, wHh: Float32Array, bIh: FloatArray, bHh: FloatArray): void {
  const k = loadedKernel()!;
  const { T, B, I, H, at } = m;
  const G = 4 * H;
  const bias = m.f32('bias', G);
  for (let r = 0; r < G; r++) bias[r] = bIh[r] + bHh[r];
  m.f32('whh', G * H).set(wHh);
  if (oneHot) {
    // Transposing W_ih once (4H·I values) turns each column read into a contiguous copy.
    const wT = m.f32('wIhT', I * G);
    for (let q = 0; q < G; q++) for (let j = 0; j < I; j++) wT[j * G + q] = wIh[q * I + j];
    k.lstm_onehot_projection(T * B, G, at.wIhT, at.oneHot, at.gates);
  } else {
    m.f32('wih', G * I).set(wIh);
    k.gemm_bt(T * B, G, I, at.x, at.wih, at.gates, 0);
  }
  k.lstm_forward(T, B, H, at.whh, at.bias, at.gates, at.c, at.h, at.tanhC);
}

/** Gradients to add into; null entries are skipped (LstmSequenceGrads of lstm-sequence.ts). */
interface Grads {
  dx: FloatArray | null;
  dh0: FloatArray | null;
  dc0: FloatArray | null;
  dWih: FloatArray | null;
  dWhh: FloatArray | null;
  dbIh: FloatArray | null;
  dbHh: FloatArray | null;
}

/** Backpropagation through time for the last forward pass on `m` (contract of lstmSequenceBackward). */
export function lstmBackwardSimd(
  m: LstmSimdBuffers,
  oneHot: boolean,
  wIh: Float32Array,
  wHh: Float32Array,
  dOut: FloatArray | null,
  dhN: FloatArray | null,
  dcN: FloatArray | null,
  out: Grads,
): void {
  const k = loadedKernel()!;
  const { T, B, I, H, at } = m;
  const G = 4 * H;
  const BH = B * H;
  const TB = T * B;
  m.f32('whh', G * H).set(wHh);
  const dh = m.f32('dh', BH);
  const dc = m.f32('dc', BH);
  if (dhN) dh.set(dhN);
  else dh.fill(0);
  if (dcN) dc.set(dcN);
  else dc.fill(0);
  if (dOut) m.f32('dOut', TB * H).set(dOut);
  const scatter = oneHot && out.dWih !== null;
  const finite = k.lstm_backward(T, B, H, at.whh, at.gates, at.c, at.tanhC, dOut ? at.dOut : 0, at.dh, at.dc, at.dGates, at.dbias, I, scatter ? at.oneHot : 0, at.dWihT);
  if (out.dh0) addInto(out.dh0, m.f32('dh', BH));
  if (out.dc0) addInto(out.dc0, m.f32('dc', BH));
  // ∂W_hh += Σ_t ∂z_tᵀ·h_{t−1}: rows 0..T·B−1 of h are h_{t−1} for t = 0..T−1.
  if (out.dWhh) {
    k.gemm_bn(G, H, TB, at.dGates, 1, G, at.h, at.dW, 0);
    addInto(out.dWhh, m.f32('dW', G * H));
  }
  if (out.dWih) {
    const d = out.dWih;
    if (scatter && finite) {
      // Column j of ∂W_ih is the float64 sum of the ∂z rows whose input was one-hot at j.
      const acc = m.f64('dWihT', I * G);
      for (let q = 0; q < G; q++) for (let j = 0; j < I; j++) d[q * I + j] += acc[j * G + q];
    } else {
      k.gemm_bn(G, I, TB, at.dGates, 1, G, at.x, at.dW, 0); // ∂W_ih += Σ_t ∂z_tᵀ·x_t
      addInto(d, m.f32('dW', G * I));
    }
  }
  if (out.dx) {
    m.f32('wih', G * I).set(wIh);
    k.gemm_bn(TB, I, G, at.dGates, G, 1, at.wih, at.dx, 0); // ∂x_t += ∂z_t·W_ih
    addInto(out.dx, m.f32('dx', TB * I));
  }
  if (out.dbIh || out.dbHh) {
    const db = m.f64('dbias', G);
    if (out.dbIh) addInto(out.dbIh, db);
    if (out.dbHh) addInto(out.dbHh, db);
  }
}

/**
 * lstmStepInfer (lstm-sequence.ts) for float32 on the module: the live weights are copied into scratch memory,
 * then one call does the products and the cell. Returns false, doing nothing, when the module is not in use.
 */
export function lstmStepSimd(
  B: number, I: number, H: number, x: Float32Array | null, xOff: number, xIndex: number,
  wIh: Float32Array, wHh: Float32Array, bIh: Float32Array, bHh: Float32Array, h: Float32Array, c: Float32Array,
): boolean {
  const k = simdKernel();
  if (!k) return false;
  const G = 4 * H;
  const BH = B * H;
  const a4 = (n: number) => (n + 3) & ~3;
  // Scratch layout (float indices): W_hh, W_ih (or its column), b, x, h, C, gates, tanh C.
  const whh = scratch(4 * (a4(G * H) + a4(G * I) + a4(G) + a4(B * I) + 3 * a4(BH) + a4(B * G))) >> 2;
  const w = whh + a4(G * H);
  const bias = w + a4(xIndex >= 0 ? G : G * I);
  const xs = bias + a4(G);
  const hs = xs + a4(B * I);
  const cs = hs + a4(BH);
  const gates = cs + a4(BH);
  const tanhC = gates + a4(B * G);
  const mem = heapF32();
  mem.set(wHh, whh);
  if (xIndex >= 0) for (let q = 0; q < G; q++) mem[w + q] = wIh[q * I + xIndex];
  else {
    mem.set(wIh, w);
    mem.set(x!.subarray(xOff, xOff + B * I), xs);
  }
  for (let q = 0; q < G; q++) mem[bias + q] = bIh[q] + bHh[q];
  mem.set(h.subarray(0, BH), hs);
  mem.set(c.subarray(0, BH), cs);
  k.lstm_step(B, I, H, xIndex >= 0 ? 0 : xs * 4, w * 4, xIndex >= 0 ? w * 4 : 0, whh * 4, bias * 4, hs * 4, cs * 4, gates * 4, tanhC * 4);
  h.set(mem.subarray(hs, hs + BH));
  c.set(mem.subarray(cs, cs + BH));
  return true;
}
