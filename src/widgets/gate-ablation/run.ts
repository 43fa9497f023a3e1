/**
 * Trains several variants in lockstep, in short chunks: each chunk gives every unfinished variant one
 * step at a time, round-robin, until `budgetMs` has passed, then reports what changed. DOM-free, so the
 * worker and the unit tests drive the same code.
 */
import { AblationTrainer, configFor, type AblationConfig, type EvalPoint, type InitKind, type ResultRow, type TaskKind, type Variant } from './model.ts';
import { selectedVariants, type AblationState } from './state.ts';

export class AblationRun {
  readonly trainers: AblationTrainer[];
  #reported: number[];

  constructor(configs: readonly AblationConfig[]) {
    this.trainers = configs.map((c) => new AblationTrainer(c));
    this.#reported = this.trainers.map(() => 0);
  }

  get done(): boolean {
    return this.trainers.every((t) => t.done);
  }

  /** Steps completed by every variant. */
  get step(): number {
    return Math.min(...this.trainers.map((t) => t.steps));
  }

  /** Runs rounds of one step per variant until `budgetMs` (by `now`) has passed or all are done. */
  chunk(budgetMs: number, now: () => number = () => performance.now()): void {
    const start = now();
    do {
      for (const t of this.trainers) if (!t.done) t.step();
    } while (!this.done && now() - start < budgetMs);
  }

  /** Evaluation points not yet returned by a previous call. */
  newPoints(): { variant: Variant; point: EvalPoint }[] {
    const out: { variant: Variant; point: EvalPoint }[] = [];
    this.trainers.forEach((t, k) => {
      for (const point of t.history.slice(this.#reported[k])) out.push({ variant: t.config.variant, point });
      this.#reported[k] = t.history.length;
    });
    return out;
  }

  rows(): ResultRow[] {
    return this.trainers
      .filter((t) => t.history.length > 0)
      .map((t) => {
        const last = t.history[t.history.length - 1];
        return { variant: t.config.variant, steps: last.step, accuracy: last.accuracy, loss: last.loss, stepsToTarget: t.stepsToTarget };
      });
  }

  failures(): { variant: Variant; message: string }[] {
    return this.trainers.filter((t) => t.failure !== null).map((t) => ({ variant: t.config.variant, message: t.failure! }));
  }
}

/** One training config per variant a state selects, in VARIANTS order. */
export function configsFor(state: AblationState): AblationConfig[] {
  return selectedVariants(state).map((variant) =>
    configFor(variant, { task: state.task as TaskKind, delay: state.n, seed: state.seed, init: state.init as InitKind }),
  );
}
