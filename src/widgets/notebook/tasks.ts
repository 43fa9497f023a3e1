/**
 * `import … from 'cell-state/tasks'` in a cell: the data and bookkeeping of chapter 5's programs, kept out of
 * the cells so that they read like the article's listings.
 */
export { makeFirstDigitTask, type DigitTask } from '../../examples/first-digit-task.ts';
import { noGrad, zeros, type Module, type Rng, type Tensor } from '../../engine/index.ts';

/** Gathers samples `idx` of a task into a batch: inputs [B, T, 10], labels [B] (a DataLoader's batch). */
export function batch(data: { x: Tensor; labels: Int32Array }, idx: number[]) {
	const [, T, I] = data.x.shape;
	const inputs = zeros([idx.length, T, I]);
	idx.forEach((n, b) => inputs.data.set(data.x.data.subarray(n * T * I, (n + 1) * T * I), b * T * I));
	return { inputs, labels: Int32Array.from(idx, (n) => data.labels[n]) };
}

/** Share of rows of `logits` [N, C] whose largest entry is at `labels[n]`, without recording a tape. */
export function accuracy(model: Module & { forward(x: Tensor): Tensor }, x: Tensor, labels: Int32Array): number {
	return noGrad(() => {
		const logits = model.forward(x);
		const C = logits.shape[1];
		let correct = 0;
		for (let n = 0; n < labels.length; n++) {
			const row = Array.from(logits.data.subarray(n * C, (n + 1) * C));
			if (row.indexOf(Math.max(...row)) === labels[n]) correct++;
		}
		return correct / labels.length;
	});
}

/** 0, 1, …, n − 1 in a new order from `rng` (DataLoader's shuffle=True). */
export function shuffled(n: number, rng: Rng): number[] {
	const order = Array.from({ length: n }, (_, i) => i);
	rng.shuffle(order);
	return order;
}
