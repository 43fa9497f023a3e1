/**
 * Web Worker of the memory race: trains one racer (model.ts), posting its curve every few steps. The page
 * runs one worker per racer, so on a two-core machine both train at once and the page's own thread only
 * draws. Pause and resume arrive between chunks of steps (yieldToEvents lets them in).
 */
import { serveRuns, yieldToEvents } from '../shared/worker-channel.ts';
import { MAX_STEPS, Racer, trailingMean, type RaceSettings, type RacerKind } from './model.ts';

/** Steps between progress messages; also how often pause/resume can be noticed. */
const REPORT_EVERY = 5;
/** The plotted accuracy is the mean over this many recent batches (one batch of 32 is a noisy estimate). */
export const SMOOTHING = 20;
/** Training stops after this many non-finite steps in a row (each one is skipped without harm). */
const MAX_SKIPPED_IN_A_ROW = 5;

export interface RacePoint {
  step: number;
  loss: number;
  /** Mean accuracy of the last SMOOTHING batches, each measured before the model learned from it. */
  accuracy: number;
}

export type RaceCommand = { type: 'start'; kind: RacerKind; settings: RaceSettings } | { type: 'pause' } | { type: 'resume' };

export type RaceEvent =
  | { type: 'ready'; kind: RacerKind; hidden: number; parameters: number }
  | { type: 'progress'; kind: RacerKind; points: RacePoint[]; activeMs: number }
  | { type: 'paused'; kind: RacerKind; step: number }
  | { type: 'skipped'; kind: RacerKind; step: number; message: string }
  | { type: 'done'; kind: RacerKind; step: number; reason: 'max-steps' | 'nonfinite' };

let paused = false;
let wake: (() => void) | null = null;

serveRuns<RaceCommand, RaceEvent>(async (command, emit, isCurrent) => {
  if (command.type === 'pause') {
    paused = true;
    return;
  }
  if (command.type === 'resume') {
    paused = false;
    wake?.();
    return;
  }
  paused = false;
  wake?.(); // a waiting older run wakes, sees it is stale and ends
  await train(command.kind, command.settings, emit, isCurrent);
});

async function train(kind: RacerKind, settings: RaceSettings, emit: (e: RaceEvent) => void, isCurrent: () => boolean): Promise<void> {
  const racer = new Racer(kind, settings);
  emit({ type: 'ready', kind, hidden: racer.hidden, parameters: racer.numParameters });
  const accuracies: number[] = [];
  let points: RacePoint[] = [];
  let activeMs = 0;
  let skippedInARow = 0;
  while (isCurrent() && racer.step < MAX_STEPS) {
    if (paused) {
      emit({ type: 'paused', kind, step: racer.step });
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      continue;
    }
    const start = performance.now();
    for (let k = 0; k < REPORT_EVERY && racer.step < MAX_STEPS; k++) {
      const report = racer.train();
      if (report.status !== 'ok') {
        emit({ type: 'skipped', kind, step: report.step, message: report.message ?? report.status });
        if (++skippedInARow >= MAX_SKIPPED_IN_A_ROW) {
          emit({ type: 'done', kind, step: racer.step, reason: 'nonfinite' });
          return;
        }
        continue;
      }
      skippedInARow = 0;
      accuracies.push(report.accuracy);
      points.push({ step: report.step, loss: report.loss, accuracy: trailingMean(accuracies, SMOOTHING) });
    }
    activeMs += performance.now() - start;
    emit({ type: 'progress', kind, points, activeMs });
    points = [];
    await yieldToEvents();
  }
  if (isCurrent()) emit({ type: 'done', kind, step: racer.step, reason: 'max-steps' });
}
