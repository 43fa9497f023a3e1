/**
 * Chapter 4's example cell in the chapter's notation, as plain numbers with no engine: the cell explorer's URL
 * schema (loaded on every page with the explorer) starts from them, and worked-examples.ts computes every number
 * the chapters print from them.
 */

/** A matrix as rows of numbers (row-major, as printed). */
export type Rows = readonly (readonly number[])[];

/** The weights of one gate in the chapter's notation: W ∈ ℝ^{H×(H+I)} acting on [h_{t-1}, x_t], and b ∈ ℝ^H. */
export interface GateWeights {
  readonly W: Rows;
  readonly b: readonly number[];
}

/** The four gates in PyTorch order i, f, g (the candidate C̃), o. */
export interface CellWeights {
  readonly i: GateWeights;
  readonly f: GateWeights;
  readonly g: GateWeights;
  readonly o: GateWeights;
}

// The main example: I = 2, H = 2, weights one decimal each.

/** Weights of the chapter 4 example. Columns of every W: h_{t-1,1}, h_{t-1,2}, x_{t,1}, x_{t,2}. */
export const exampleWeights: CellWeights = {
  i: { W: [[-0.4, 0.2, 0.6, -0.1], [0.3, -0.5, 0.2, 0.7]], b: [0.1, -0.2] },
  f: { W: [[0.5, -0.3, 0.8, 0.2], [0.1, 0.4, -0.6, 0.9]], b: [1.0, 1.0] },
  g: { W: [[0.7, 0.1, -0.9, 0.4], [-0.2, 0.6, 0.5, -0.3]], b: [0.0, 0.1] },
  o: { W: [[0.2, -0.7, 0.3, 0.5], [0.6, 0.1, -0.4, 0.8]], b: [-0.1, 0.2] },
};
