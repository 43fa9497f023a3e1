/**
 * Messages between the gate ablation widget and its service in the compute worker (gate-ablation.service.ts).
 * Types and pure checks only: the page imports this module, never the service.
 */
import { hasType } from '../runtime/envelope.ts';
import type { AblationConfig, EvalPoint, ResultRow, Variant } from './model.ts';

export type AblationCommand =
  | { type: 'start'; configs: AblationConfig[] }
  | { type: 'pause' }
  | { type: 'resume' };

export type AblationEvent =
  | {
      type: 'progress';
      /** Steps completed by every variant (they advance in lockstep). */
      step: number;
      /** Evaluation points recorded since the previous message, per variant. */
      points: { variant: Variant; point: EvalPoint }[];
      rows: ResultRow[];
      /** Training time so far (pauses excluded). */
      elapsedMs: number;
      done: boolean;
      failures: { variant: Variant; message: string }[];
    }
  | { type: 'paused' };

export const isAblationCommand = hasType<AblationCommand>(['start', 'pause', 'resume']);
export const isAblationEvent = hasType<AblationEvent>(['progress', 'paused']);
