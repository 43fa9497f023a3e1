/**
 * Worker side of a widget's computation. A widget's `<name>.service.ts` (in its own folder) default-exports
 * `defineService(...)`; compute.worker.ts loads it on the first command for that widget and hands it every
 * command of the newest run. Page code never imports a service module (its protocol types live in the
 * widget's protocol.ts), so nothing of a worker runs on the page.
 *
 *   export default defineService<RaceCommand, RaceEvent>({
 *     isCommand: hasType(['start', 'pause', 'resume']),
 *     async handle(command, run) { … run.emit({ type: 'progress', … }); if (!run.isCurrent()) return; … },
 *   });
 *
 * A handler that throws or rejects is reported to the page as a fault of its run, which the widget shows as
 * "The computation stopped" with a Restart; a long loop awaits `yieldToEvents()` between chunks so that
 * commands (pause, a newer run) and the heartbeat get through.
 */

export interface Run<Event> {
  /** Sends an event of this run to the page (dropped once a newer run has started). */
  emit(event: Event): void;
  /** False once a newer run (or a reset) has superseded this one: a loop should then end. */
  isCurrent(): boolean;
}

export interface Service<Command = unknown, Event = unknown> {
  /** The protocol's check of a command's shape; other messages are ignored. */
  isCommand: (x: unknown) => x is Command;
  handle(command: Command, run: Run<Event>): void | Promise<void>;
}

export function defineService<Command, Event>(service: Service<Command, Event>): Service<Command, Event> {
  return service;
}

/** Lets a worker loop breathe so it can receive pause/stop messages between chunks of work. */
export function yieldToEvents(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
