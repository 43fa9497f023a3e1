/** What the cell worker provides to every cell besides its imports (src/widgets/notebook/cell.worker.ts). */
declare global {
	/** One line per named series: `plot({ loss, accuracy }, { title, xLabel })`. */
	function plot(series: Record<string, ArrayLike<number>>, options?: { title?: string; xLabel?: string; yLabel?: string; x?: ArrayLike<number> }): void;
	/** A progress bar under the cell: `progress(epoch + 1, epochs, 'training')`. */
	function progress(done: number, total?: number, label?: string): void;
	/** Yields to the worker's event loop (lets messages out between epochs). */
	function tick(): Promise<void>;
}
export {};
