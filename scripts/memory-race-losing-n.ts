/**
 * The memory race at the widget's default seed and initialisation, for N = 1, 2, …: which racer reaches 90 %
 * smoothed accuracy first, run exactly as the widget's service runs it (model.ts, lockstep, SMOOTHING, MAX_STEPS).
 * Prints one line per N and, last, the smallest N at which the RNN loses, as JSON; chapter 1's exercise ex-1-7
 * checks the reader's answer against that number (tests/unit/content/open-exercises.test.ts re-runs the races
 * up to it), and its answer quotes the rest (memory-race-losing-n.log.txt):
 *   npx tsx scripts/memory-race-losing-n.ts [maxN]
 */
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_RACE,
  MAX_STEPS,
  Racer,
  SMOOTHING,
  finishingOrder,
  trailingMean,
  TARGET_ACCURACY,
  type RacerKind,
} from '../src/widgets/memory-race/model.ts';

/** The step at which each racer first reached the finishing line at distance N (null: not yet when decided). */
export function race(N: number): Record<RacerKind, number | null> {
  const settings = { ...DEFAULT_RACE, N };
  const racers = {
    lstm: new Racer('lstm', settings),
    rnn: new Racer('rnn', settings),
  };
  const accuracies: Record<RacerKind, number[]> = { lstm: [], rnn: [] };
  const reached: Record<RacerKind, number | null> = { lstm: null, rnn: null };
  for (let round = 0; round < MAX_STEPS; round++) {
    for (const kind of ['lstm', 'rnn'] as const) {
      const report = racers[kind].train();
      if (report.status !== 'ok') continue;
      accuracies[kind].push(report.accuracy);
      if (reached[kind] === null && trailingMean(accuracies[kind], SMOOTHING) >= TARGET_ACCURACY)
        reached[kind] = report.step;
    }
    // Decided as soon as one racer is across (both in the same round is a tie: the racers step in lockstep).
    if (reached.lstm !== null || reached.rnn !== null) break;
  }
  return reached;
}

/** Whether the RNN lost: the LSTM crossed the line first (a tie, or the RNN first, is not a loss). */
export const rnnLoses = (reached: Record<RacerKind, number | null>) =>
  finishingOrder(reached)[0] === 'lstm' && reached.lstm !== null && reached.rnn !== reached.lstm;

if (process.argv[1] === fileURLToPath(import.meta.url)) main(Number(process.argv[2] ?? 12));

function main(maxN: number): void {
  let losing: number | null = null;
  for (let N = 1; N <= maxN; N++) {
    const reached = race(N);
    console.log(
      `N = ${N}: LSTM at ${reached.lstm ?? '—'}, RNN at ${reached.rnn ?? '—'} → ${rnnLoses(reached) ? 'RNN loses' : 'RNN keeps up'}`,
    );
    if (rnnLoses(reached) && losing === null) losing = N;
  }
  console.log(
    JSON.stringify({
      seed: DEFAULT_RACE.seed,
      init: DEFAULT_RACE.init,
      smallestLosingN: losing,
    }),
  );
}
