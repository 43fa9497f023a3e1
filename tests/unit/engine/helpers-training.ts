/** Shared helpers for the training-side engine tests: fixture loading and tolerant comparison. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

export interface FixtureTensor {
  shape: number[];
  data: number[];
}

/** Reads tests/fixtures/torch/<name>. */
export function loadTorchFixture<T = any>(name: string): T {
  const path = fileURLToPath(new URL(`../../fixtures/torch/${name}`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/**
 * Largest error of `actual` against `expected`, relative to max(1, |expected|) per entry (relative for large
 * values, absolute near zero). Fails with the worst index and the first entries when it exceeds `tol`.
 */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, what: string): number {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length} vs ${expected.length}`);
  let worst = 0;
  let at = -1;
  for (let k = 0; k < expected.length; k++) {
    const err = Math.abs(actual[k] - expected[k]) / Math.max(1, Math.abs(expected[k]));
    if (!(err <= worst)) {
      worst = err;
      at = k;
    }
  }
  if (!(worst <= tol)) {
    const head = (a: ArrayLike<number>) => Array.from(a).slice(0, 4).map((v) => v.toPrecision(8)).join(', ');
    assert.fail(
      `${what}: max error ${worst.toExponential(2)} > ${tol} at [${at}] (${actual[at]} vs ${expected[at]}); ` +
        `actual [${head(actual)}, …] expected [${head(expected)}, …]`,
    );
  }
  return worst;
}

/** Running maximum of measured errors, printed once by a test file (for reports). */
export class ErrorLog {
  private worst = new Map<string, number>();
  add(key: string, err: number): void {
    this.worst.set(key, Math.max(err, this.worst.get(key) ?? 0));
  }
  summary(): string {
    return [...this.worst].map(([k, v]) => `${k}: ${v.toExponential(2)}`).join('; ');
  }
}
