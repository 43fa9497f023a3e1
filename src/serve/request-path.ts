/**
 * The path segments of a request for a static file, or the reason to refuse it. Pure: decides from the
 * request target alone, so nothing outside the served folder can be named, however the path is encoded.
 */

export type RequestPath =
	/** `segments` are decoded and safe to join under the root; `directory` when the path ends with "/". */
	| { ok: true; segments: string[]; directory: boolean }
	/** 400: a malformed target, a bad percent-escape, or a segment that would leave its folder. */
	| { ok: false; status: 400 }
	/** 404: a hidden file (a name starting with "." or the host's own `_headers`). */
	| { ok: false; status: 404 };

/** Characters a decoded segment may not hold: separators (both kinds), NUL and other control characters. */
const UNSAFE = /[/\\\u0000-\u001f\u007f]/;
const HIDDEN = /^(\..*|_headers|_redirects)$/;

/**
 * Reads a request target (`/en/04-math/?x=1`) into path segments. `..` and `.` are refused in any spelling
 * (`%2e%2e`, `..%2f..%2f`), as is any segment that decodes to something holding a separator.
 */
export function requestPath(target: string): RequestPath {
	const path = target.split(/[?#]/, 1)[0];
	if (!path.startsWith('/') || path.startsWith('//')) return { ok: false, status: 400 };
	const segments: string[] = [];
	for (const raw of path.slice(1).split('/')) {
		if (raw === '') continue;
		let segment: string;
		try {
			segment = decodeURIComponent(raw);
		} catch {
			return { ok: false, status: 400 };
		}
		if (segment === '.' || segment === '..' || UNSAFE.test(segment)) return { ok: false, status: 400 };
		if (HIDDEN.test(segment)) return { ok: false, status: 404 };
		segments.push(segment);
	}
	return { ok: true, segments, directory: path.endsWith('/') };
}
