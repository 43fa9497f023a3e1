/** The memory race's settings in the URL (prefix "race"); training progress itself is not a link's business. */
import type { Schema, StateOf } from '../shared/url-state.ts';
import { DEFAULT_RACE, N_MAX, N_MIN, type LstmInit, type RaceSettings } from './settings.ts';

export const URL_PREFIX = 'race';
export const ANCHOR_ID = 'memory-race';
export const SEED_MAX = 99999;

export const SCHEMA = {
  N: { kind: 'int', default: DEFAULT_RACE.N, min: N_MIN, max: N_MAX },
  init: { kind: 'enum', default: DEFAULT_RACE.init, values: ['chrono', 'default'] },
  seed: { kind: 'int', default: DEFAULT_RACE.seed, min: 0, max: SEED_MAX },
} satisfies Schema;

export type RaceState = StateOf<typeof SCHEMA>;

export function settingsOf(state: RaceState): RaceSettings {
  return { N: state.N, seed: state.seed, init: state.init as LstmInit };
}
