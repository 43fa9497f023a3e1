/**
 * Messages between the studio (studio-element.ts) and its service in the compute worker (studio.service.ts).
 * Plain data only: the page imports this file, never the service.
 *
 * One worker holds one model at a time (a StudioTrainer over one text). `open` replaces it; everything else
 * works on it. Requests that answer (generate, trace, rank, export, load-model) carry an `id` that comes back
 * with the answer, so a late answer to an older request is recognised and dropped.
 */
import { hasType } from '../runtime/envelope.ts';
import type { StudioHyper } from '../../studio/hyper.ts';
import type { FeatureId } from '../../studio/inspector.ts';
import type { LossPoint } from '../../studio/trainer.ts';
import type { OptimizerState } from '../../engine/index.ts';
import type { PackedOptimizerState } from '../../studio/packed-moments.ts';

/** Where the training text comes from: a built-in corpus (fetched by the worker) or the reader's own text. */
export type TextSource = { kind: 'corpus'; id: string; url: string; checkpointUrl?: string } | { kind: 'text'; text: string };

export interface GenerationSettings {
  startText: string;
  length: number;
  temperature: number;
  /** 0 = all characters. */
  topK: number;
  /** 1 = all characters. */
  topP: number;
  seed: number;
}

export type StudioCommand =
  /** A new model over a text: the saved model file when given, else the corpus's pretrained model, else a fresh one. */
  | { type: 'open'; source: TextSource; hyper: StudioHyper; modelFile?: string; optimizerState?: PackedOptimizerState | OptimizerState; pretrained: boolean }
  /** Replaces the model by an untrained one with these settings (same text). */
  | { type: 'fresh'; hyper: StudioHyper }
  | { type: 'train' }
  | { type: 'pause' }
  /** One batch, then a validation loss. */
  | { type: 'step' }
  | { type: 'generate'; id: number; settings: GenerationSettings }
  | { type: 'stop'; id: number }
  | { type: 'trace'; id: number; text: string; state: 'c' | 'h'; unit: number }
  | { type: 'rank'; id: number; text: string; state: 'c' | 'h'; feature: FeatureId }
  | { type: 'export'; id: number }
  | { type: 'load-model'; id: number; file: string };

export type ModelSource = 'pretrained' | 'fresh' | 'file' | 'saved';

export interface ModelInfo {
  source: ModelSource;
  hyper: StudioHyper;
  /** V, the unknown symbol included. */
  vocabSize: number;
  parameters: number;
  /** Characters of the text, of which `heldOutChars` (the last 10 %) are never trained on. */
  textChars: number;
  heldOutChars: number;
  /** Held-out characters the validation loss averages over (all of them unless `sampled`). */
  validationChars: number;
  sampled: boolean;
  /** Characters of the training part the vocabulary maps to the unknown symbol. */
  unknownChars: number;
  /** Bits per character of a model that knows only character frequencies (the baseline to beat). */
  unigramBits: number;
  steps: number;
  history: LossPoint[];
  /** B × T actually used (shrunk for a short text). */
  batch: number;
  seqLen: number;
}

export interface CandidateChar {
  char: string;
  /** The five most likely characters at this position, most likely first, with their probabilities. */
  candidates: { char: string; p: number }[];
}

export type StudioEvent =
  | { type: 'model'; info: ModelInfo }
  | {
      type: 'progress';
      steps: number;
      trainBits: number;
      charsPerSecond: number;
      elapsedMs: number;
      /** Loss points since the previous progress event. */
      points: LossPoint[];
    }
  | { type: 'validation'; step: number; bits: number }
  | { type: 'sample'; step: number; text: string }
  | { type: 'running'; running: boolean }
  /** A step was refused (NaN or infinite loss or gradient); the weights did not change. */
  | { type: 'refused'; step: number; message: string; paused: boolean }
  | { type: 'chars'; id: number; chars: CandidateChar[]; done: boolean }
  | { type: 'trace'; id: number; chars: string[]; values: number[]; unit: number; state: 'c' | 'h' }
  | { type: 'rank'; id: number; feature: FeatureId; state: 'c' | 'h'; units: { unit: number; r: number }[] }
  /** The model file, and the optimizer's moments so a saved run resumes exactly where it paused. */
  | { type: 'exported'; id: number; file: string; optimizerState: PackedOptimizerState }
  /** What could not be done; `scope` says which part of the studio asked. */
  | { type: 'error'; scope: 'open' | 'pretrained' | 'load-model' | 'generate' | 'inspect' | 'export'; id?: number; message: string };

export const isStudioCommand = hasType<StudioCommand>(['open', 'fresh', 'train', 'pause', 'step', 'generate', 'stop', 'trace', 'rank', 'export', 'load-model']);
export const isStudioEvent = hasType<StudioEvent>(['model', 'progress', 'validation', 'sample', 'running', 'refused', 'chars', 'trace', 'rank', 'exported', 'error']);
