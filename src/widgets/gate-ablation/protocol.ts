/** Messages between the gate ablation widget and its worker (carried by shared/worker-channel.ts). */
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
