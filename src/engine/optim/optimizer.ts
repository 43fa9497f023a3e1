/**
 * Shared machinery of the optimizers (chapter 5.3): the parameter list, zeroGrad, and per-parameter state
 * buffers that can be saved and restored. Each concrete optimizer implements `step()` in its own file with
 * PyTorch's update written out element by element.
 */
import type { Tensor } from '../tensor.ts';
import { checkOptions, describe } from '../options.ts';
import { checkFiniteValues } from '../values.ts';

export type Buffer = Float32Array | Float64Array;

/**
 * Saved optimizer state: which optimizer wrote it, the learning rate, and per parameter its step count and
 * named buffers (copies as plain arrays).
 */
export interface OptimizerState {
  /** 'SGD', 'RMSprop', 'Adam' or 'AdamW': a state loads only into the same kind of optimizer. */
  optimizer: string;
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
   * The buffers this optimizer, as configured, keeps for a parameter once that parameter has been updated
   * (e.g. Adam's expAvg and expAvgSq); a parameter that was never updated has none.
   */
  protected abstract stateBuffers(): readonly string[];

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
      optimizer: this.name,
      lr: this.lr,
      params: this.params.map((_, k) => ({
        step: this.steps[k],
        buffers: Object.fromEntries([...this.buffers[k]].map(([name, b]) => [name, Array.from(b)])),
      })),
    };
  }

  /**
   * Restores a state saved by {@link stateDict} from an optimizer of the same kind and configuration over the
   * same parameters. Everything is checked before anything is set (the optimizer's name, lr, every step count,
   * every buffer's name, length and values), so a state that does not fit throws and changes nothing.
   */
  loadStateDict(state: OptimizerState): void {
    const fn = `${this.name}.loadStateDict`;
    if (state === null || typeof state !== 'object' || Array.isArray(state)) throw new Error(`${fn}: state expected an object from stateDict(), got ${describe(state)}`);
    checkOptions(fn, state, { optimizer: 'any', lr: 'any', params: 'any' }, 'state');
    if (state.optimizer !== this.name) {
      throw new Error(`${fn}: state.optimizer expected '${this.name}', got ${state.optimizer === undefined ? 'none' : describe(state.optimizer)}`);
    }
    if (typeof state.lr !== 'number' || !(state.lr >= 0) || !Number.isFinite(state.lr)) {
      throw new Error(`${fn}: state.lr expected a finite number ≥ 0, got ${describe(state.lr)}`);
    }
    if (!Array.isArray(state.params) || state.params.length !== this.params.length) {
      throw new Error(`${fn}: state.params expected ${this.params.length} entries, got ${Array.isArray(state.params) ? state.params.length : describe(state.params)}`);
    }
    const kept = this.stateBuffers();
    const loaded = state.params.map((s, k) => {
      const at = `state.params[${k}]`;
      if (s === null || typeof s !== 'object') throw new Error(`${fn}: ${at} expected { step, buffers }, got ${describe(s)}`);
      checkOptions(fn, s, { step: 'any', buffers: 'any' }, at);
      if (typeof s.step !== 'number' || !Number.isInteger(s.step) || s.step < 0) {
        throw new Error(`${fn}: ${at}.step expected an integer ≥ 0, got ${describe(s.step)}`);
      }
      const buffers = s.buffers as unknown;
      if (buffers === null || typeof buffers !== 'object' || Array.isArray(buffers)) {
        throw new Error(`${fn}: ${at}.buffers expected an object of named arrays (${kept.join(', ') || 'none'}), got ${buffers === undefined ? 'none' : describe(buffers)}`);
      }
      const names = Object.keys(buffers);
      for (const key of names) {
        if (!kept.includes(key)) throw new Error(`${fn}: ${at}.buffers.${key} is not kept by this ${this.name}; expected ${kept.join(', ') || 'no buffers'}`);
      }
      // A parameter that was updated has every buffer; one that never was has none.
      if (s.step > 0) {
        const gone = kept.find((key) => !names.includes(key));
        if (gone) throw new Error(`${fn}: ${at}.buffers.${gone} expected after ${s.step} steps, got none`);
      } else if (names.length > 0) {
        throw new Error(`${fn}: ${at}.buffers expected none at step 0, got ${names.join(', ')}`);
      }
      const n = this.params[k].data.length;
      const values = names.map((key) => [key, checkFiniteValues(fn, `${at}.buffers.${key}`, (buffers as Record<string, unknown>)[key], n)] as const);
      return { step: s.step, values };
    });
    this.lr = state.lr;
    loaded.forEach(({ step, values }, k) => {
      this.steps[k] = step;
      const map = new Map<string, Buffer>();
      for (const [key, v] of values) {
        const b = this.newBuffer(k);
        b.set(v);
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
