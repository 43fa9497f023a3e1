/**
 * The studio's hyperparameters: one schema shared by the URL state (src/widgets/shared/url-state.ts), the
 * trainer, the model file and the PyTorch script, so a link, a saved model and a Python run all mean the same
 * model. Defaults come from measurements on this book's text (README, "Studio").
 */
import type { Schema, StateOf } from '../widgets/shared/url-state.ts';

export const OPTIMIZERS = ['adam', 'rmsprop', 'sgd', 'adamw'] as const;
export type StudioOptimizer = (typeof OPTIMIZERS)[number];

export const STUDIO_HYPER_SCHEMA = {
  /** Stacked LSTM layers. */
  layers: { kind: 'int', default: 1, min: 1, max: 3 },
  /** H: units per LSTM layer. */
  hidden: { kind: 'int', default: 192, min: 8, max: 1024 },
  /** T: characters per truncated-BPTT segment (how far gradients flow back). */
  seqLen: { kind: 'int', default: 64, min: 4, max: 512 },
  /** B: parallel streams per batch. */
  batch: { kind: 'int', default: 16, min: 1, max: 256 },
  /** Learning rate of the optimizer. */
  lr: { kind: 'number', default: 0.01, min: 0.00001, max: 1 },
  optimizer: { kind: 'enum', default: 'adam', values: OPTIMIZERS },
  /** Clip the total gradient norm to this value; 0 = no clipping. */
  clip: { kind: 'number', default: 1, min: 0, max: 100 },
  /** Seeds the initial weights and the batch order. */
  seed: { kind: 'int', default: 1, min: 0, max: 99999 },
} as const satisfies Schema;

export type StudioHyper = Omit<StateOf<typeof STUDIO_HYPER_SCHEMA>, 'optimizer'> & { optimizer: StudioOptimizer };

/** E: embedding width, derived from H so that one control (Hidden size) scales the whole model. */
export function embeddingDim(hidden: number): number {
  return Math.max(16, Math.min(64, Math.round(hidden / 4)));
}

/** The schema's defaults as a fresh object. */
export function defaultHyper(): StudioHyper {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(STUDIO_HYPER_SCHEMA)) out[key] = spec.default;
  return out as StudioHyper;
}

/**
 * Checks a full hyperparameter object (e.g. read from a model file): every key present, of its kind, in
 * range; no unknown key. Returns a fresh copy, or throws one message naming the key, the value and the range.
 */
export function checkHyper(value: unknown, where = 'hyper'): StudioHyper {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`${where}: expected an object with ${Object.keys(STUDIO_HYPER_SCHEMA).join(', ')}, got ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(STUDIO_HYPER_SCHEMA)) {
    const v = record[key];
    if (spec.kind === 'enum') {
      if (typeof v !== 'string' || !(spec.values as readonly string[]).includes(v)) {
        throw new Error(`${where}.${key}: expected one of ${spec.values.join(', ')}, got ${describe(v)}`);
      }
    } else {
      const wantInt = spec.kind === 'int';
      if (typeof v !== 'number' || !Number.isFinite(v) || (wantInt && !Number.isInteger(v)) || v < spec.min || v > spec.max) {
        throw new Error(`${where}.${key}: expected ${wantInt ? 'an integer' : 'a number'} in [${spec.min}, ${spec.max}], got ${describe(v)}`);
      }
    }
    out[key] = v;
  }
  for (const key of Object.keys(record)) {
    if (!(key in STUDIO_HYPER_SCHEMA)) throw new Error(`${where}: unexpected key ${JSON.stringify(key)}`);
  }
  return out as StudioHyper;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'an array' : typeof v;
}
