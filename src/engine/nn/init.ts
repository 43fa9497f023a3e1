/** Parameter initialisers (PyTorch's defaults), all driven by an explicit Rng. */
import { Tensor, allocFloat, type DType } from '../tensor.ts';
import { Rng } from '../rng.ts';

/** Fills t with U(lo, hi) in row-major order. */
export function uniform_(t: Tensor, lo: number, hi: number, rng: Rng): Tensor {
  for (let k = 0; k < t.size; k++) t.data[k] = rng.uniform(lo, hi);
  return t;
}

/** Fills t with N(mean, std²) in row-major order. */
export function normal_(t: Tensor, mean: number, std: number, rng: Rng): Tensor {
  for (let k = 0; k < t.size; k++) t.data[k] = rng.normal(mean, std);
  return t;
}

const layerParameters = new WeakSet<Tensor>();

/** A fresh parameter (leaf with requiresGrad) of the given shape, zero-filled. */
export function parameter(shape: number[], dtype: DType): Tensor {
  let n = 1;
  for (const d of shape) n *= d;
  const t = new Tensor(allocFloat(dtype, n), shape, true);
  layerParameters.add(t);
  return t;
}

/** Whether a layer created t as a parameter (so it stays one even when frozen with requiresGrad = false). */
export function isLayerParameter(t: Tensor): boolean {
  return layerParameters.has(t);
}

/** Checks the rng option every layer requires (randomness is always explicit). */
export function requireRng(fn: string, rng: unknown): Rng {
  if (!(rng instanceof Rng)) throw new Error(`${fn}: rng expected an Rng (e.g. new Rng(42)), got ${rng === undefined ? 'undefined' : typeof rng}`);
  return rng;
}

export function requireDtype(fn: string, dtype: unknown): DType {
  if (dtype === undefined) return 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`${fn}: dtype expected 'float32' or 'float64', got ${String(dtype)}`);
  return dtype;
}

export function requireSize(fn: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`${fn}: ${name} expected a positive integer, got ${String(v)}`);
  return v;
}
