/** Browser-only helpers shared by widget elements (the numbers live in DOM-free modules). */

/** Resolves at the next animation frame: work split across frames leaves the page free to paint and answer. */
export function nextFrame(): Promise<void> {
	return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
