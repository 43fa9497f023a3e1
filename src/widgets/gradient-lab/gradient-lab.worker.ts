/**
 * Web Worker of the gradient lab: runs the forward and backward passes (model.ts) off the main thread,
 * because T = 200 with H = 64 takes longer than a frame.
 */
import { serveRuns } from '../shared/worker-channel.ts';
import { gradientNorms, type GradientResult, type GradientSettings } from './model.ts';

export type LabCommand = { type: 'compute'; settings: GradientSettings };
export type LabEvent = { type: 'result'; settings: GradientSettings; result: GradientResult; ms: number } | { type: 'error'; message: string };

serveRuns<LabCommand, LabEvent>((command, emit) => {
  if (command.type !== 'compute') return;
  const start = performance.now();
  try {
    const result = gradientNorms(command.settings);
    emit({ type: 'result', settings: command.settings, result, ms: performance.now() - start });
  } catch (error) {
    emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
