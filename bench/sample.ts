import type { Rng } from '../src/engine/index.ts';

/**
 * Draws an index from probabilities p (summing to 1, up to rounding) by inverting the cumulative sum.
 * Every engine in the generation benchmark samples through this function, so sampling costs the same for all.
 */
export function sampleFromProbs(p: ArrayLike<number>, rng: Rng): number {
  const u = rng.next();
  let acc = 0;
  for (let i = 0; i < p.length; i++) {
    acc += p[i];
    if (u < acc) return i;
  }
  return p.length - 1;
}
