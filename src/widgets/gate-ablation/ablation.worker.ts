/**
 * Worker of the gate ablation widget: trains the chosen variants in chunks of about 30 ms, posts the
 * new evaluation points after each chunk, and checks for pause/resume between chunks. A new 'start'
 * (a new run id) supersedes the running loop.
 */
import { serveRuns, yieldToEvents } from '../shared/worker-channel.ts';
import { PauseSwitch } from '../shared/pause-switch.ts';
import { AblationRun } from './run.ts';
import type { AblationCommand, AblationEvent } from './protocol.ts';

const CHUNK_MS = 30;

const pause = new PauseSwitch();

serveRuns<AblationCommand, AblationEvent>(async (command, emit, isCurrent) => {
  if (pause.handle(command) || command.type !== 'start') return;
  pause.restart();
  const run = new AblationRun(command.configs);
  let elapsedMs = 0;
  while (isCurrent()) {
    const t0 = performance.now();
    run.chunk(CHUNK_MS);
    elapsedMs += performance.now() - t0;
    const done = run.done;
    emit({ type: 'progress', step: run.step, points: run.newPoints(), rows: run.rows(), elapsedMs, done, failures: run.failures() });
    if (done) return;
    await yieldToEvents();
    if (pause.paused && isCurrent()) {
      emit({ type: 'paused' });
      await pause.resumed();
    }
  }
});
