import type { Rng } from './rng.ts';
import { fmtShape, sameShape, shapeSize } from './shape.ts';
import { runBackward, type Node } from './autograd.ts';
import { checkOptions } from './options.ts';

export type DType = 'float32' | 'float64';
export type FloatArray = Float32Array | Float64Array;

/** Nested arrays of numbers, as written in a code cell: [[1, 2], [3, 4]]. */
export type NestedArray = number | readonly NestedArray[];

/**
 * An n-dimensional array of float32 (default) or float64 values, row-major, with an optional gradient.
 *
 * Tensors made by ops while gradients are enabled remember the op (`node`), so `loss.backward()` can walk the
 * tape back to the leaves and add ∂loss/∂leaf into each leaf's `.grad` (accumulating like PyTorch until zeroGrad).
 */
export class Tensor {
  readonly data: FloatArray;
  readonly shape: number[];
  readonly dtype: DType;
  requiresGrad: boolean;
  /** ∂loss/∂this after backward(), same shape and dtype; only leaves (parameters, inputs) keep one. */
  grad: Tensor | null = null;
  /** The op that produced this tensor (null for leaves). */
  node: Node | null = null;
  /** Keep ∂loss/∂this in .grad even though this is not a leaf (see retainGrad). */
  retainsGrad = false;

  /** Wraps `data` without copying; `data.length` must equal the product of `shape`. */
  constructor(data: FloatArray, shape: readonly number[], requiresGrad = false) {
    for (const d of shape) {
      if (!Number.isInteger(d) || d < 0) throw new Error(`Tensor: shape expected non-negative integers, got ${fmtShape(shape)}`);
    }
    if (data.length !== shapeSize(shape)) {
      throw new Error(`Tensor: data expected ${shapeSize(shape)} values for shape ${fmtShape(shape)}, got ${data.length}`);
    }
    this.data = data;
    this.shape = shape.slice();
    this.dtype = data instanceof Float64Array ? 'float64' : 'float32';
    this.requiresGrad = requiresGrad;
  }

  /** Number of elements. */
  get size(): number {
    return this.data.length;
  }

  /** Number of dimensions. */
  get ndim(): number {
    return this.shape.length;
  }

  /**
   * Back-propagates from this tensor. For a scalar (one element) the seed gradient is 1; otherwise pass
   * `grad` of the same shape. Gradients are added into the leaves' `.grad`.
   */
  backward(grad?: Tensor): void {
    if (grad === undefined && this.size !== 1) {
      throw new Error(`backward: grad expected for a non-scalar tensor, got none for shape ${fmtShape(this.shape)}`);
    }
    if (grad !== undefined && !sameShape(grad.shape, this.shape)) {
      throw new Error(`backward: grad expected shape ${fmtShape(this.shape)}, got ${fmtShape(grad.shape)}`);
    }
    if (!this.requiresGrad) throw new Error('backward: tensor expected requiresGrad, got a tensor that does not require grad');
    const seed = allocFloat(this.dtype, this.size);
    if (grad) seed.set(grad.data);
    else seed[0] = 1;
    runBackward(this, seed);
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new Error(`item: tensor expected shape [] or [1], got ${fmtShape(this.shape)}`);
    return this.data[0];
  }

  /** Values as nested arrays (a number for a scalar). */
  toArray(): NestedArray {
    const rec = (dim: number, off: number): NestedArray => {
      if (dim === this.shape.length) return this.data[off];
      const stride = shapeSize(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim] }, (_, k) => rec(dim + 1, off + k * stride));
    };
    return rec(0, 0);
  }

  /** A leaf sharing nothing with the tape: same values (copied), requiresGrad false. */
  detach(): Tensor {
    return new Tensor(this.data.slice(), this.shape);
  }

  /**
   * Asks backward() to keep this intermediate tensor's gradient in `.grad` (PyTorch's retain_grad()), e.g. to
   * plot ∂L/∂h_t for every step of an unrolled sequence. Returns this.
   */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }

  /** Sets `.grad` to null (like PyTorch's set_to_none). */
  zeroGrad(): void {
    this.grad = null;
  }

  toString(): string {
    return `Tensor(${fmtShape(this.shape)}, ${this.dtype}${this.requiresGrad ? ', requiresGrad' : ''})`;
  }
}

