/**
 * The gradient lab's service in the compute worker: runs the forward and backward passes (model.ts) off the
 * main thread, because T = 200 with H = 64 takes longer than a frame.
 */
import { defineService } from '../runtime/service.ts';
import { gradientNorms } from './model.ts';
import { isLabCommand, type LabCommand, type LabEvent } from './protocol.ts';

export default defineService<LabCommand, LabEvent>({
  isCommand: isLabCommand,
  handle(command, run) {
    const start = performance.now();
    const result = gradientNorms(command.settings);
    run.emit({ type: 'result', settings: command.settings, result, ms: performance.now() - start });
  },
});
