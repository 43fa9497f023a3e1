/**
 * Pretty-prints a value for a cell's output: plain text, never HTML. A tensor is a table with its shape and
 * dtype; long arrays, long rows and deep objects are elided with "…". DOM-free (unit-tested in Node).
 */

/** How much of a value is shown. */
export const LIMITS = { items: 10, rows: 8, columns: 8, depth: 3, string: 2000 };

interface TensorLike {
	shape: number[];
	dtype: string;
	data: ArrayLike<number>;
}

function isTensor(value: unknown): value is TensorLike {
	const v = value as TensorLike;
	return (
		typeof value === 'object' && value !== null && Array.isArray(v.shape) && typeof v.dtype === 'string' &&
		ArrayBuffer.isView(v.data)
	);
}

/** A number as a reader writes it: integers whole, others to 6 significant digits. */
export function formatNumber(x: number): string {
	if (Number.isInteger(x) || !Number.isFinite(x)) return Object.is(x, -0) ? '0' : String(x);
	const abs = Math.abs(x);
	if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) return x.toExponential(4).replace(/\.?0+e/, 'e');
	return String(Number(x.toPrecision(6)));
}

function elided<T>(items: ArrayLike<T>, limit: number, show: (item: T) => string): string[] {
	const out: string[] = [];
	const n = items.length;
	const head = n > limit ? Math.ceil(limit / 2) : n;
	for (let i = 0; i < head; i++) out.push(show(items[i]));
	if (n > limit) {
		out.push(`… ${n - limit} more`);
		for (let i = n - (limit - head); i < n; i++) out.push(show(items[i]));
	}
	return out;
}

/** A tensor: `Tensor [2, 3] float32` then its numbers, 2-D as aligned rows, higher ranks as 2-D slices. */
export function formatTensor(t: TensorLike): string {
	const header = `Tensor [${t.shape.join(', ')}] ${t.dtype}`;
	const shape = t.shape.length === 0 ? [1, 1] : t.shape.length === 1 ? [1, t.shape[0]] : t.shape;
	const rows = shape.at(-2)!;
	const cols = shape.at(-1)!;
	const slices = shape.slice(0, -2).reduce((a, b) => a * b, 1);
	const lines = [header];
	const pickIndices = (n: number, limit: number) =>
		n > limit ? [...Array(Math.ceil(limit / 2)).keys(), -1, ...Array.from({ length: Math.floor(limit / 2) }, (_, i) => n - Math.floor(limit / 2) + i)] : [...Array(n).keys()];
	const sliceIdx = pickIndices(slices, 2);
	for (const s of sliceIdx) {
		if (s < 0) {
			lines.push(`… ${slices - 2} more slices`);
			continue;
		}
		if (slices > 1) {
			const index: number[] = [];
			let rest = s;
			for (const n of shape.slice(0, -2).reverse()) {
				index.unshift(rest % n);
				rest = Math.floor(rest / n);
			}
			lines.push(`[${index.join(', ')}, :, :]`);
		}
		const rowIdx = pickIndices(rows, LIMITS.rows);
		const colIdx = pickIndices(cols, LIMITS.columns);
		const cells = rowIdx.map((r) =>
			colIdx.map((c) => (r < 0 ? '⋮' : c < 0 ? '…' : formatNumber(t.data[(s * rows + r) * cols + c]))),
		);
		const width = colIdx.map((_, j) => Math.max(...cells.map((row) => row[j].length)));
		for (const row of cells) lines.push(row.map((cell, j) => cell.padStart(width[j])).join('  '));
	}
	return lines.join('\n');
}

/** Any value, as the last expression of a cell or an argument of console.log (`quote` strings or not). */
export function formatValue(value: unknown, quote = true, depth = 0, seen = new Set<object>()): string {
	if (typeof value === 'string') {
		const s = value.length > LIMITS.string ? value.slice(0, LIMITS.string) + `… (${value.length} characters)` : value;
		return quote ? JSON.stringify(s) : s;
	}
	if (typeof value === 'number') return formatNumber(value);
	if (typeof value === 'bigint') return `${value}n`;
	if (value === undefined || value === null || typeof value === 'boolean' || typeof value === 'symbol') return String(value);
	if (typeof value === 'function') return /^class\b/.test(Function.prototype.toString.call(value)) ? `[class ${value.name}]` : `[function ${value.name || '(anonymous)'}]`;
	if (isTensor(value)) return formatTensor(value);
	const obj = value as object;
	if (seen.has(obj)) return '[circular]';
	if (value instanceof Error) return `${value.name}: ${value.message}`;
	if (depth >= LIMITS.depth) return Array.isArray(value) ? '[…]' : '{…}';
	seen.add(obj);
	try {
		const inner = (v: unknown) => formatValue(v, true, depth + 1, seen);
		if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
			const arr = value as unknown as ArrayLike<number>;
			return `${value.constructor.name}(${arr.length}) [${elided(arr, LIMITS.items, (x) => formatNumber(Number(x))).join(', ')}]`;
		}
		if (Array.isArray(value)) return `[${elided(value, LIMITS.items, inner).join(', ')}]`;
		if (value instanceof Map) return `Map(${value.size}) {${elided([...value], LIMITS.items, ([k, v]) => `${inner(k)} => ${inner(v)}`).join(', ')}}`;
		if (value instanceof Set) return `Set(${value.size}) {${elided([...value], LIMITS.items, inner).join(', ')}}`;
		const entries = Object.entries(value);
		const name = obj.constructor && obj.constructor !== Object ? `${obj.constructor.name} ` : '';
		const body = elided(entries, LIMITS.items, ([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${inner(v)}`);
		return `${name}{${body.length ? ` ${body.join(', ')} ` : ''}}`;
	} finally {
		seen.delete(obj);
	}
}

/** console.log's arguments joined as the console does: strings as they are, other values printed. */
export function formatLogArguments(args: readonly unknown[]): string {
	return args.map((a) => formatValue(a, false)).join(' ');
}
