/**
 * The gate ablation's choices and their ranges, without the engine: the widget's URL schema (state.ts) is
 * read by the page before the widget loads, so it must not pull the engine into the page's first script.
 * model.ts re-exports all of it.
 */
import type { LstmVariantName } from '../../engine/index.ts';

/** The cells a reader can compare: the engine's LSTM variants (LSTM_VARIANTS, in its order) plus the GRU. */
export const VARIANTS = [
  'vanilla',
  'no-forget-gate',
  'no-input-gate',
  'no-output-gate',
  'coupled',
  'peepholes',
  'no-output-activation',
  'gru',
] as const satisfies readonly (LstmVariantName | 'gru')[];
export type Variant = (typeof VARIANTS)[number];

export const INITS = ['default', 'forget-bias', 'chrono'] as const;
export type InitKind = (typeof INITS)[number];

/**
 * The tasks a reader can train on: 'last-mark' (several marks, answer the last one: needs forgetting;
 * last-mark-task.ts) and 'recall' (one symbol, answer it after N distractors: needs only holding;
 * memory-race/task.ts).
 */
export const TASKS = ['last-mark', 'recall'] as const;
export type TaskKind = (typeof TASKS)[number];

/**
 * Defaults measured to finish in well under a minute in a browser worker and to separate the variants: with
 * seed 1 after 250 steps, the vanilla LSTM and CIFG reach 99–100 % on the last-mark task while the forget
 * gate fixed at 1 and no input gate stay near 40 % (tests/unit/widgets/gate-ablation.test.ts checks this).
 */
export const DEFAULTS = {
  task: 'last-mark' as TaskKind,
  marks: 4,
  delay: 40,
  seed: 1,
  hiddenSize: 16,
  batchSize: 32,
  learningRate: 0.01,
  init: 'chrono' as InitKind,
  evalEvery: 10,
  evalSize: 128,
  maxSteps: 250,
} as const;

export const DELAY_MIN = 1;
export const DELAY_MAX = 60;
export const SEED_MAX = 999_999;
