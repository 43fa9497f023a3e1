/**
 * Page side of a widget's computation: one compute worker (compute.worker.ts) per channel, spoken to in the
 * envelopes of envelope.ts.
 *
 * - Only its own worker is heard: the listener is on the Worker object (never on `window`), and a message
 *   must be an envelope of the current run whose body passes the protocol's `isEvent`; anything else is
 *   dropped. Starting a new run (a reset, new settings) makes events still in flight from the old one stale.
 * - A worker that dies is noticed, however it dies: an error event, a handler that threw or rejected (the
 *   worker reports a fault), or silence — `terminate()`, `self.close()`, a crash — caught by a watchdog
 *   that expects a heartbeat every BEAT_MS. Then `onFault` is told once, and the channel stays dead until
 *   `restart()` brings up a fresh worker.
 *
 *   const channel = new WorkerChannel<RaceCommand, RaceEvent>({ service: 'memory-race', isEvent, onEvent, onFault });
 *   channel.start({ type: 'start', settings });  channel.send({ type: 'pause' });  channel.dispose();
 */
import { BEAT_MS, CHANNEL, SILENCE_MS, isWorkerMessage, type CommandEnvelope } from './envelope.ts';

export interface ChannelOptions<Event> {
  /** The widget folder whose `*.service.ts` the worker runs. */
  service: string;
  /** The protocol's check of an event's shape. */
  isEvent: (x: unknown) => x is Event;
  onEvent: (event: Event) => void;
  /** Called once when the worker has failed or gone silent; `detail` says how, in English (for the console). */
  onFault: (detail: string) => void;
}

export class WorkerChannel<Command, Event> {
  #worker: Worker | null = null;
  #runId = 0;
  #dead = false;
  #lastHeard = 0;
  #watchdog: ReturnType<typeof setInterval> | undefined;
  readonly #options: ChannelOptions<Event>;
  readonly #onVisibility = () => {
    // A hidden page's timers are throttled and its workers may be frozen: silence then says nothing.
    if (document.visibilityState === 'visible') this.#lastHeard = performance.now();
  };

  constructor(options: ChannelOptions<Event>) {
    this.#options = options;
  }

  /** True after a fault, until restart(). */
  get dead(): boolean {
    return this.#dead;
  }

  /** Begins a new run with its first command; events of any earlier run are ignored from now on. */
  start(command: Command): void {
    this.#runId += 1;
    this.send(command);
  }

  /** Sends a command to the current run (nothing happens while the channel is dead). */
  send(command: Command): void {
    if (this.#dead) return;
    const envelope: CommandEnvelope<Command> = { channel: CHANNEL, service: this.#options.service, runId: this.#runId, body: command };
    this.#ensure().postMessage(envelope);
  }

  /** Drops the old worker, dead or alive, and makes the channel usable again; the caller starts a new run. */
  restart(): void {
    this.#stop();
    this.#dead = false;
  }

  /** Ends the worker; used when the widget leaves the page. */
  dispose(): void {
    this.#stop();
  }

  #ensure(): Worker {
    if (this.#worker) return this.#worker;
    // One worker script for every widget, so all of them share one engine chunk (see compute.worker.ts).
    const worker = new Worker(new URL('./compute.worker.ts', import.meta.url), { type: 'module', name: this.#options.service });
    worker.addEventListener('message', (e: MessageEvent) => this.#receive(worker, e.data));
    worker.addEventListener('error', (e: ErrorEvent) => {
      e.preventDefault();
      this.#fault(worker, e.message || 'the worker could not start or threw outside a run');
    });
    worker.addEventListener('messageerror', () => this.#fault(worker, 'a message from the worker could not be read'));
    this.#worker = worker;
    this.#lastHeard = performance.now();
    this.#watchdog = setInterval(() => {
      if (document.visibilityState === 'visible' && performance.now() - this.#lastHeard > SILENCE_MS) {
        this.#fault(worker, `the worker sent nothing for ${SILENCE_MS / 1000} s (it was closed, terminated or crashed)`);
      }
    }, BEAT_MS * 2);
    document.addEventListener('visibilitychange', this.#onVisibility);
    return worker;
  }

  #receive(worker: Worker, data: unknown): void {
    if (worker !== this.#worker || !isWorkerMessage(data)) return;
    this.#lastHeard = performance.now();
    if ('beat' in data || data.runId !== this.#runId) return;
    if ('fault' in data) return this.#fault(worker, data.fault);
    if (this.#options.isEvent(data.body)) this.#options.onEvent(data.body);
  }

  #fault(worker: Worker, detail: string): void {
    if (worker !== this.#worker || this.#dead) return;
    this.#dead = true;
    this.#stop();
    console.warn(`${this.#options.service}: the computation stopped: ${detail}`);
    this.#options.onFault(detail);
  }

  #stop(): void {
    clearInterval(this.#watchdog);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#worker?.terminate();
    this.#worker = null;
    this.#runId += 1;
  }
}
