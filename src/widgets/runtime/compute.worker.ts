/**
 * The one Web Worker script of every widget. Each widget's channel (channel.ts) starts its own instance;
 * the first command names the widget's service, which is loaded from `src/widgets/<service>/*.service.ts`
 * with a dynamic import. One script means one build of the engine that every widget's worker shares.
 *
 * Here are the runtime's promises to the page (envelope.ts): a heartbeat every BEAT_MS; every command of the
 * newest run, and only those, handed to the service; a handler that throws or rejects, or an error that
 * escapes it, reported as a fault of the run instead of a silent hang.
 */
import { BEAT_MS, CHANNEL, isCommandEnvelope, type WorkerMessage } from './envelope.ts';
import type { Service } from './service.ts';

const SERVICES = import.meta.glob<{ default: Service }>('../*/*.service.ts');

interface Scope {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  addEventListener(type: 'unhandledrejection', listener: (e: PromiseRejectionEvent) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  postMessage(message: WorkerMessage): void;
}
const scope = globalThis as unknown as Scope;

let current = -1;
let service: Promise<Service> | null = null;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function fault(runId: number, error: unknown): void {
  scope.postMessage({ channel: CHANNEL, runId, fault: messageOf(error) });
}

function load(name: string): Promise<Service> {
  const key = Object.keys(SERVICES).find((path) => path.startsWith(`../${name}/`));
  if (!key) return Promise.reject(new Error(`no service named '${name}'`));
  return SERVICES[key]().then((m) => m.default);
}

scope.addEventListener('message', (e: MessageEvent) => {
  if (!isCommandEnvelope(e.data)) return;
  const { runId, body } = e.data;
  if (runId < current) return;
  current = runId;
  // A worker serves one widget: the first command decides which.
  service ??= load(e.data.service);
  service
    .then(async (s) => {
      if (!s.isCommand(body) || runId !== current) return;
      await s.handle(body, {
        emit: (event) => {
          if (runId === current) scope.postMessage({ channel: CHANNEL, runId, body: event });
        },
        isCurrent: () => runId === current,
      });
    })
    .catch((error: unknown) => fault(runId, error));
});

// Errors that escape a handler's promise chain (a timer callback, a forgotten await) end the current run too.
scope.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
  e.preventDefault();
  fault(current, e.reason);
});
scope.addEventListener('error', (e: ErrorEvent) => {
  e.preventDefault();
  fault(current, e.error ?? e.message);
});

setInterval(() => scope.postMessage({ channel: CHANNEL, beat: true }), BEAT_MS);
scope.postMessage({ channel: CHANNEL, beat: true });
