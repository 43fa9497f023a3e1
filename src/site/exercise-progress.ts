/**
 * Which exercises a reader has solved, per chapter, in localStorage under `cell-state:progress:<chapter>`
 * (nothing else is stored there, so clearing it loses nothing else). Every storage call may throw (private
 * mode, a full quota, storage disabled): then progress is simply not kept, and nothing else breaks.
 */
export const PREFIX = 'cell-state:progress:';

export interface ChapterProgress {
	solved: string[];
	total: number;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export function readProgress(storage: StorageLike | null, chapter: string): ChapterProgress | null {
	try {
		const raw = storage?.getItem(PREFIX + chapter);
		const value: unknown = raw ? JSON.parse(raw) : null;
		const v = value as ChapterProgress;
		if (!value || !Array.isArray(v.solved) || typeof v.total !== 'number') return null;
		return { solved: v.solved.filter((id): id is string => typeof id === 'string'), total: v.total };
	} catch {
		return null;
	}
}

/** Records `id` as solved; returns the chapter's progress (also when it could not be stored). */
export function markSolved(storage: StorageLike | null, chapter: string, id: string, total: number): ChapterProgress {
	const before = readProgress(storage, chapter) ?? { solved: [], total };
	const next = { solved: [...new Set([...before.solved, id])], total };
	try {
		storage?.setItem(PREFIX + chapter, JSON.stringify(next));
	} catch {
		// not kept; the page still shows it until reload
	}
	return next;
}

export function resetProgress(storage: StorageLike | null, chapter: string): void {
	try {
		storage?.removeItem(PREFIX + chapter);
	} catch {
		// nothing stored to lose
	}
}

/** Every chapter with progress: chapter → progress. */
export function allProgress(storage: StorageLike | null): Map<string, ChapterProgress> {
	const out = new Map<string, ChapterProgress>();
	try {
		for (let i = 0; storage && i < storage.length; i++) {
			const key = storage.key(i);
			if (!key?.startsWith(PREFIX)) continue;
			const p = readProgress(storage, key.slice(PREFIX.length));
			if (p) out.set(key.slice(PREFIX.length), p);
		}
	} catch {
		// storage unreadable: no progress shown
	}
	return out;
}

/** The browser's localStorage, or null where even touching it throws. */
export function browserStorage(): StorageLike | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
}
