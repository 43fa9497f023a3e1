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
import { checkOptions, describe } from '../options.ts';
import { checkFiniteValues, checkShapeList } from '../values.ts';

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
   * Copies values into the parameters, like PyTorch's load_state_dict. Every value is checked first (a Tensor or
   * { shape, data } with the parameter's exact shape and only finite numbers: no strings, NaN, ±Infinity or
   * array-likes), so a failed load changes nothing. Values are converted to each parameter's dtype.
   *
   * strict (default true): a missing key or an unexpected key is an error naming it. strict: false loads the
   * keys that match, skips the rest, and reports both lists. Returns { missingKeys, unexpectedKeys } (both
   * empty after a strict load), as PyTorch does.
   */
  loadStateDict(sd: Record<string, StateDictValue>, options?: { strict?: boolean }): { missingKeys: string[]; unexpectedKeys: string[] } {
    const fn = 'loadStateDict';
    const { strict = true } = checkOptions(fn, options, { strict: 'boolean' });
    if (sd === null || typeof sd !== 'object' || Array.isArray(sd)) throw new Error(`${fn}: sd expected an object of tensors, got ${describe(sd)}`);
    const params = this.namedParameters();
    const names = new Set(params.map(([n]) => n));
    const unexpectedKeys = Object.keys(sd).filter((key) => !names.has(key));
    const missingKeys = params.filter(([name]) => !Object.hasOwn(sd, name)).map(([name]) => name);
    if (strict && unexpectedKeys.length > 0) {
      const key = unexpectedKeys[0];
      const v = sd[key] as { shape?: unknown } | null;
      const shape = v && Array.isArray(v.shape) ? fmtShape(v.shape) : 'unknown';
      throw new Error(`${fn}: unexpected key '${key}' with shape ${shape}; expected keys: ${[...names].join(', ')}`);
    }
    if (strict && missingKeys.length > 0) {
      const p = params.find(([name]) => name === missingKeys[0])![1];
      throw new Error(`${fn}: missing key '${missingKeys[0]}' (expected shape ${fmtShape(p.shape)})`);
    }
    // Check every value that will be copied before copying any.
    const loads: [Tensor, ArrayLike<number>][] = [];
    for (const [name, p] of params) {
      if (!Object.hasOwn(sd, name)) continue;
      const v = sd[name] as unknown;
      if (!(v instanceof Tensor) && (v === null || typeof v !== 'object' || !('shape' in v) || !('data' in v))) {
        throw new Error(`${fn}: '${name}' expected a Tensor or { shape, data }, got ${describe(v)}`);
      }
      const { shape, data } = v as { shape: unknown; data: unknown };
      const given = checkShapeList(fn, `'${name}'`, shape);
      if (!sameShape(given, p.shape)) throw new Error(`${fn}: '${name}' expected shape ${fmtShape(p.shape)}, got ${fmtShape(given)}`);
      loads.push([p, checkFiniteValues(fn, `'${name}'`, data, p.size)]);
    }
    for (const [p, src] of loads) {
      for (let k = 0; k < p.size; k++) p.data[k] = src[k];
    }
    return { missingKeys, unexpectedKeys };
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
