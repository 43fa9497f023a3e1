/** The gradient lab's state in the URL (prefix "grad"): every control, so a link reproduces the chart. */
import type { Schema, StateOf } from '../shared/url-state.ts';
import { DEFAULT_SETTINGS, QUANTITIES, T_MAX, T_MIN, type GradientSettings, type Quantity } from './settings.ts';

export const URL_PREFIX = 'grad';
export const ANCHOR_ID = 'gradient-lab';
export const HIDDEN_SIZES = ['4', '8', '16', '32', '64'] as const;
export const SCALE = { min: 0.25, max: 3, step: 0.05 } as const;
export const FORGET_BIAS = { min: -4, max: 6, step: 0.5 } as const;
export const MAX_NORM = { min: 0.1, max: 100, step: 0.1 } as const;
export const SEED_MAX = 99999;

export const SCHEMA = {
  T: { kind: 'int', default: DEFAULT_SETTINGS.T, min: T_MIN, max: T_MAX },
  s: { kind: 'number', default: DEFAULT_SETTINGS.scale, min: SCALE.min, max: SCALE.max },
  bf: { kind: 'number', default: DEFAULT_SETTINGS.forgetBias, min: FORGET_BIAS.min, max: FORGET_BIAS.max },
  H: { kind: 'enum', default: String(DEFAULT_SETTINGS.hidden), values: HIDDEN_SIZES },
  q: { kind: 'enum', default: 'h', values: QUANTITIES },
  clip: { kind: 'bool', default: DEFAULT_SETTINGS.clip },
  max: { kind: 'number', default: DEFAULT_SETTINGS.maxNorm, min: MAX_NORM.min, max: MAX_NORM.max },
  seed: { kind: 'int', default: DEFAULT_SETTINGS.seed, min: 0, max: SEED_MAX },
} satisfies Schema;

export type LabState = StateOf<typeof SCHEMA>;

/** The model's settings for a widget state. */
export function settingsOf(state: LabState): GradientSettings {
  return { T: state.T, scale: state.s, forgetBias: state.bf, hidden: Number(state.H), seed: state.seed, clip: state.clip, maxNorm: state.max };
}

export function quantityOf(state: LabState): Quantity {
  return state.q as Quantity;
}
