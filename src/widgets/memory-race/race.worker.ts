/**
 * Web Worker of the memory race: trains both racers (model.ts) in lockstep, one step each in turn, and posts
 * their curves every few steps. One worker, not two, so that on a two-core machine a core stays free for the
 * page, and both curves always reach the same step. Pause and resume arrive between chunks of steps
 * (yieldToEvents lets them in).
 */
import { serveRuns, yieldToEvents } from '../shared/worker-channel.ts';
import { PauseSwitch } from '../shared/pause-switch.ts';
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

export const RACERS: readonly RacerKind[] = ['lstm', 'rnn'];

export type RaceCommand = { type: 'start'; settings: RaceSettings } | { type: 'pause' } | { type: 'resume' };

export type RaceEvent =
  | { type: 'progress'; points: Record<RacerKind, RacePoint[]>; activeMs: number }
  | { type: 'paused'; step: number }
  | { type: 'skipped'; kind: RacerKind; step: number; message: string }
  | { type: 'done'; reason: 'max-steps' | 'nonfinite'; kind?: RacerKind };

const pause = new PauseSwitch();

serveRuns<RaceCommand, RaceEvent>(async (command, emit, isCurrent) => {
  if (pause.handle(command) || command.type !== 'start') return;
  pause.restart(); // a waiting older run wakes, sees it is stale and ends
  await train(command.settings, emit, isCurrent);
});

async function train(settings: RaceSettings, emit: (e: RaceEvent) => void, isCurrent: () => boolean): Promise<void> {
  const racers = { lstm: new Racer('lstm', settings), rnn: new Racer('rnn', settings) };
  const accuracies: Record<RacerKind, number[]> = { lstm: [], rnn: [] };
  const skippedInARow: Record<RacerKind, number> = { lstm: 0, rnn: 0 };
  let points: Record<RacerKind, RacePoint[]> = { lstm: [], rnn: [] };
  let activeMs = 0;
  let round = 0;
  while (isCurrent() && round < MAX_STEPS) {
    if (pause.paused) {
      emit({ type: 'paused', step: round });
      await pause.resumed();
      continue;
    }
    const start = performance.now();
    for (let k = 0; k < REPORT_EVERY && round < MAX_STEPS; k++, round++) {
      for (const kind of RACERS) {
        const report = racers[kind].train();
        if (report.status !== 'ok') {
          emit({ type: 'skipped', kind, step: report.step, message: report.message ?? report.status });
          if (++skippedInARow[kind] >= MAX_SKIPPED_IN_A_ROW) {
            emit({ type: 'done', reason: 'nonfinite', kind });
            return;
          }
          continue;
        }
        skippedInARow[kind] = 0;
        accuracies[kind].push(report.accuracy);
        points[kind].push({ step: report.step, loss: report.loss, accuracy: trailingMean(accuracies[kind], SMOOTHING) });
      }
    }
    activeMs += performance.now() - start;
    emit({ type: 'progress', points, activeMs });
    points = { lstm: [], rnn: [] };
    await yieldToEvents();
  }
  if (isCurrent()) emit({ type: 'done', reason: 'max-steps' });
}
