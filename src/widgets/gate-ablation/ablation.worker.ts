/**
 * Worker of the gate ablation widget: trains the chosen variants in chunks of about 30 ms, posts the
 * new evaluation points after each chunk, and checks for pause/resume between chunks. A new 'start'
 * (a new run id) supersedes the running loop.
 */
import { serveRuns, yieldToEvents } from '../shared/worker-channel.ts';
import { AblationRun } from './run.ts';
import type { AblationCommand, AblationEvent } from './protocol.ts';

const CHUNK_MS = 30;

let paused = false;
let wake: (() => void) | null = null;

serveRuns<AblationCommand, AblationEvent>(async (command, emit, isCurrent) => {
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
  wake?.();
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
    if (paused && isCurrent()) {
      emit({ type: 'paused' });
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
  }
});
