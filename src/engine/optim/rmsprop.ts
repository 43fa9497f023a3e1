/**
 * RMSprop, PyTorch's `torch.optim.RMSprop` update:
 *
 *   g = ∇θ + λ θ
 *   v = α v + (1 − α) g²                     (square average)
 *   centered:  ḡ = α ḡ + (1 − α) g,  s = √(v − ḡ²) + ε;   otherwise  s = √v + ε
 *   momentum μ > 0:  b = μ b + g / s,  θ ← θ − η b;        otherwise  θ ← θ − η g / s
 */
import type { Tensor } from '../tensor.ts';
import { Optimizer, checkHyper } from './optimizer.ts';
import { checkOptions } from '../options.ts';

export interface RMSpropOptions {
  /** Learning rate η (default 0.01, PyTorch's default). */
  lr?: number;
  /** Smoothing constant α (default 0.99). */
  alpha?: number;
  /** ε added to the denominator (default 1e-8). */
  eps?: number;
  /** L2 penalty λ (default 0). */
  weightDecay?: number;
  /** Momentum μ (default 0). */
  momentum?: number;
  /** Normalise by the variance estimate instead of the raw second moment (default false). */
  centered?: boolean;
}

export class RMSprop extends Optimizer {
  readonly alpha: number;
  readonly eps: number;
  readonly weightDecay: number;
  readonly momentum: number;
  readonly centered: boolean;

  constructor(params: Iterable<Tensor>, options: RMSpropOptions = {}) {
    checkOptions('RMSprop', options, { lr: 'number', alpha: 'number', eps: 'number', weightDecay: 'number', momentum: 'number', centered: 'boolean' });
    super('RMSprop', params, options.lr ?? 0.01);
    const { alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0, centered = false } = options;
    checkHyper('RMSprop', 'alpha', alpha, 0, 1, true);
    checkHyper('RMSprop', 'eps', eps, 0, Infinity);
    checkHyper('RMSprop', 'weightDecay', weightDecay, 0, Infinity);
    checkHyper('RMSprop', 'momentum', momentum, 0, 1);
    this.alpha = alpha;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.momentum = momentum;
    this.centered = centered;
  }

  protected stateBuffers(): readonly string[] {
    return ['squareAvg', ...(this.centered ? ['gradAvg'] : []), ...(this.momentum > 0 ? ['momentumBuffer'] : [])];
  }

  step(): void {
    const { lr, alpha, eps, weightDecay: wd, momentum: mu, centered } = this;
    this.params.forEach((p, k) => {
      if (!p.grad) return;
      const theta = p.data;
      const grad = p.grad.data;
      this.steps[k]++;
      const v = this.buffer(k, 'squareAvg');
      const gAvg = centered ? this.buffer(k, 'gradAvg') : null;
      const buf = mu > 0 ? this.buffer(k, 'momentumBuffer') : null;
      for (let j = 0; j < theta.length; j++) {
        const g = wd !== 0 ? grad[j] + wd * theta[j] : grad[j];
        v[j] = alpha * v[j] + (1 - alpha) * g * g;
        let s: number;
        if (gAvg) {
          gAvg[j] = alpha * gAvg[j] + (1 - alpha) * g;
          s = Math.sqrt(v[j] - gAvg[j] * gAvg[j]) + eps;
        } else {
          s = Math.sqrt(v[j]) + eps;
        }
        if (buf) {
          buf[j] = mu * buf[j] + g / s;
          theta[j] -= lr * buf[j];
        } else {
          theta[j] -= (lr * g) / s;
        }
      }
    });
  }
}
