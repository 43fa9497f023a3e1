/**
 * Shared machinery of the optimizers (chapter 5.3): the parameter list, zeroGrad, and per-parameter state
 * buffers that can be saved and restored. Each concrete optimizer implements `step()` in its own file with
 * PyTorch's update written out element by element.
 */
import type { Tensor } from '../tensor.ts';

export type Buffer = Float32Array | Float64Array;

/** Saved optimizer state: per parameter, its step count and named buffers (copies, same dtype as the parameter). */
export interface OptimizerState {
  lr: number;
  params: { step: number; buffers: Record<string, number[]> }[];
}

export abstract class Optimizer {
  /** The parameters being updated, in the order given. */
  readonly params: readonly Tensor[];
  /** The optimizer's name as used in error messages ('Adam', 'SGD', …). */
  readonly name: string;
  /** Learning rate η; may be changed between steps (e.g. by a schedule). */
  lr: number;
  /** Per parameter: how many updates it has received (PyTorch keeps this per parameter too). */
  protected steps: number[];
  /** Per parameter: named state buffers, created lazily on its first update, same length and dtype as the data. */
  protected buffers: Map<string, Buffer>[];

  protected constructor(name: string, params: Iterable<Tensor>, lr: number) {
    const list = checkParams(name, params);
    if (!(lr >= 0) || !Number.isFinite(lr)) throw new Error(`${name}: options.lr expected a finite number ≥ 0, got ${lr}`);
    this.name = name;
    this.params = list;
    this.lr = lr;
    this.steps = list.map(() => 0);
    this.buffers = list.map(() => new Map());
  }

  /** Applies one update to every parameter that has a gradient (parameters whose `.grad` is null are skipped). */
  abstract step(): void;

  /**
   * Clears gradients before the next backward pass. By default fills each `.grad` with zeros in place
   * (no allocation); `setToNone` drops them instead, like PyTorch's `zero_grad(set_to_none=True)`.
   */
  zeroGrad(setToNone = false): void {
    for (const p of this.params) {
      if (!p.grad) continue;
      if (setToNone) p.grad = null;
      else p.grad.data.fill(0);
    }
  }

  /** A copy of the optimizer's state (learning rate, step counts and buffers) as plain JSON-able data. */
  stateDict(): OptimizerState {
    return {
      lr: this.lr,
      params: this.params.map((_, k) => ({
        step: this.steps[k],
        buffers: Object.fromEntries([...this.buffers[k]].map(([name, b]) => [name, Array.from(b)])),
      })),
    };
  }

  /** Restores a state saved by {@link stateDict} from an optimizer of the same kind over the same parameters. */
  loadStateDict(state: OptimizerState): void {
    const name = `${this.name}.loadStateDict`;
    if (!state || !Array.isArray(state.params) || state.params.length !== this.params.length) {
      throw new Error(`${name}: state.params expected ${this.params.length} entries, got ${state?.params?.length}`);
    }
    state.params.forEach((s, k) => {
      const n = this.params[k].data.length;
      for (const [key, values] of Object.entries(s.buffers)) {
        if (values.length !== n) {
          throw new Error(`${name}: state.params[${k}].buffers.${key} expected ${n} values, got ${values.length}`);
        }
      }
    });
    this.lr = state.lr;
    state.params.forEach((s, k) => {
      this.steps[k] = s.step;
      const map = new Map<string, Buffer>();
      for (const [key, values] of Object.entries(s.buffers)) {
        const b = this.newBuffer(k);
        b.set(values);
        map.set(key, b);
      }
      this.buffers[k] = map;
    });
  }

  /** The buffer `name` of parameter k, created filled with zeros (or by `init`) on first use. */
  protected buffer(k: number, name: string, init?: (b: Buffer) => void): Buffer {
    let b = this.buffers[k].get(name);
    if (!b) {
      b = this.newBuffer(k);
      if (init) init(b);
      this.buffers[k].set(name, b);
    }
    return b;
  }

  private newBuffer(k: number): Buffer {
    const data = this.params[k].data;
    return data instanceof Float64Array ? new Float64Array(data.length) : new Float32Array(data.length);
  }
}

function checkParams(name: string, params: Iterable<Tensor>): Tensor[] {
  if (!params || typeof (params as Iterable<Tensor>)[Symbol.iterator] !== 'function') {
    throw new Error(`${name}: params expected an array of parameter tensors (e.g. model.parameters()), got ${typeof params}`);
  }
  const list = [...params];
  if (list.length === 0) throw new Error(`${name}: params expected at least one parameter tensor, got []`);
  const seen = new Set<Tensor>();
  list.forEach((p, k) => {
    if (!p || !(p.data instanceof Float32Array || p.data instanceof Float64Array)) {
      throw new Error(`${name}: params[${k}] expected a Tensor with float32 or float64 data, got ${p === null ? 'null' : typeof p === 'object' ? 'an object without typed-array data' : typeof p}`);
    }
    if (seen.has(p)) throw new Error(`${name}: params[${k}] expected each parameter once, got a repeat of an earlier entry`);
    seen.add(p);
  });
  return list;
}

/** Checks an optional numeric hyper-parameter: finite and within [min, max) or [min, max]. */
export function checkHyper(name: string, key: string, value: number, min: number, max: number, maxInclusive = false): void {
  const ok = Number.isFinite(value) && value >= min && (maxInclusive ? value <= max : value < max);
  if (!ok) {
    const range = `[${min}, ${max}${maxInclusive ? ']' : ')'}`.replace('Infinity)', '∞)');
    throw new Error(`${name}: options.${key} expected a number in ${range}, got ${value}`);
  }
}
