/**
 * The optimizer's moments in a form that crosses from the worker to the page, and into IndexedDB, cheaply.
 * Optimizer.stateDict() gives plain arrays (JSON-friendly, like PyTorch's); for the studio's default model that is
 * 430,000 numbers, and the page spent 130 ms on one main-thread task cloning them out of the worker's message and
 * again into storage. A Float64Array holds every one of those numbers exactly and is cloned as one block.
 *
 *   pack:   { params: [{ step, buffers: { m: number[], v: number[] } }] } → the same with Float64Array buffers
 *   unpack: the reverse; also accepts number[] buffers (runs saved before the moments were packed)
 */
import type { OptimizerState } from '../engine/index.ts';

export interface PackedOptimizerState {
  optimizer: string;
  lr: number;
  params: { step: number; buffers: Record<string, Float64Array> }[];
}

/** Each buffer as a Float64Array (exact: the engine's buffers are float32 or float64). */
export function packMoments(state: OptimizerState): PackedOptimizerState {
  return {
    optimizer: state.optimizer,
    lr: state.lr,
    params: state.params.map(({ step, buffers }) => ({
      step,
      buffers: Object.fromEntries(Object.entries(buffers).map(([name, values]) => [name, Float64Array.from(values)])),
    })),
  };
}

/**
 * Back to stateDict()'s shape for Optimizer.loadStateDict, which checks it in full. Anything that is not a state
 * of this shape is passed through unchanged, so loadStateDict names what is wrong with it.
 */
export function unpackMoments(packed: PackedOptimizerState | OptimizerState): OptimizerState {
  if (!packed || typeof packed !== 'object' || !Array.isArray(packed.params)) return packed as OptimizerState;
  return {
    ...packed,
    params: packed.params.map((p) =>
      p && typeof p === 'object' && p.buffers && typeof p.buffers === 'object'
        ? { ...p, buffers: Object.fromEntries(Object.entries(p.buffers).map(([name, values]) => [name, ArrayBuffer.isView(values) ? Array.from(values as Float64Array) : values])) }
        : p,
    ),
  } as OptimizerState;
}
