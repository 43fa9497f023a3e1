/**
 * The messages between a widget and the compute worker (compute.worker.ts), as plain data. Imported by both
 * sides, so it holds types and pure checks only: a page that imports it starts nothing.
 *
 *   page → worker   { channel, service, runId, body: Command }
 *   worker → page   { channel, runId, body: Event }       an event of run `runId`
 *                   { channel, runId, fault: string }     run `runId` failed (its handler threw or rejected)
 *                   { channel, beat: true }               the worker is alive (every BEAT_MS)
 */
export const CHANNEL = 'cell-state';

/** How often a live worker says so, and how long the page waits without a word before calling it dead. */
export const BEAT_MS = 500;
export const SILENCE_MS = 6000;

export interface CommandEnvelope<C = unknown> {
  channel: typeof CHANNEL;
  service: string;
  runId: number;
  body: C;
}

export type WorkerMessage<E = unknown> =
  | { channel: typeof CHANNEL; runId: number; body: E }
  | { channel: typeof CHANNEL; runId: number; fault: string }
  | { channel: typeof CHANNEL; beat: true };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** A service name is a widget folder's name: lower-case words joined by hyphens. */
export const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function isCommandEnvelope(x: unknown): x is CommandEnvelope {
  return (
    isRecord(x) &&
    x.channel === CHANNEL &&
    typeof x.service === 'string' &&
    SERVICE_NAME.test(x.service) &&
    Number.isSafeInteger(x.runId) &&
    'body' in x
  );
}

export function isWorkerMessage(x: unknown): x is WorkerMessage {
  if (!isRecord(x) || x.channel !== CHANNEL) return false;
  if (x.beat === true) return true;
  return Number.isSafeInteger(x.runId) && ('body' in x || typeof x.fault === 'string');
}

/**
 * A guard for messages of a declared set of types: `{ type: 'progress', … }` and so on. Protocols use it to
 * build their `isEvent` / `isCommand` checks, so a message of any other shape is dropped at the channel.
 */
export function hasType<T extends { type: string }>(types: readonly T['type'][]): (x: unknown) => x is T {
  return (x: unknown): x is T => isRecord(x) && typeof x.type === 'string' && (types as readonly string[]).includes(x.type);
}
