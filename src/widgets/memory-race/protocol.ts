/**
 * Messages between the memory race and its service in the compute worker (memory-race.service.ts). Types and
 * pure checks only: the page imports this module, never the service.
 */
import { hasType } from '../runtime/envelope.ts';
import type { RaceSettings, RacerKind } from './model.ts';

/** The two racers, in the order they train, are listed and are drawn. */
export const RACERS: readonly RacerKind[] = ['lstm', 'rnn'];

export interface RacePoint {
  step: number;
  loss: number;
  /** Mean accuracy of the last SMOOTHING batches (model.ts), each measured before the model learned from it. */
  accuracy: number;
}

export type RaceCommand = { type: 'start'; settings: RaceSettings } | { type: 'pause' } | { type: 'resume' };

export type RaceEvent =
  | { type: 'progress'; points: Record<RacerKind, RacePoint[]>; activeMs: number }
  | { type: 'paused'; step: number }
  | { type: 'skipped'; kind: RacerKind; step: number; message: string }
  | { type: 'done'; reason: 'max-steps' | 'nonfinite'; kind?: RacerKind };

export const isRaceCommand = hasType<RaceCommand>(['start', 'pause', 'resume']);
export const isRaceEvent = hasType<RaceEvent>(['progress', 'paused', 'skipped', 'done']);
