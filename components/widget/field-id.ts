/** Ids for server-rendered widget controls: unique on a page even when a widget appears twice. */
let next = 0;

export function fieldId(name: string): string {
	next += 1;
	return `w-${name.replace(/[^A-Za-z0-9_-]/g, '')}-${next}`;
}
