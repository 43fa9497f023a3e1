/**
 * Base class for layers and models, after torch.nn.Module. Parameters and submodules are discovered from the
 * instance's own fields in the order they were assigned (like PyTorch's __setattr__):
 *   - a field holding a layer's parameter, or any leaf Tensor with requiresGrad, is a parameter (name = field
 *     name); a layer's parameter frozen with requiresGrad = false stays in namedParameters and stateDict,
 *   - a field holding a Module is a submodule (names get a dotted prefix: 'lstm.weight_ih_l0'),
 *   - a field holding an array of Modules is a list of submodules ('layers.0.weight').
 * Fields whose names start with '_' are skipped.
 */
import { Tensor } from '../tensor.ts';
import { fmtShape, sameShape } from '../shape.ts';
import { isLayerParameter } from './init.ts';

/** A state-dict entry: a Tensor, or plain { shape, data } as read from JSON. */
export type StateDictValue = Tensor | { shape: readonly number[]; data: ArrayLike<number> };

export class Module {
  /** [dotted name, parameter] pairs, in registration order (PyTorch's named_parameters()). */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [key, value] of Object.entries(this)) {
      if (key.startsWith('_')) continue;
      if (value instanceof Tensor) {
        if (isLayerParameter(value) || (value.requiresGrad && value.node === null)) out.push([prefix + key, value]);
      } else if (value instanceof Module) {
        out.push(...value.namedParameters(`${prefix}${key}.`));
      } else if (Array.isArray(value) && value.length > 0 && value.every((m) => m instanceof Module)) {
        value.forEach((m: Module, k) => out.push(...m.namedParameters(`${prefix}${key}.${k}.`)));
      }
    }
    return out;
  }

  /** All parameters (what an optimizer updates). */
  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** name → parameter tensor. The tensors are the live parameters (no copy), like PyTorch's state_dict(). */
  stateDict(): Record<string, Tensor> {
    return Object.fromEntries(this.namedParameters());
  }

  /**
   * Copies values into the parameters. Strict: every parameter must be present with its exact shape and no
   * other key may appear; nothing is changed unless the whole dict is valid. Values are converted to each
   * parameter's dtype.
   */
  loadStateDict(sd: Record<string, StateDictValue>): void {
    if (sd === null || typeof sd !== 'object') throw new Error(`loadStateDict: sd expected an object of tensors, got ${String(sd)}`);
    const params = this.namedParameters();
    const names = new Set(params.map(([n]) => n));
    for (const key of Object.keys(sd)) {
      if (!names.has(key)) {
        const v = sd[key];
        const shape = v && Array.isArray((v as { shape?: unknown }).shape) ? fmtShape((v as { shape: number[] }).shape) : 'unknown';
        throw new Error(`loadStateDict: unexpected key '${key}' with shape ${shape}; expected keys: ${[...names].join(', ')}`);
      }
    }
    for (const [name, p] of params) {
      if (!(name in sd)) throw new Error(`loadStateDict: missing key '${name}' (expected shape ${fmtShape(p.shape)})`);
      const v = sd[name];
      if (!v || !Array.isArray(v.shape) || !v.data || typeof v.data.length !== 'number') {
        throw new Error(`loadStateDict: '${name}' expected a Tensor or { shape, data }, got ${typeof v}`);
      }
      if (!sameShape(v.shape, p.shape)) {
        throw new Error(`loadStateDict: '${name}' expected shape ${fmtShape(p.shape)}, got ${fmtShape(v.shape)}`);
      }
      if (v.data.length !== p.size) {
        throw new Error(`loadStateDict: '${name}' expected ${p.size} values, got ${v.data.length}`);
      }
    }
    for (const [name, p] of params) {
      const src = sd[name].data;
      for (let k = 0; k < p.size; k++) p.data[k] = src[k];
    }
  }

  /** Clears every parameter's gradient (sets .grad to null, PyTorch's default set_to_none). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Total number of scalar parameters (eq-param-count). */
  numParameters(): number {
    return this.parameters().reduce((s, p) => s + p.size, 0);
  }
}
