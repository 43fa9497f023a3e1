/**
 * Messages between the page and the cell worker (`cell.worker.ts`). Everything a cell shows is one of these:
 * text, a chart's data and options, or a progress fraction; never HTML.
 */

/** Page → worker. */
export type CellCommand =
	| { type: 'run'; run: number; cell: string; code: string }
	/** A code exercise: run `code`, then call the function it defines on each hidden case. */
	| { type: 'check'; run: number; cell: string; code: string; tests: HiddenTests };

/** A code exercise's hidden tests: `fn(...args)` should equal `expected` within `tolerance`. */
export interface HiddenTests {
	fn: string;
	tolerance: number;
	cases: { args: unknown[]; expected: unknown }[];
}

/** One plotted series: a line of `y` against `x` (`x` defaults to 1, 2, …). */
export interface PlotSeries {
	name: string;
	y: number[];
	x?: number[];
}
export interface PlotSpec {
	series: PlotSeries[];
	title?: string;
	xLabel?: string;
	yLabel?: string;
}

/** Worker → page; `run` names the command it answers. */
export type CellEvent =
	| { type: 'console'; run: number; level: 'log' | 'info' | 'warn' | 'error'; text: string }
	| { type: 'value'; run: number; text: string }
	| { type: 'plot'; run: number; spec: PlotSpec }
	| { type: 'progress'; run: number; fraction: number; label: string }
	| { type: 'error'; run: number; name: string; message: string; line: number | null; column: number | null }
	| { type: 'done'; run: number; ok: boolean; ms: number }
	| { type: 'checked'; run: number; ok: boolean; failures: { name: string; expected: string; actual: string; message?: string }[]; passed: number };

export function isCellEvent(value: unknown): value is CellEvent {
	const v = value as { type?: unknown; run?: unknown };
	return typeof value === 'object' && value !== null && typeof v.type === 'string' && typeof v.run === 'number';
}
