/** Timing helpers: wall-clock and process CPU time per run, warm-up runs, medians. */

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface Sample {
  /** Wall-clock milliseconds. */
  wall: number;
  /**
   * CPU milliseconds of this process (user + system, all threads) over the same run. On a machine shared with
   * other work it moves much less than wall time, because time spent waiting for a core is not counted.
   */
  cpu: number;
}

/** Times one call of fn (awaited when it returns a promise). */
export async function timeOnce(fn: () => unknown): Promise<Sample> {
  const u0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  if (r instanceof Promise) await r;
  const wall = performance.now() - t0;
  const u = process.cpuUsage(u0);
  return { wall, cpu: (u.user + u.system) / 1000 };
}

/** Runs fn `warmup` times untimed, then `runs` times timed. */
export async function timeRuns(fn: () => unknown, warmup: number, runs: number): Promise<Sample[]> {
  for (let i = 0; i < warmup; i++) await timeOnce(fn);
  const out: Sample[] = [];
  for (let i = 0; i < runs; i++) out.push(await timeOnce(fn));
  return out;
}
