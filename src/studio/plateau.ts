/**
 * Reduce-on-plateau for the studio's learning rate: a reader's run has no planned length, so instead of a
 * schedule the trainer watches its own validation loss. When it has not improved on its best by more than
 * `minDelta` for `patience` training steps, η is multiplied by `factor` (not below `minLr`) and the wait
 * starts again. PyTorch's torch.optim.lr_scheduler.ReduceLROnPlateau with threshold_mode='abs' is the same
 * rule counted in evaluations; here it is counted in steps, so it does not depend on how often a page
 * happens to evaluate. The Python script (pytorch-script.ts) repeats this rule line for line.
 */

export interface PlateauOptions {
  /** Training steps without an improvement before η is reduced. */
  patience: number;
  /** η ← factor · η at a plateau, 0 < factor < 1. */
  factor: number;
  /** η is never reduced below this. */
  minLr: number;
  /** An improvement must lower the best validation loss by more than this (bits per character). */
  minDelta: number;
}

/** What one validation reading meant: a new best, a reduction of η, or neither. */
export type PlateauVerdict = 'improved' | 'reduced' | 'waiting';

export class LearningRatePlateau {
  readonly options: PlateauOptions;
  /** Best validation loss so far (bits per character); Infinity before the first reading. */
  best = Infinity;
  /** Step of the best reading, or of the last reduction when that came later (the wait starts there). */
  since = 0;

  constructor(options: PlateauOptions) {
    const { patience, factor, minLr, minDelta } = options;
    if (!(Number.isInteger(patience) && patience >= 1)) throw new Error(`LearningRatePlateau: patience expected an integer ≥ 1, got ${patience}`);
    if (!(factor > 0 && factor < 1)) throw new Error(`LearningRatePlateau: factor expected a number in (0, 1), got ${factor}`);
    if (!(minLr >= 0 && Number.isFinite(minLr))) throw new Error(`LearningRatePlateau: minLr expected a finite number ≥ 0, got ${minLr}`);
    if (!(minDelta >= 0 && Number.isFinite(minDelta))) throw new Error(`LearningRatePlateau: minDelta expected a finite number ≥ 0, got ${minDelta}`);
    this.options = { patience, factor, minLr, minDelta };
  }

  /**
   * Reads the validation loss `bits` measured after `step` steps with learning rate `lr`; returns the verdict
   * and the learning rate to train on from now.
   */
  observe(step: number, bits: number, lr: number): { verdict: PlateauVerdict; lr: number } {
    const { patience, factor, minLr, minDelta } = this.options;
    if (bits < this.best - minDelta) {
      this.best = bits;
      this.since = step;
      return { verdict: 'improved', lr };
    }
    if (step - this.since >= patience && lr > minLr) {
      this.since = step;
      return { verdict: 'reduced', lr: Math.max(minLr, lr * factor) };
    }
    return { verdict: 'waiting', lr };
  }
}
