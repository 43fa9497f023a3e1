/**
 * The memory race's service in the compute worker: trains both racers (model.ts) in lockstep, one step each
 * in turn, and sends their curves every few steps. One worker, not two, so that on a two-core machine a core
 * stays free for the page, and both curves always reach the same step. Pause and resume arrive between
 * chunks of steps (yieldToEvents lets them in).
 */
import { defineService, yieldToEvents, type Run } from '../runtime/service.ts';
import { PauseSwitch } from '../shared/pause-switch.ts';
import { MAX_STEPS, Racer, SMOOTHING, trailingMean, type RaceSettings, type RacerKind } from './model.ts';
import { RACERS, isRaceCommand, type RaceCommand, type RaceEvent, type RacePoint } from './protocol.ts';

/** Steps between progress messages; also how often pause/resume can be noticed. */
const REPORT_EVERY = 5;
/** Training stops after this many non-finite steps in a row (each one is skipped without harm). */
const MAX_SKIPPED_IN_A_ROW = 5;

const pause = new PauseSwitch();

export default defineService<RaceCommand, RaceEvent>({
  isCommand: isRaceCommand,
  async handle(command, run) {
    if (!pause.startsRun(command) || command.type !== 'start') return;
    await train(command.settings, run);
  },
});

async function train(settings: RaceSettings, run: Run<RaceEvent>): Promise<void> {
  const racers = { lstm: new Racer('lstm', settings), rnn: new Racer('rnn', settings) };
  const accuracies: Record<RacerKind, number[]> = { lstm: [], rnn: [] };
  const skippedInARow: Record<RacerKind, number> = { lstm: 0, rnn: 0 };
  let points: Record<RacerKind, RacePoint[]> = { lstm: [], rnn: [] };
  let activeMs = 0;
  let round = 0;
  while (run.isCurrent() && round < MAX_STEPS) {
    if (!(await pause.holdWhilePaused(run, () => run.emit({ type: 'paused', step: round })))) return;
    const start = performance.now();
    for (let k = 0; k < REPORT_EVERY && round < MAX_STEPS; k++, round++) {
      for (const kind of RACERS) {
        const report = racers[kind].train();
        if (report.status !== 'ok') {
          run.emit({ type: 'skipped', kind, step: report.step, message: report.message ?? report.status });
          if (++skippedInARow[kind] >= MAX_SKIPPED_IN_A_ROW) {
            run.emit({ type: 'done', reason: 'nonfinite', kind });
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
    run.emit({ type: 'progress', points, activeMs });
    points = { lstm: [], rnn: [] };
    await yieldToEvents();
  }
  if (run.isCurrent()) run.emit({ type: 'done', reason: 'max-steps' });
}
