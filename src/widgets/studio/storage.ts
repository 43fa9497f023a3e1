/**
 * What the studio keeps in the reader's browser (IndexedDB, database "cell-state-studio"):
 *   drafts  the reader's own training text, saved as it is typed, so a reload or an error never loses it
 *   runs    saved runs: the model file (weights, vocabulary, hyperparameters, loss history) and its text
 * Every call resolves or rejects with a StorageProblem whose `quota` says the browser ran out of room.
 */
const DB = 'cell-state-studio';
const VERSION = 1;

export interface SavedRun {
  id: string;
  /** Milliseconds since 1970 of the last save. */
  savedAt: number;
  corpus: string;
  /** The reader's text, for a run on it ('own'); built-in corpora are fetched again. */
  text?: string;
  steps: number;
  validationBits?: number;
  /** The model file (model-file.ts format). */
  file: string;
  /** The optimizer's moments (Optimizer.stateDict()), so training resumes exactly. */
  optimizerState?: unknown;
}

export type RunSummary = Omit<SavedRun, 'file' | 'text' | 'optimizerState'>;

export class StorageProblem extends Error {
  constructor(
    message: string,
    readonly quota: boolean,
  ) {
    super(message);
  }
}

let opened: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opened ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') return reject(new StorageProblem('this browser has no IndexedDB', false));
    const request = indexedDB.open(DB, VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('drafts')) db.createObjectStore('drafts');
      if (!db.objectStoreNames.contains('runs')) db.createObjectStore('runs', { keyPath: 'id' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(problem(request.error));
    request.onblocked = () => reject(new StorageProblem('the storage is in use by another tab', false));
  }).catch((error: unknown) => {
    opened = null;
    throw error;
  });
  return opened;
}

function problem(error: DOMException | null | unknown): StorageProblem {
  const e = error as DOMException | null;
  const quota = e?.name === 'QuotaExceededError';
  return new StorageProblem(e?.message || e?.name || 'storage error', quota);
}

/** One transaction on one store; resolves with the request's result once the transaction has committed. */
async function transact<T>(store: 'drafts' | 'runs', mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    let tx: IDBTransaction;
    try {
      tx = db.transaction(store, mode);
    } catch (error) {
      return reject(problem(error));
    }
    let result: T;
    const request = act(tx.objectStore(store));
    request.onsuccess = () => (result = request.result);
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => reject(problem(tx.error ?? request.error));
    tx.onerror = () => reject(problem(tx.error ?? request.error));
  });
}

export function saveDraft(key: string, text: string): Promise<unknown> {
  return transact('drafts', 'readwrite', (s) => s.put(text, key));
}

export async function loadDraft(key: string): Promise<string | undefined> {
  const value = await transact<unknown>('drafts', 'readonly', (s) => s.get(key));
  return typeof value === 'string' ? value : undefined;
}

export function saveRun(run: SavedRun): Promise<unknown> {
  return transact('runs', 'readwrite', (s) => s.put(run));
}

export async function loadRun(id: string): Promise<SavedRun | undefined> {
  return (await transact<SavedRun | undefined>('runs', 'readonly', (s) => s.get(id))) ?? undefined;
}

export function deleteRun(id: string): Promise<unknown> {
  return transact('runs', 'readwrite', (s) => s.delete(id));
}

/** Saved runs, newest first, without their weights. */
export async function listRuns(): Promise<RunSummary[]> {
  const all = await transact<SavedRun[]>('runs', 'readonly', (s) => s.getAll());
  return all
    .map(({ file: _file, text: _text, optimizerState: _moments, ...summary }) => summary)
    .sort((a, b) => b.savedAt - a.savedAt);
}
