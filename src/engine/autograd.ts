/**
 * Reverse-mode automatic differentiation on a tape.
 *
 * Every op that runs while gradients are enabled and has an input with requiresGrad appends a Node: its
 * inputs, its outputs and a backward function. Node ids grow monotonically, so walking the reachable nodes
 * from the highest id down visits every node after all the nodes that consumed its outputs (a topological
 * order for free). Each backward function receives the gradients of its outputs and ADDS into the gradient
 * buffers of its inputs; leaves accumulate into `.grad` across backward calls, exactly like PyTorch.
 */
import { Tensor, allocFloat, type FloatArray } from './tensor.ts';

/**
 * @param gOut  ∂L/∂output for each output (null when no gradient reached that output)
 * @param gIn   buffers to add ∂L/∂input into, one per input (null when that input needs no gradient)
 */
export type BackwardFn = (gOut: (FloatArray | null)[], gIn: (FloatArray | null)[]) => void;

export interface Node {
  readonly id: number;
  readonly name: string;
  readonly inputs: Tensor[];
  readonly outputs: Tensor[];
  backward: BackwardFn | null;
  /** Called once when the backward pass is done with this node (e.g. to return a workspace to its pool). */
  release?: () => void;
}

let nextId = 1;
let gradEnabled = true;

/** True when ops record themselves on the tape. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/** Runs fn with the tape switched off (inference, optimizer updates); restores the previous mode after. */
export function noGrad<T>(fn: () => T): T {
  const prev = gradEnabled;
  gradEnabled = false;
  try {
    return fn();
  } finally {
    gradEnabled = prev;
  }
}

/** Whether an op with these inputs must record itself. */
export function needsGrad(inputs: readonly (Tensor | null | undefined)[]): boolean {
  if (!gradEnabled) return false;
  for (const t of inputs) if (t && t.requiresGrad) return true;
  return false;
}

/**
 * Records an op on the tape if any input requires a gradient; marks the outputs accordingly.
 * Returns the node (or null when nothing was recorded).
 */
export function record(
  name: string,
  inputs: Tensor[],
  outputs: Tensor[],
  backward: BackwardFn,
  release?: () => void,
): Node | null {
  if (!needsGrad(inputs)) {
    release?.();
    return null;
  }
  const node: Node = { id: nextId++, name, inputs, outputs, backward, release };
  for (const o of outputs) {
    o.requiresGrad = true;
    o.node = node;
  }
  return node;
}

/**
 * Gradient buffers of intermediate tensors live only during one backward pass; keeping a few per size for the
 * next pass spares the garbage collector megabytes per training step. Leaf gradients (.grad) are never pooled.
 */
const spare = { float32: new Map<number, FloatArray[]>(), float64: new Map<number, FloatArray[]>() };
const SPARE_PER_SIZE = 4;
const SPARE_MAX_BYTES = 64 * 1024 * 1024;
let spareBytes = 0;

/**
 * Gradient buffers that no backward function has added into yet (all zeros). An op whose gradient is a copy
 * (reshape) may then copy instead of adding: 0 + g is g.
 */
const untouched = new WeakSet<FloatArray>();

/**
 * True when `buffer` is a gradient buffer of this backward pass that is still all zeros. A backward function may
 * rely on it only before it has written anything itself, and only for a buffer no other input of the same op
 * shares (the mark is cleared once the whole backward function has returned).
 */
export function isUntouched(buffer: FloatArray): boolean {
  return untouched.has(buffer);
}

/** dst += src, element by element: how a backward function adds a contribution into a gradient buffer. */
export function addInto(dst: FloatArray, src: ArrayLike<number>): void {
  for (let k = 0; k < dst.length; k++) dst[k] += src[k];
}

function takeBuffer(dtype: 'float32' | 'float64', n: number): FloatArray {
  const pooled = spare[dtype].get(n)?.pop();
  const b = pooled ?? allocFloat(dtype, n);
  if (pooled) {
    spareBytes -= b.byteLength;
    b.fill(0);
  }
  untouched.add(b);
  return b;
}

function giveBuffer(dtype: 'float32' | 'float64', b: FloatArray): void {
  let list = spare[dtype].get(b.length);
  if (!list) spare[dtype].set(b.length, (list = []));
  if (list.length >= SPARE_PER_SIZE || spareBytes + b.byteLength > SPARE_MAX_BYTES) return;
  list.push(b);
  spareBytes += b.byteLength;
}

/** Back-propagates `seed` (∂L/∂root) through every node reachable from root. */
export function runBackward(root: Tensor, seed: FloatArray): void {
  const grads = new Map<Tensor, FloatArray>();
  const bufferFor = (t: Tensor): FloatArray => {
    if (t.node === null) {
      // Leaf: accumulate straight into .grad, so repeated backward calls add up.
      if (t.grad === null) t.grad = new Tensor(allocFloat(t.dtype, t.size), t.shape);
      return t.grad.data;
    }
    let g = grads.get(t);
    if (!g) {
      g = takeBuffer(t.dtype, t.size);
      grads.set(t, g);
    }
    return g;
  };
  const rootBuf = bufferFor(root);
  addInto(rootBuf, seed);
  untouched.delete(rootBuf);
  if (root.node === null) return;
  try {
    walk(root.node, grads, bufferFor);
  } finally {
    for (const [t, g] of grads) giveBuffer(t.dtype, g);
  }
}

function walk(rootNode: Node, grads: Map<Tensor, FloatArray>, bufferFor: (t: Tensor) => FloatArray): void {
  // Collect reachable nodes (iteratively: long unrolled sequences would overflow a recursive walk).
  const seen = new Set<Node>();
  const stack: Node[] = [rootNode];
  const nodes: Node[] = [];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    nodes.push(n);
    for (const t of n.inputs) if (t.node && !seen.has(t.node)) stack.push(t.node);
  }
  nodes.sort((a, b) => b.id - a.id);

  for (const n of nodes) {
    if (n.backward === null) {
      throw new Error(`backward: the graph through '${n.name}' was already used by a backward pass; run the forward pass again (carry state between batches with .detach())`);
    }
    const gOut = n.outputs.map((o) => grads.get(o) ?? null);
    if (gOut.every((g) => g === null)) continue;
    // Every consumer of these outputs has run, so their gradients are complete: keep the ones asked for.
    n.outputs.forEach((o, k) => {
      const g = gOut[k];
      if (!o.retainsGrad || !g) return;
      if (o.grad === null) o.grad = new Tensor(allocFloat(o.dtype, o.size), o.shape);
      addInto(o.grad.data, g);
    });
    const gIn = n.inputs.map((t) => (t.requiresGrad ? bufferFor(t) : null));
    n.backward(gOut, gIn);
    for (const g of gIn) if (g) untouched.delete(g);
    // The graph is consumed (PyTorch frees it too); drop caches and intermediate gradients.
    n.backward = null;
    n.release?.();
    for (const o of n.outputs) {
      const g = grads.get(o);
      if (!g) continue;
      grads.delete(o);
      giveBuffer(o.dtype, g);
    }
  }
}
