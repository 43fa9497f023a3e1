/**
 * The widget's state in the URL (prefix "ablate"): chosen variants (indices into VARIANTS), the task, length
 * N, seed and the gate-bias initialisation. DOM-free so the unit tests can check the schema and its validation.
 */
import { readState, type StateOf } from '../shared/url-state.ts';
import { DEFAULTS, DELAY_MAX, DELAY_MIN, INITS, SEED_MAX, TASKS, VARIANTS, configFor, type AblationConfig, type InitKind, type TaskKind, type Variant } from './model.ts';

export const URL_PREFIX = 'ablate';
export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 4;

/** Vanilla, forget gate fixed at 1, no input gate, CIFG. */
export const DEFAULT_VARIANTS: readonly Variant[] = ['vanilla', 'no-forget-gate', 'no-input-gate', 'coupled'];

export const SCHEMA = {
  v: { kind: 'numbers', default: DEFAULT_VARIANTS.map((v) => VARIANTS.indexOf(v)), min: 0, max: VARIANTS.length - 1 },
  task: { kind: 'enum', default: DEFAULTS.task, values: TASKS },
  n: { kind: 'int', default: DEFAULTS.delay, min: DELAY_MIN, max: DELAY_MAX },
  seed: { kind: 'int', default: DEFAULTS.seed, min: 0, max: SEED_MAX },
  init: { kind: 'enum', default: DEFAULTS.init, values: INITS },
} as const;

export type AblationState = StateOf<typeof SCHEMA>;

/** The variants a state selects, in VARIANTS order; a selection that is not 2–4 distinct variants counts as invalid. */
export function selectedVariants(state: AblationState): Variant[] {
  return VARIANTS.filter((_, k) => state.v.includes(k));
}

export function isValidSelection(state: AblationState): boolean {
  const n = new Set(state.v).size;
  return n === state.v.length && n >= MIN_VARIANTS && n <= MAX_VARIANTS;
}

/**
 * Variants that cannot be picked now: with MAX_VARIANTS chosen, every other one. The widget keeps their
 * checkboxes focusable (aria-disabled, not disabled) and explains the limit when one is tried.
 */
export function unavailableVariants(state: AblationState): Variant[] {
  if (new Set(state.v).size < MAX_VARIANTS) return [];
  return VARIANTS.filter((_, k) => !state.v.includes(k));
}

/** State from a query string; an invalid variant list falls back to the default one. */
export function stateFromSearch(search: string): AblationState {
  const state = readState(SCHEMA, URL_PREFIX, search);
  const v = isValidSelection(state) ? [...state.v].sort((a, b) => a - b) : [...SCHEMA.v.default];
  return { ...state, v };
}

/** One training config per chosen variant. */
export function configsFor(state: AblationState): AblationConfig[] {
  return selectedVariants(state).map((variant) =>
    configFor(variant, { task: state.task as TaskKind, delay: state.n, seed: state.seed, init: state.init as InitKind }),
  );
}
