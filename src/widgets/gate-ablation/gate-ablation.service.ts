/**
 * The gate ablation's service in the compute worker: trains the chosen variants (run.ts) in chunks of about
 * 30 ms, sends the new evaluation points after each chunk, and checks for pause/resume between chunks. A
 * new 'start' (a new run) supersedes the running loop.
 */
import { defineService, yieldToEvents } from '../runtime/service.ts';
import { PauseSwitch } from '../shared/pause-switch.ts';
import { AblationRun } from './run.ts';
import { isAblationCommand, type AblationCommand, type AblationEvent } from './protocol.ts';

const CHUNK_MS = 30;

const pause = new PauseSwitch();

export default defineService<AblationCommand, AblationEvent>({
  isCommand: isAblationCommand,
  async handle(command, run) {
    if (!pause.startsRun(command) || command.type !== 'start') return;
    const training = new AblationRun(command.configs);
    let elapsedMs = 0;
    while (run.isCurrent()) {
      const t0 = performance.now();
      training.chunk(CHUNK_MS);
      elapsedMs += performance.now() - t0;
      const done = training.done;
      run.emit({ type: 'progress', step: training.step, points: training.newPoints(), rows: training.rows(), elapsedMs, done, failures: training.failures() });
      if (done) return;
      await yieldToEvents();
      if (!(await pause.holdWhilePaused(run, () => run.emit({ type: 'paused' })))) return;
    }
  },
});
