/**
 * The sequence stepper's service in the compute worker: loads the character checkpoint (~100 KB of JSON,
 * parsed and checked strictly) on the first character request, and traces sequences off the main thread,
 * so neither a fresh page nor a long text costs the reader a frame. Answers each trace request with the
 * whole trace (model.ts: traceFor).
 */
import { defineService } from '../runtime/service.ts';
import { loadCharModel, type CharCheckpoint, type CharModel } from './char-model.ts';
import { traceFor } from './model.ts';
import { isStepperCommand, type StepperCommand, type StepperEvent } from './protocol.ts';

let charModel: Promise<CharModel> | null = null;

/** The checkpoint is imported on the first character request; a failed load is retried on the next one. */
function loadChar(): Promise<CharModel> {
  charModel ??= import('./char-model.json')
    .then((m) => loadCharModel((m as unknown as { default: CharCheckpoint }).default))
    .catch((error: unknown) => {
      charModel = null;
      throw error;
    });
  return charModel;
}

export default defineService<StepperCommand, StepperEvent>({
  isCommand: isStepperCommand,
  async handle(command, run) {
    const result = await traceFor(command.request, loadChar);
    run.emit({ type: 'trace', ...result });
  },
});
