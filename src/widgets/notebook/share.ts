/**
 * Edited code in the link: `#cells=<lz-string of {"cell-id": "code", …}>`, as the TypeScript playground does.
 * Code that arrives this way is shown, marked as changed, and never run without a click. As the reader types,
 * the page rewrites the hash (debounced) so that the address bar is always a link to what the cells show.
 */
import LZString from 'lz-string';

const KEY = 'cells=';

/** The cells' code carried by `hash`, or {} if there is none or it does not decode. */
export function decodeShared(hash: string): Record<string, string> {
	const at = hash.indexOf(KEY);
	if (at < 0) return {};
	try {
		const json = LZString.decompressFromEncodedURIComponent(hash.slice(at + KEY.length).split('&')[0]);
		const value: unknown = json ? JSON.parse(json) : null;
		if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
		return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
	} catch {
		return {};
	}
}

export function readSharedCode(hash: string, cellId: string): string | null {
	return decodeShared(hash)[cellId] ?? null;
}

/**
 * `hash` with its `cells=` part replaced by `cells` (removed when `cells` is empty); any other part of the hash,
 * such as a heading's anchor, is kept before it, separated by `&`.
 */
export function withSharedCells(hash: string, cells: Record<string, string>): string {
	const others = hash
		.replace(/^#/, '')
		.split('&')
		.filter((part) => part !== '' && !part.startsWith(KEY));
	if (Object.keys(cells).length > 0) others.push(KEY + LZString.compressToEncodedURIComponent(JSON.stringify(cells)));
	return others.length === 0 ? '' : `#${others.join('&')}`;
}
