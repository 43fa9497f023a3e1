/**
 * Web Worker of the sequence stepper: loads the character checkpoint (~100 KB of JSON, parsed and checked
 * strictly) and traces sequences off the main thread, so neither a fresh page nor a long text costs the
 * reader a frame. The page sends a TraceRequest and gets back the whole trace (model.ts: traceFor).
 */
import { serveRuns } from '../shared/worker-channel.ts';
import { loadCharModel, type CharCheckpoint, type CharModel } from './char-model.ts';
import { traceFor, type TraceRequest, type TraceResult } from './model.ts';

export type StepperCommand = { type: 'trace'; request: TraceRequest };
export type StepperEvent = ({ type: 'trace' } & TraceResult) | { type: 'error'; message: string };

let charModel: Promise<CharModel> | null = null;
/** The checkpoint is fetched on the first character request; a failed fetch is retried on the next one. */
function loadChar(): Promise<CharModel> {
	charModel ??= import('./char-model.json')
		.then((m) => loadCharModel((m as unknown as { default: CharCheckpoint }).default))
		.catch((error: unknown) => {
			charModel = null;
			throw error;
		});
	return charModel;
}

serveRuns<StepperCommand, StepperEvent>(async (command, emit) => {
	if (command.type !== 'trace') return;
	try {
		emit({ type: 'trace', ...(await traceFor(command.request, loadChar)) });
	} catch (error) {
		emit({ type: 'error', message: error instanceof Error ? error.message : String(error) });
	}
});
