/**
 * Page ⇄ Web Worker messaging for widgets that train or compute for long. Every message carries the
 * channel name and the id of the run it belongs to; each side ignores anything else, so a reset (which
 * starts a new run id) silently drops progress still in flight from the old run, and messages from other
 * scripts are never mistaken for ours.
 *
 * Page side:    const run = new WorkerRuns(() => new Worker(new URL('./race.worker.ts', import.meta.url), { type: 'module' }), onEvent);
 *               run.start({ ...config });  run.send({ type: 'pause' });  run.dispose();
 * Worker side:  serveRuns<Command, Event>((command, emit) => { ... });
 */

export const CHANNEL = 'cell-state';

export interface Envelope<T> {
	channel: typeof CHANNEL;
	runId: number;
	body: T;
}

export function isEnvelope(data: unknown): data is Envelope<unknown> {
	return (
		typeof data === 'object' &&
		data !== null &&
		(data as Envelope<unknown>).channel === CHANNEL &&
		typeof (data as Envelope<unknown>).runId === 'number'
	);
}

/** Page side of the channel: owns one worker, lazily created, and the id of the current run. */
export class WorkerRuns<Command, Event> {
	#worker: Worker | null = null;
	#runId = 0;
	readonly #create: () => Worker;
	readonly #onEvent: (event: Event) => void;
	readonly #onError: (message: string) => void;

	constructor(create: () => Worker, onEvent: (event: Event) => void, onError: (message: string) => void) {
		this.#create = create;
		this.#onEvent = onEvent;
		this.#onError = onError;
	}

	/** Begins a new run with its first command; events of any earlier run are ignored from now on. */
	start(command: Command): number {
		this.#runId += 1;
		this.send(command);
		return this.#runId;
	}

	/** Sends a command to the current run. */
	send(command: Command): void {
		const envelope: Envelope<Command> = { channel: CHANNEL, runId: this.#runId, body: command };
		this.#ensure().postMessage(envelope);
	}

	/** Ends the worker (and whatever it was computing); the next start() makes a fresh one. */
	terminate(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#runId += 1;
	}

	#ensure(): Worker {
		if (this.#worker) return this.#worker;
		const worker = this.#create();
		worker.addEventListener('message', (e: MessageEvent) => {
			if (!isEnvelope(e.data) || e.data.runId !== this.#runId) return;
			this.#onEvent(e.data.body as Event);
		});
		worker.addEventListener('error', (e: ErrorEvent) => {
			e.preventDefault();
			this.#onError(e.message || 'the background worker stopped');
			this.terminate();
		});
		this.#worker = worker;
		return worker;
	}
}

/**
 * Worker side: calls `handle` for each command of the newest run, with an `emit` bound to that run.
 * `isCurrent()` lets a long loop notice that a newer run (or a reset) has superseded it and stop.
 */
export function serveRuns<Command, Event>(
	handle: (command: Command, emit: (event: Event) => void, isCurrent: () => boolean) => void | Promise<void>,
): void {
	let current = -1;
	const scope = globalThis as unknown as {
		addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
		postMessage(message: unknown): void;
	};
	scope.addEventListener('message', (e: MessageEvent) => {
		if (!isEnvelope(e.data)) return;
		const runId = e.data.runId;
		if (runId < current) return;
		current = runId;
		const emit = (event: Event) => {
			if (runId === current) scope.postMessage({ channel: CHANNEL, runId, body: event } satisfies Envelope<Event>);
		};
		void handle(e.data.body as Command, emit, () => runId === current);
	});
}

/** Lets a worker loop breathe so it can receive pause/stop messages between chunks of work. */
export function yieldToEvents(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}
