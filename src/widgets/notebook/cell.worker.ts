/**
 * The page's one cell worker: evaluates the reader's cells, in order, in one global scope, so a cell sees the
 * top-level names of the cells run before it. Reader code is evaluated only here, never on the page; this
 * file's response carries its own Content-Security-Policy with 'unsafe-eval' (public/_headers), the page's
 * policy is unchanged. A cell that never returns is ended by the page terminating this worker (Stop, or the
 * time limit): nothing here has to cooperate.
 *
 * Why not the shared compute worker: its services are the site's own code under the site's policy, and a
 * terminated compute worker restarts one widget's run; a terminated cell worker loses every cell's state.
 */
import * as engine from '../../engine/index.ts';
import * as tasks from './tasks.ts';
import { CellSyntaxError, cellPosition, prepareCell, stripTypes } from './transpile.ts';
import { formatLogArguments, formatValue } from './format.ts';
import { plotSpec, progressFraction, type PlotOptions } from './helpers.ts';
import type { CellCommand, CellEvent } from './protocol.ts';
import { runHiddenTests } from './hidden-tests.ts';

/** `import … from '<name>'` in a cell: the engine's public entry, exactly as the README imports it. */
const MODULES: Record<string, unknown> = { 'cell-state': engine, 'cell-state/tasks': tasks };

const scope = globalThis as unknown as Record<string, unknown>;
/** Names each cell published last time, so re-running it replaces them. */
const published = new Map<string, string[]>();
let current = 0;

const post = (event: CellEvent) => postMessage(event);

scope.__require = (name: string) => {
	if (!(name in MODULES)) throw new Error(`Cannot import "${name}": cells can import ${Object.keys(MODULES).map((m) => `"${m}"`).join(', ')}`);
	return MODULES[name];
};
scope.plot = (series: Record<string, ArrayLike<number>>, options?: PlotOptions) => post({ type: 'plot', run: current, spec: plotSpec(series, options) });
scope.progress = (done: number, total?: number, label = '') => post({ type: 'progress', run: current, fraction: progressFraction(done, total), label: String(label) });
/** Lets the page draw (and Stop be clicked) between epochs: `await tick()`. */
scope.tick = () => new Promise((resolve) => setTimeout(resolve, 0));
for (const level of ['log', 'info', 'warn', 'error'] as const) {
	console[level] = (...args: unknown[]) => post({ type: 'console', run: current, level, text: formatLogArguments(args) });
}

function errorEvent(run: number, error: unknown, sourceName: string, prepared: Parameters<typeof cellPosition>[0] | null, ts: string): CellEvent {
	if (error instanceof CellSyntaxError) return { type: 'error', run, name: 'SyntaxError', message: error.message, line: error.line, column: error.column };
	const e = error instanceof Error ? error : new Error(formatValue(error));
	const at = new RegExp(`${sourceName.replace(/[.]/g, '\\.')}:(\\d+):(\\d+)`).exec(e.stack ?? '');
	const position = at && prepared ? cellPosition(prepared, ts, Number(at[1]), Number(at[2])) : null;
	return { type: 'error', run, name: e.name, message: e.message, line: position?.line ?? null, column: position?.column ?? null };
}

/** Evaluates one cell and publishes its names; returns the value of its last expression. */
async function evaluate(cell: string, code: string, sourceName: string): Promise<unknown> {
	const prepared = prepareCell(stripTypes(code), sourceName);
	let exported: Record<string, () => unknown> = {};
	scope.__export = (names: Record<string, () => unknown>) => (exported = names);
	let fn: () => Promise<unknown>;
	try {
		fn = (0, eval)(prepared.source);
	} catch (error) {
		throw Object.assign(error as Error, { prepared });
	}
	try {
		const value = await fn();
		for (const name of published.get(cell) ?? []) delete scope[name];
		for (const [name, get] of Object.entries(exported)) scope[name] = get();
		published.set(cell, Object.keys(exported));
		return value;
	} catch (error) {
		throw Object.assign(error as Error, { prepared });
	}
}

onmessage = async (message: MessageEvent<CellCommand>) => {
	const command = message.data;
	current = command.run;
	const started = performance.now();
	const sourceName = `cell-${command.cell.replace(/[^\w-]/g, '')}.ts`;
	try {
		if (command.type === 'run') {
			const value = await evaluate(command.cell, command.code, sourceName);
			if (value !== undefined) post({ type: 'value', run: command.run, text: formatValue(value) });
		} else {
			await evaluate(command.cell, command.code, sourceName);
			const result = await runHiddenTests(command.tests, scope[command.tests.fn]);
			post({ type: 'checked', run: command.run, ...result });
		}
		post({ type: 'done', run: command.run, ok: true, ms: performance.now() - started });
	} catch (error) {
		const prepared = (error as { prepared?: Parameters<typeof cellPosition>[0] }).prepared ?? null;
		post(errorEvent(command.run, error, sourceName, prepared, command.code));
		post({ type: 'done', run: command.run, ok: false, ms: performance.now() - started });
	}
};
