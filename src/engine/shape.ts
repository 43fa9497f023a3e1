/** Shape helpers shared by tensors, ops and modules. */

/** Formats a shape the way every error message in the engine shows it: [2, 3]. */
export function fmtShape(shape: readonly (number | string)[]): string {
  return `[${shape.join(', ')}]`;
}

/** Number of elements of a shape ([] is a scalar with one element). */
export function shapeSize(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Resolves a possibly negative dimension index against a rank, or throws naming the function. */
export function normDim(fn: string, dim: number, rank: number): number {
  const d = dim < 0 ? dim + rank : dim;
  if (!Number.isInteger(dim) || d < 0 || d >= Math.max(rank, 1)) {
    throw new Error(`${fn}: dim expected an integer in [${-Math.max(rank, 1)}, ${Math.max(rank, 1) - 1}], got ${dim}`);
  }
  return d;
}
