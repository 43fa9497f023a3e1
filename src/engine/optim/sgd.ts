/**
 * Stochastic gradient descent with momentum, PyTorch's `torch.optim.SGD` update:
 *
 *   d = ∇θ + λ θ                          (weight decay λ, optional)
 *   b = d                 on the first step,
 *   b = μ b + (1 − τ) d   afterwards      (momentum μ, dampening τ)
 *   d = d + μ b  (Nesterov)  or  d = b
 *   θ ← θ − η d
 */
import type { Tensor } from '../tensor.ts';
import { Optimizer, checkHyper } from './optimizer.ts';
import { checkOptions } from '../options.ts';

export interface SGDOptions {
  /** Learning rate η (required, as in PyTorch). */
  lr: number;
  /** Momentum μ ∈ [0, 1) (default 0). */
  momentum?: number;
  /** Dampening τ ∈ [0, 1] (default 0). */
  dampening?: number;
  /** L2 penalty λ added to the gradient (default 0). */
  weightDecay?: number;
  /** Nesterov momentum (default false; needs μ > 0 and τ = 0). */
  nesterov?: boolean;
}

export class SGD extends Optimizer {
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;

  /** @param params parameter tensors, e.g. `model.parameters()` */
  constructor(params: Iterable<Tensor>, options: SGDOptions) {
    checkOptions('SGD', options, { lr: 'number', momentum: 'number', dampening: 'number', weightDecay: 'number', nesterov: 'boolean' });
    if (!options || options.lr === undefined) throw new Error('SGD: options.lr expected a learning rate, e.g. { lr: 0.1 }, got none');
    super('SGD', params, options.lr);
    const { momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = options;
    checkHyper('SGD', 'momentum', momentum, 0, 1);
    checkHyper('SGD', 'dampening', dampening, 0, 1, true);
    checkHyper('SGD', 'weightDecay', weightDecay, 0, Infinity);
    if (nesterov && (momentum <= 0 || dampening !== 0)) {
      throw new Error(`SGD: options.nesterov expected momentum > 0 and dampening 0, got momentum ${momentum}, dampening ${dampening}`);
    }
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
  }

  protected stateBuffers(): readonly string[] {
    return this.momentum !== 0 ? ['momentumBuffer'] : [];
  }

  step(): void {
    const { lr, momentum: mu, dampening, weightDecay: wd, nesterov } = this;
    this.params.forEach((p, k) => {
      if (!p.grad) return;
      const theta = p.data;
      const g = p.grad.data;
      const first = this.steps[k] === 0;
      this.steps[k]++;
      const buf = mu !== 0 ? this.buffer(k, 'momentumBuffer') : null;
      for (let j = 0; j < theta.length; j++) {
        let d = wd !== 0 ? g[j] + wd * theta[j] : g[j];
        if (buf) {
          buf[j] = first ? d : mu * buf[j] + (1 - dampening) * d;
          d = nesterov ? d + mu * buf[j] : buf[j];
        }
        theta[j] -= lr * d;
      }
    });
  }
}
