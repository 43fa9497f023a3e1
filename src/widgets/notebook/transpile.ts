/**
 * Turns a cell's TypeScript into a function body the cell worker can evaluate, keeping source positions.
 *
 *   TypeScript ──sucrase (types only)──▶ JavaScript, same lines ──prepareCell──▶ async function body
 *
 * sucrase removes type annotations and keeps every line where it was, so a line number of the JavaScript is a
 * line number of the cell; columns shift where a type was removed, and `cellPosition` maps them back by
 * aligning the two lines. `prepareCell` then makes a cell behave like a notebook cell:
 * - `import { LSTM } from 'cell-state'` becomes a lookup in the worker's module table (`__require`);
 * - the names the cell declares at its top level are published when it finishes (`__export`), so the cells
 *   after it see them as globals, and re-running it replaces them;
 * - the value of its last expression statement is returned, to be shown under the cell.
 * DOM-free, so it is unit-tested in Node.
 */
import { transform } from 'sucrase';

export interface PreparedCell {
	/** Source of `async function (...) { … }`, one line per line of the cell. */
	source: string;
	/** Top-level names the cell declares (published to later cells). */
	names: string[];
	/** Characters added before the cell's first line (subtract from columns on line 1). */
	prefixLength: number;
	/** Where the last expression was wrapped: columns after it on that line shift by `length`. */
	valueEdit: { line: number; column: number; length: number } | null;
	/** The JavaScript after sucrase, before the notebook rewrites (for column mapping). */
	javascript: string;
}

/** A transpile failure: message and 1-based position in the cell. */
export class CellSyntaxError extends Error {
	constructor(
		message: string,
		readonly line: number,
		readonly column: number,
	) {
		super(message);
		this.name = 'SyntaxError';
	}
}

/** Strips types (sucrase), keeping lines; throws CellSyntaxError with the cell's line:column. */
export function stripTypes(code: string): string {
	try {
		return transform(code, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true }).code;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		const loc = (error as { loc?: { line: number; column: number } }).loc;
		const at = /\((\d+):(\d+)\)\s*$/.exec(message);
		const line = loc?.line ?? (at ? Number(at[1]) : 1);
		const column = loc ? loc.column + 1 : at ? Number(at[2]) + 1 : 1;
		throw new CellSyntaxError(message.replace(/\s*\(\d+:\d+\)\s*$/, ''), line, column);
	}
}

