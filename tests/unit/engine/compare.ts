/** Array comparison for parity tests: reports the largest difference and the first entries on failure. */
import assert from 'node:assert/strict';
import { Tensor, tensor, type DType } from '../../../src/engine/index.ts';

export interface Ref {
  shape: number[];
  data: number[];
}

/**
 * Element-wise relative error |got − want| / max(|want|, floor), floor = floorFraction × the reference's largest
 * magnitude. The floor keeps entries that are (nearly) zero, where float32 rounding noise is all there is, from
 * turning into a huge ratio; in float64 it is set so small that the check is element-wise relative.
 */
export function relError(got: ArrayLike<number>, want: ArrayLike<number>, floorFraction: number): { max: number; at: number } {
  let scale = 0;
  for (let k = 0; k < want.length; k++) scale = Math.max(scale, Math.abs(want[k]));
  const floor = Math.max(scale * floorFraction, 1e-300);
  let max = 0;
  let at = -1;
  for (let k = 0; k < want.length; k++) {
    const e = Math.abs(got[k] - want[k]) / Math.max(Math.abs(want[k]), floor);
    if (!(e <= max)) {
      max = Number.isNaN(e) ? Infinity : e;
      at = k;
    }
  }
  return { max, at };
}

/** Largest relative error seen by assertClose in this process, by label prefix (for reporting). */
export const worstSeen = new Map<string, number>();

export interface Tolerance {
  tol: number;
  floorFraction: number;
}

/** Float64: element-wise relative 1e-10. Float32: 1e-4 relative, entries below 1e-3 of the largest compared absolutely. */
export const TOLERANCE: Record<DType, Tolerance> = {
  float64: { tol: 1e-10, floorFraction: 1e-9 },
  float32: { tol: 1e-4, floorFraction: 1e-3 },
};

export function assertClose(label: string, got: Tensor | ArrayLike<number>, want: Ref, { tol, floorFraction }: Tolerance): number {
  const g = got instanceof Tensor ? got : null;
  const data = g ? g.data : (got as ArrayLike<number>);
  if (g) assert.deepEqual(g.shape, want.shape, `${label}: shape ${JSON.stringify(g.shape)} vs reference ${JSON.stringify(want.shape)}`);
  assert.equal(data.length, want.data.length, `${label}: ${data.length} values vs reference ${want.data.length}`);
  const { max, at } = relError(data, want.data, floorFraction);
  const key = label.split(' ')[0];
  worstSeen.set(key, Math.max(worstSeen.get(key) ?? 0, max));
  if (!(max <= tol)) {
    const diffs = Array.from(data, (v, k) => Math.abs(v - want.data[k]));
    const big = diffs.reduce((m, d, k) => (d > diffs[m] ? k : m), 0);
    const first = Array.from({ length: Math.min(6, data.length) }, (_, k) => `${data[k]} vs ${want.data[k]}`).join('\n  ');
    assert.fail(
      `${label}: max relative error ${max.toExponential(3)} > ${tol} at index ${at} (got ${data[at]}, want ${want.data[at]}); ` +
        `largest absolute difference ${diffs[big]} at index ${big}\n` +
        `first entries (got vs want):\n  ${first}`,
    );
  }
  return max;
}

/** A reference array as a tensor of the given dtype. */
export function fromRef(r: Ref, dtype: DType, requiresGrad = false): Tensor {
  return tensor(r.data, { shape: r.shape, dtype, requiresGrad });
}
