/**
 * The memory race's settings and their ranges, without the engine: the widget's URL schema (state.ts) is read
 * by the page before the widget loads, so it must not pull the engine into the page's first script.
 * model.ts re-exports all of it.
 */
export type LstmInit = 'chrono' | 'default';

export interface RaceSettings {
  /** Distractors between the symbol and the query. */
  N: number;
  seed: number;
  /** LSTM bias initialisation. */
  init: LstmInit;
}

export const DEFAULT_RACE: Readonly<RaceSettings> = { N: 60, seed: 1, init: 'chrono' };
export const N_MIN = 1;
export const N_MAX = 100;