const STATEMENT_KEYWORDS = new Set([
	'const', 'let', 'var', 'function', 'class', 'async', 'if', 'for', 'while', 'do', 'switch', 'try', 'return',
	'throw', 'import', 'export', 'break', 'continue', 'type', 'interface', 'enum',
]);
/** A line whose first character is one of these continues the statement above it. */
const CONTINUES_NEXT = /^[.?)\]}+\-*/%&|^<>=,:]/;
/** A line ending with one of these continues on the next line. */
const CONTINUES_PREV = /[,([{=+\-*/%&|^<>!?:.]$/;

interface Scan {
	/** Depth in (), [], {} at each character (0 = top level). */
	depth: Int32Array;
	/** True where a character belongs to a string, template, or comment. */
	opaque: Uint8Array;
}

/** One pass over JavaScript: nesting depth and which characters are inside strings or comments. */
function scan(js: string): Scan {
	const depth = new Int32Array(js.length + 1);
	const opaque = new Uint8Array(js.length + 1);
	let d = 0;
	const templates: number[] = []; // depth at which each open `${ … }` of a template started
	let i = 0;
	const mark = (from: number, to: number) => {
		for (let k = from; k < to && k < js.length; k++) {
			opaque[k] = 1;
			depth[k] = d;
		}
	};
	const template = (start: number): number => {
		// from just after a backtick (or the `}` closing `${`) to just after the closing backtick or `${`
		let k = start;
		while (k < js.length && js[k] !== '`') {
			if (js[k] === '\\') k += 2;
			else if (js[k] === '$' && js[k + 1] === '{') {
				mark(start, k + 2);
				templates.push(d);
				d++;
				return k + 2;
			} else k++;
		}
		mark(start, k + 1);
		return k + 1;
	};
	while (i < js.length) {
		const c = js[i];
		depth[i] = d;
		if (c === '/' && js[i + 1] === '/') {
			const end = js.indexOf('\n', i);
			const stop = end < 0 ? js.length : end;
			mark(i, stop);
			i = stop;
		} else if (c === '/' && js[i + 1] === '*') {
			const end = js.indexOf('*/', i + 2);
			const stop = end < 0 ? js.length : end + 2;
			mark(i, stop);
			i = stop;
		} else if (c === '"' || c === "'") {
			let k = i + 1;
			while (k < js.length && js[k] !== c && js[k] !== '\n') k += js[k] === '\\' ? 2 : 1;
			mark(i, k + 1);
			i = k + 1;
		} else if (c === '`') {
			mark(i, i + 1);
			i = template(i + 1);
		} else if (c === '(' || c === '[' || c === '{') {
			d++;
			i++;
		} else if (c === ')' || c === ']' || c === '}') {
			d = Math.max(0, d - 1);
			depth[i] = d;
			if (c === '}' && templates.length > 0 && templates.at(-1) === d) {
				templates.pop();
				opaque[i] = 1;
				i = template(i + 1);
			} else i++;
		} else i++;
	}
	depth[js.length] = d;
	return { depth, opaque };
}

const IDENT = /[A-Za-z_$][\w$]*/y;

function wordAt(js: string, at: number): string | null {
	IDENT.lastIndex = at;
	const m = IDENT.exec(js);
	return m ? m[0] : null;
}

function isWordBoundary(js: string, at: number): boolean {
	return at === 0 || !/[\w$.]/.test(js[at - 1]);
}

function skipSpace(js: string, at: number): number {
	while (at < js.length && /\s/.test(js[at])) at++;
	return at;
}

/** Names bound by a destructuring pattern starting at `at` (`{ a, b: c, ...d }`, `[x, , y]`). */
function patternNames(js: string, at: number): string[] {
	const open = js[at];
	const close = open === '{' ? '}' : ']';
	let level = 0;
	let end = at;
	for (; end < js.length; end++) {
		if (js[end] === '{' || js[end] === '[') level++;
		if (js[end] === '}' || js[end] === ']') level--;
		if (level === 0) break;
	}
	const inner = js.slice(at + 1, end);
	const names: string[] = [];
	// A name is bound where it is followed by , } ] = or the end, and is not a property key (followed by :).
	for (const m of inner.matchAll(/(?:^|[\s,{[.]|\.\.\.)([A-Za-z_$][\w$]*)\s*(?=[,}\]=]|$)/g)) names.push(m[1]);
	void close;
	return names;
}

/** Rewrites `import … from 'mod'` into a lookup, keeping the statement's line count. */
function rewriteImport(statement: string): { code: string; names: string[] } | null {
	const m = /^import\s+(?:(\*\s+as\s+[\w$]+)|([\w$]+)\s*,?\s*)?(\{[^}]*\})?\s*from\s*(['"])([^'"]+)\4\s*;?/.exec(statement);
	if (!m) return null;
	const [whole, star, def, braces, , module] = m;
	const names: string[] = [];
	const parts: string[] = [];
	const req = `__require(${JSON.stringify(module)})`;
	if (star) {
		const ns = star.split(/\s+/).at(-1)!;
		names.push(ns);
		parts.push(`const ${ns} = ${req};`);
	}
	if (def) {
		names.push(def);
		parts.push(`const ${def} = ${req}.default;`);
	}
	if (braces) {
		const specs = braces
			.slice(1, -1)
			.split(',')
			.map((s) => s.trim())
			.filter((s) => s !== '' && !s.startsWith('type '));
		const fields = specs.map((spec) => {
			const [from, as] = spec.split(/\s+as\s+/);
			names.push(as ?? from);
			return as ? `${from}: ${as}` : from;
		});
		parts.push(`const { ${fields.join(', ')} } = ${req};`);
	}
	const lines = whole.split('\n').length - 1;
	return { code: parts.join(' ') + '\n'.repeat(lines), names: names.filter((n) => n !== undefined) };
}

/** Start offsets of the top-level statements of `js` (heuristic, enough for notebook cells). */
function statementStarts(js: string, { depth, opaque }: Scan): number[] {
	const starts: number[] = [];
	let expectStart = true;
	let lastSignificant = '';
	for (let i = 0; i < js.length; i++) {
		const c = js[i];
		if (opaque[i]) {
			// a comment does not begin a statement, a string does
			if (expectStart && depth[i] === 0 && (c === '"' || c === "'" || c === '`')) {
				starts.push(i);
				expectStart = false;
			}
			if (!(js[i] === '/' && (js[i + 1] === '/' || js[i + 1] === '*')) && !isInComment(js, i, opaque)) lastSignificant = c;
			continue;
		}
		if (depth[i] !== 0) {
			if (!/\s/.test(c)) lastSignificant = c;
			continue;
		}
		if (c === '\n') {
			// a newline at top level ends a statement unless the next line continues it
			const next = js.slice(i + 1).trimStart();
			if (!CONTINUES_PREV.test(lastSignificant) && !CONTINUES_NEXT.test(next)) expectStart = true;
			continue;
		}
		if (/\s/.test(c)) continue;
		if (expectStart) {
			starts.push(i);
			expectStart = false;
		}
		if (c === ';' || (c === '}' && depth[i] === 0)) expectStart = true;
		lastSignificant = c;
	}
	return starts;
}

function isInComment(js: string, i: number, opaque: Uint8Array): boolean {
	// walk back to the start of the opaque run
	let k = i;
	while (k > 0 && opaque[k - 1]) k--;
	return js[k] === '/' && (js[k + 1] === '/' || js[k + 1] === '*');
}

function lineColumn(js: string, at: number): { line: number; column: number } {
	const before = js.slice(0, at);
	const line = before.split('\n').length;
	return { line, column: at - (before.lastIndexOf('\n') + 1) };
}

/** The worker's wrapper: the cell body runs inside it; the prefix shares the cell's first line. */
export const CELL_PREFIX = '(async function () { let __value;';

/**
 * Prepares a cell's JavaScript (after `stripTypes`) for evaluation in the worker. `sourceName` becomes the
 * `//# sourceURL`, so stack frames name the cell.
 */
export function prepareCell(javascript: string, sourceName: string): PreparedCell {
	const names: string[] = [];
	let js = javascript;
	// Imports first (they change text), then scan again.
	{
		const s = scan(js);
		const starts = statementStarts(js, s);
		for (const at of [...starts].reverse()) {
			if (wordAt(js, at) !== 'import') continue;
			const rewritten = rewriteImport(js.slice(at));
			if (!rewritten) continue;
			const original = /^import[\s\S]*?from\s*(['"])[^'"]+\1\s*;?/.exec(js.slice(at))![0];
			js = js.slice(0, at) + rewritten.code + js.slice(at + original.length);
			names.push(...rewritten.names);
		}
	}
	const s = scan(js);
	const starts = statementStarts(js, s);
	for (const at of starts) {
		let word = wordAt(js, at);
		let k = at;
		if (word === 'async') {
			k = skipSpace(js, at + 5);
			word = wordAt(js, k);
		}
		if (word === 'function' || word === 'class') {
			let n = skipSpace(js, k + word.length);
			if (js[n] === '*') n = skipSpace(js, n + 1);
			const name = wordAt(js, n);
			if (name) names.push(name);
		} else if (word === 'const' || word === 'let' || word === 'var') {
			// each declarator: at the keyword, and after each top-level comma of the statement
			const next = starts.find((x) => x > at) ?? js.length;
			let n = skipSpace(js, k + word.length);
			for (;;) {
				if (js[n] === '{' || js[n] === '[') names.push(...patternNames(js, n));
				else {
					const name = wordAt(js, n);
					if (name) names.push(name);
				}
				let comma = -1;
				for (let j = n; j < next; j++) {
					if (!s.opaque[j] && s.depth[j] === 0 && js[j] === ',') {
						comma = j;
						break;
					}
				}
				if (comma < 0) break;
				n = skipSpace(js, comma + 1);
			}
		}
	}
	// The last statement's value, if it is an expression.
	let valueEdit: PreparedCell['valueEdit'] = null;
	const last = starts.at(-1);
	let body = js;
	if (last !== undefined) {
		const word = wordAt(js, last);
		const isStatement = (word !== null && STATEMENT_KEYWORDS.has(word) && isWordBoundary(js, last)) || js[last] === '{' || js[last] === ';';
		if (!isStatement) {
			let tail = js.slice(last).replace(/\s+$/, '');
			// drop a final `;` (not inside a trailing comment)
			tail = tail.replace(/;(\s*(\/\/[^\n]*)?)$/, ' $1');
			const wrap = '__value = (';
			const { line, column } = lineColumn(js, last);
			valueEdit = { line, column, length: wrap.length };
			body = js.slice(0, last) + wrap + tail + '\n)';
		}
	}
	const unique = [...new Set(names)];
	const exports = unique.map((n) => `${JSON.stringify(n)}: () => ${n}`).join(', ');
	const source =
		`${CELL_PREFIX}${body}\n;__export({ ${exports} });\nreturn __value;\n})\n//# sourceURL=${sourceName}`;
	return { source, names: unique, prefixLength: CELL_PREFIX.length, valueEdit, javascript };
}

/**
 * Maps a 1-based line:column of the evaluated source back to the cell's TypeScript. Lines are kept by
 * sucrase; columns are re-found by aligning the JavaScript line (types removed) with the cell's line.
 */
export function cellPosition(
	prepared: Pick<PreparedCell, 'prefixLength' | 'valueEdit' | 'javascript'>,
	typescript: string,
	line: number,
	column: number,
): { line: number; column: number } {
	let col = column - 1; // 0-based in the evaluated line
	if (line === 1) col -= prepared.prefixLength;
	const edit = prepared.valueEdit;
	if (edit && edit.line === line && col >= edit.column + edit.length) col -= edit.length;
	else if (edit && edit.line === line && col >= edit.column) col = edit.column;
	const jsLine = prepared.javascript.split('\n')[line - 1] ?? '';
	const tsLine = typescript.split('\n')[line - 1] ?? '';
	col = Math.max(0, Math.min(col, jsLine.length));
	return { line, column: alignColumn(jsLine, tsLine, col) + 1 };
}

/** The column of `ts` that holds the character at `col` of `js`, where `js` is `ts` with pieces removed. */
export function alignColumn(js: string, ts: string, col: number): number {
	let t = 0;
	for (let j = 0; j < col && t < ts.length; j++) {
		// advance in ts to the next character equal to js[j] (types removed in between are skipped)
		while (t < ts.length && ts[t] !== js[j]) t++;
		t++;
	}
	// skip what was removed right before the target character
	while (t < ts.length && col < js.length && ts[t] !== js[col]) t++;
	return Math.min(t, ts.length);
}
