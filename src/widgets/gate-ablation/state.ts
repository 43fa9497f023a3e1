/**
 * The widget's state in the URL (prefix "ablate"): chosen variants (indices into VARIANTS), the task, length
 * N, seed and the gate-bias initialisation. DOM-free and engine-free (the page reads it before the widget loads);
 * the unit tests check the schema and its validation.
 */
import { readState, type Schema, type StateOf } from '../shared/url-state.ts';
import { DEFAULTS, DELAY_MAX, DELAY_MIN, INITS, SEED_MAX, TASKS, VARIANTS, type Variant } from './settings.ts';

export const URL_PREFIX = 'ablate';
export const ANCHOR_ID = 'gate-ablation';
export const MIN_VARIANTS = 2;
export const MAX_VARIANTS = 4;

/** Vanilla, forget gate fixed at 1, no input gate, CIFG. */
export const DEFAULT_VARIANTS: readonly Variant[] = ['vanilla', 'no-forget-gate', 'no-input-gate', 'coupled'];

export const SCHEMA = {
  // Whole, distinct indices, 2 to 4 of them: a link with `0.5,1.5` or a single variant gets the defaults (and a notice).
  v: {
    kind: 'numbers',
    default: DEFAULT_VARIANTS.map((v) => VARIANTS.indexOf(v)),
    min: 0,
    max: VARIANTS.length - 1,
    integer: true,
    unique: true,
    minLength: MIN_VARIANTS,
    maxLength: MAX_VARIANTS,
  },
  task: { kind: 'enum', default: DEFAULTS.task, values: TASKS },
  n: { kind: 'int', default: DEFAULTS.delay, min: DELAY_MIN, max: DELAY_MAX },
  seed: { kind: 'int', default: DEFAULTS.seed, min: 0, max: SEED_MAX },
  init: { kind: 'enum', default: DEFAULTS.init, values: INITS },
} as const satisfies Schema;

export type AblationState = StateOf<typeof SCHEMA>;

/** The variants a list of indices selects, in VARIANTS order. */
export function selectedVariants(state: Pick<AblationState, 'v'>): Variant[] {
  return VARIANTS.filter((_, k) => state.v.includes(k));
}

/** 2–4 distinct whole indices of VARIANTS: what the schema allows and a run needs. */
export function isValidSelection(state: Pick<AblationState, 'v'>): boolean {
  const n = new Set(state.v).size;
  return n === state.v.length && n >= MIN_VARIANTS && n <= MAX_VARIANTS && state.v.every((k) => Number.isInteger(k) && k >= 0 && k < VARIANTS.length);
}

/**
 * Variants that cannot be picked now: with MAX_VARIANTS chosen, every other one. The widget keeps their
 * checkboxes focusable (aria-disabled, not disabled) and explains the limit when one is tried.
 */
export function unavailableVariants(state: Pick<AblationState, 'v'>): Variant[] {
  if (new Set(state.v).size < MAX_VARIANTS) return [];
  return VARIANTS.filter((_, k) => !state.v.includes(k));
}

/** State from a query string, the variant indices in VARIANTS order (the schema has made them valid). */
export function stateFromSearch(search: string): AblationState {
  const state = readState(SCHEMA, URL_PREFIX, search);
  return { ...state, v: [...state.v].sort((a, b) => a - b) };
}
