/**
 * What a cell can call besides the engine: `plot()` and `progress()` (sent to the page, which draws them),
 * and the output hooks the worker installs. DOM-free.
 */
import type { PlotSpec } from './protocol.ts';

export interface PlotOptions {
	title?: string;
	xLabel?: string;
	yLabel?: string;
	/** x values shared by every series (default 1, 2, …). */
	x?: ArrayLike<number>;
}

function numbers(values: unknown, what: string): number[] {
	if (!Array.isArray(values) && !ArrayBuffer.isView(values)) throw new TypeError(`plot(): ${what} should be an array of numbers`);
	const out = Array.from(values as ArrayLike<unknown>, Number);
	if (out.some((v) => Number.isNaN(v) && v !== v)) void 0;
	return out;
}

/**
 * `plot({ loss: [...], accuracy: [...] }, { title: 'Training', xLabel: 'epoch' })`: one line per named series.
 * Throws, naming the series, on anything that is not an array of numbers.
 */
export function plotSpec(series: Record<string, ArrayLike<number>>, options: PlotOptions = {}): PlotSpec {
	if (typeof series !== 'object' || series === null || Array.isArray(series)) {
		throw new TypeError('plot(): the first argument should be an object of named series, e.g. plot({ loss })');
	}
	const x = options.x === undefined ? undefined : numbers(options.x, 'options.x');
	const list = Object.entries(series).map(([name, y]) => {
		const ys = numbers(y, `series "${name}"`);
		if (x && x.length !== ys.length) throw new RangeError(`plot(): series "${name}" has ${ys.length} values but x has ${x.length}`);
		return x ? { name, y: ys, x } : { name, y: ys };
	});
	if (list.length === 0) throw new RangeError('plot(): no series given');
	return { series: list, title: options.title, xLabel: options.xLabel, yLabel: options.yLabel };
}

/** A progress fraction in [0, 1]; throws on anything else. */
export function progressFraction(done: number, total = 1): number {
	if (!Number.isFinite(done) || !Number.isFinite(total) || total <= 0) {
		throw new RangeError(`progress(done, total): expected finite numbers with total > 0, got ${done}, ${total}`);
	}
	return Math.min(1, Math.max(0, done / total));
}
