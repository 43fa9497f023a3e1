/** Wall-clock timing helpers: warm-up runs, then the median of measured runs. */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** Milliseconds taken by one call of fn (awaited when it returns a promise). */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  const r = fn();
  if (r instanceof Promise) await r;
  return performance.now() - t0;
}

/** Runs fn `warmup` times untimed, then `runs` times timed; returns the times in ms. */
export async function timeRuns(fn: () => unknown, warmup: number, runs: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await timeOnce(fn);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) out.push(await timeOnce(fn));
  return out;
}
