/**
 * The page's one cell worker and the queue of cells waiting for it. Cells run one at a time, in the order
 * they were asked to. Stop and the time limit end the worker (the only way to end `while (true) {}` or a
 * runaway allocation); the next run starts a fresh one, so every cell's state is gone, and the cells that had
 * run are named so the reader knows what to run again.
 */
import { isCellEvent, type CellCommand, type CellEvent } from './protocol.ts';

export interface CellClient {
	/** Stable id of the cell on the page. */
	readonly cellId: string;
	readonly cellTitle: string;
	onEvent(event: CellEvent): void;
	/** The worker was ended while this cell ran (`why`) or while it had state; `again`: cells to re-run. */
	onReset(why: 'stop' | 'timeLimit' | null, again: string[]): void;
}

/** A command without its run number (the session assigns it). */
export type CellRequest = CellCommand extends infer C ? (C extends CellCommand ? Omit<C, 'run'> : never) : never;

interface Job {
	client: CellClient;
	command: CellRequest;
	timeLimitMs: number;
	resolve: (ok: boolean) => void;
}

let worker: Worker | null = null;
let nextRun = 1;
let active: { job: Job; run: number; timer: ReturnType<typeof setTimeout> } | null = null;
const queue: Job[] = [];
/** Cells whose names live in the current worker, in the order they ran. */
const ran: CellClient[] = [];
const clients = new Set<CellClient>();

export function register(client: CellClient): void {
	clients.add(client);
}

function ensureWorker(): Worker {
	if (worker) return worker;
	worker = new Worker(new URL('./cell.worker.ts', import.meta.url), { type: 'module', name: 'cells' });
	worker.onmessage = (message: MessageEvent<unknown>) => {
		const event = message.data;
		if (!active || !isCellEvent(event) || event.run !== active.run) return;
		const { job } = active;
		job.client.onEvent(event);
		if (event.type === 'done') {
			clearTimeout(active.timer);
			if (event.ok && !ran.includes(job.client)) ran.push(job.client);
			active = null;
			job.resolve(event.ok);
			pump();
		}
	};
	worker.onerror = (event) => {
		event.preventDefault();
		if (active) end('stop');
	};
	return worker;
}

function pump(): void {
	if (active || queue.length === 0) return;
	const job = queue.shift()!;
	const run = nextRun++;
	const timer = setTimeout(() => end('timeLimit'), job.timeLimitMs);
	active = { job, run, timer };
	ensureWorker().postMessage({ ...job.command, run } as CellCommand);
}

/** Ends the worker: the running cell is told why, every other cell that had state is told it is gone. */
function end(why: 'stop' | 'timeLimit'): void {
	worker?.terminate();
	worker = null;
	const stopped = active;
	active = null;
	if (stopped) clearTimeout(stopped.timer);
	const again = ran.map((c) => c.cellTitle);
	if (stopped && !again.includes(stopped.job.client.cellTitle)) again.push(stopped.job.client.cellTitle);
	const waiting = queue.splice(0);
	for (const client of clients) client.onReset(stopped && client === stopped.job.client ? why : null, again);
	ran.length = 0;
	stopped?.job.resolve(false);
	for (const job of waiting) job.resolve(false);
}

/** Queues a command for the worker; resolves with whether it finished without an error. */
export function submit(client: CellClient, command: CellRequest, timeLimitMs: number): Promise<boolean> {
	return new Promise((resolve) => {
		queue.push({ client, command, timeLimitMs, resolve });
		pump();
	});
}

/** True while `client` is running or waiting. */
export function busy(client: CellClient): boolean {
	return active?.job.client === client || queue.some((job) => job.client === client);
}

/** Stop: ends the worker if `client` is running; drops it from the queue if it is waiting. */
export function stop(client: CellClient): void {
	if (active?.job.client === client) return end('stop');
	const i = queue.findIndex((job) => job.client === client);
	if (i >= 0) queue.splice(i, 1)[0].resolve(false);
}
