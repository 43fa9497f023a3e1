/**
 * The studio's settings in the URL: the training text, the hyperparameters (STUDIO_HYPER_SCHEMA, shared
 * with the trainer and the model file), the generation settings and the inspector's choice. The compact
 * embeds of chapter 5 use parts of it under their own prefixes, so two studios on a page never share a link
 * parameter.
 */
import { STUDIO_HYPER_SCHEMA } from '../../studio/hyper.ts';
import { MAX_LENGTH } from '../../studio/generation-limits.ts';
import { FEATURES, type FeatureId } from '../../studio/inspector.ts';
import type { Schema, StateOf } from '../shared/url-state.ts';

/** 'own' is the reader's text (kept in the browser, never in the link). */
export const CORPUS_CHOICES = ['en-book', 'zh-book', 'zh-poetry', 'own'] as const;
export type CorpusChoice = (typeof CORPUS_CHOICES)[number];
export const FEATURE_IDS = FEATURES.map((f) => f.id) as FeatureId[];

/** Longest start text a link may carry (characters). */
export const START_MAX = 200;

const GENERATION = {
  start: { kind: 'text', default: '', maxLength: START_MAX },
  length: { kind: 'int', default: 300, min: 1, max: MAX_LENGTH },
  temperature: { kind: 'number', default: 0.8, min: 0, max: 2 },
  topK: { kind: 'int', default: 0, min: 0, max: 200 },
  topP: { kind: 'number', default: 1, min: 0.01, max: 1 },
  sampleSeed: { kind: 'int', default: 1, min: 0, max: 99999 },
} as const satisfies Schema;

const INSPECTOR = {
  /** Unit of the top layer to colour by (bounded by the model's H once it is known). */
  unit: { kind: 'int', default: 0, min: 0, max: STUDIO_HYPER_SCHEMA.hidden.max - 1 },
  cell: { kind: 'enum', default: 'c', values: ['c', 'h'] },
  feature: { kind: 'enum', default: 'in-quotes', values: FEATURE_IDS },
} as const satisfies Schema;

export const STUDIO_SCHEMA = {
  corpus: { kind: 'enum', default: 'en-book', values: CORPUS_CHOICES },
  ...STUDIO_HYPER_SCHEMA,
  ...GENERATION,
  ...INSPECTOR,
} as const satisfies Schema;

/** Chapter 5's generation embed: the two corpora with a pretrained model. */
export const GENERATE_SCHEMA = {
  corpus: { kind: 'enum', default: 'en-book', values: ['en-book', 'zh-poetry'] },
  ...GENERATION,
  ...INSPECTOR,
} as const satisfies Schema;

/** Chapter 5's training embed: the built-in texts and the hyperparameters. */
export const TRAIN_SCHEMA = {
  corpus: { kind: 'enum', default: 'en-book', values: ['en-book', 'zh-book', 'zh-poetry'] },
  ...STUDIO_HYPER_SCHEMA,
} as const satisfies Schema;

export type StudioSchema = typeof STUDIO_SCHEMA;
export type StudioState = StateOf<StudioSchema>;
export type StudioMode = 'full' | 'generate' | 'train';