export function allocFloat(dtype: DType, n: number): FloatArray {
  return dtype === 'float64' ? new Float64Array(n) : new Float32Array(n);
}

export interface TensorOptions {
  shape?: readonly number[];
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * Makes a tensor from nested arrays, a flat array with `shape`, or a typed array (copied).
 * dtype defaults to float64 for a Float64Array and float32 otherwise.
 *
 *   tensor([[1, 2], [3, 4]])                      // [2, 2] float32
 *   tensor(new Float64Array(6), { shape: [2, 3] }) // [2, 3] float64
 */
export function tensor(values: NestedArray | ArrayLike<number>, opts: TensorOptions = {}): Tensor {
  checkOptions('tensor', opts, { shape: 'array', dtype: 'any', requiresGrad: 'boolean' });
  const dtype: DType = opts.dtype ?? (values instanceof Float64Array ? 'float64' : 'float32');
  if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`tensor: dtype expected 'float32' or 'float64', got ${String(dtype)}`);
  let flat: number[] | ArrayLike<number>;
  let shape: number[];
  if (typeof values === 'number') {
    flat = [values];
    shape = [];
  } else if (ArrayBuffer.isView(values) || (Array.isArray(values) && values.every((v) => typeof v === 'number'))) {
    flat = values as ArrayLike<number>;
    shape = [flat.length];
  } else if (Array.isArray(values)) {
    shape = inferShape(values as NestedArray);
    const all = (values as unknown[]).flat(Infinity);
    if (all.length !== shapeSize(shape) || all.some((v) => typeof v !== 'number')) {
      throw new Error(`tensor: values expected a rectangular nested array of numbers, got a ragged array`);
    }
    flat = all as number[];
  } else {
    throw new Error(`tensor: values expected nested arrays of numbers or a typed array, got ${typeof values}`);
  }
  if (opts.shape) {
    if (shapeSize(opts.shape) !== flat.length) {
      throw new Error(`tensor: shape expected ${flat.length} elements to match the values, got ${fmtShape(opts.shape)}`);
    }
    shape = opts.shape.slice();
  }
  const data = allocFloat(dtype, flat.length);
  for (let k = 0; k < flat.length; k++) data[k] = flat[k];
  return new Tensor(data, shape, opts.requiresGrad ?? false);
}

function inferShape(v: NestedArray): number[] {
  const shape: number[] = [];
  let cur: NestedArray = v;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    if (cur.length === 0) break;
    cur = cur[0];
  }
  return shape;
}

export interface CreateOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/** All-zero tensor of the given shape. */
export function zeros(shape: readonly number[], opts: CreateOptions = {}): Tensor {
  return created('zeros', shape, opts);
}

/** All-one tensor of the given shape. */
export function ones(shape: readonly number[], opts: CreateOptions = {}): Tensor {
  const t = created('ones', shape, opts);
  t.data.fill(1);
  return t;
}

/** Standard-normal samples from `rng` (row-major order, one rng.normal() per element). */
export function randn(shape: readonly number[], rng: Rng, opts: CreateOptions = {}): Tensor {
  if (!rng || typeof (rng as Rng).normal !== 'function') throw new Error('randn: rng expected an Rng, got ' + String(rng));
  const t = created('randn', shape, opts);
  for (let k = 0; k < t.data.length; k++) t.data[k] = rng.normal();
  return t;
}

/** A zero-filled tensor for zeros, ones and randn, with their shape and options checked under their name. */
function created(fn: string, shape: readonly number[], opts: CreateOptions): Tensor {
  checkOptions(fn, opts, { dtype: 'any', requiresGrad: 'boolean' });
  const dtype = opts.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') throw new Error(`${fn}: options.dtype expected 'float32' or 'float64', got ${String(dtype)}`);
  return new Tensor(allocFloat(dtype, checkShapeArg(fn, shape)), shape, opts.requiresGrad ?? false);
}

function checkShapeArg(fn: string, shape: readonly number[]): number {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw new Error(`${fn}: shape expected an array of non-negative integers, got ${Array.isArray(shape) ? fmtShape(shape) : String(shape)}`);
  }
  return shapeSize(shape);
}
