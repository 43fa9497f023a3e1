/**
 * Adam (Kingma & Ba 2015) with PyTorch's `torch.optim.Adam` update, and AdamW (Loshchilov & Hutter 2019).
 * For parameter θ at its step t = 1, 2, …:
 *
 *   g = ∇θ + λ θ                                (Adam: weight decay is an L2 term added to the gradient)
 *   m = β₁ m + (1 − β₁) g                       (first moment)
 *   v = β₂ v + (1 − β₂) g²                      (second moment)
 *   θ ← θ − (η / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)      (bias-corrected; ε outside the square root)
 *
 * AdamW instead decays the weights directly, θ ← θ (1 − η λ), before the same update with g = ∇θ.
 */
import type { Tensor } from '../tensor.ts';
import { Optimizer, checkHyper } from './optimizer.ts';
import { checkOptions } from '../options.ts';
import { adamStepSimd } from '../kernels/adam-simd.ts';

export interface AdamOptions {
  /** Learning rate η (default 1e-3). */
  lr?: number;
  /** (β₁, β₂) (default [0.9, 0.999]). */
  betas?: [number, number];
  /** ε (default 1e-8). */
  eps?: number;
  /** λ (default 0 for Adam, 1e-2 for AdamW, as in PyTorch). */
  weightDecay?: number;
}

export class Adam extends Optimizer {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  /** Decoupled weight decay (AdamW) instead of an L2 term in the gradient. */
  protected readonly decoupled: boolean;

  /** Set by AdamW (a static flag rather than the class name, which bundlers may rename). */
  protected static readonly decoupledWeightDecay: boolean = false;

  constructor(params: Iterable<Tensor>, options: AdamOptions = {}) {
    const decoupled = (new.target as typeof Adam).decoupledWeightDecay;
    const name = decoupled ? 'AdamW' : 'Adam';
    checkOptions(name, options, { lr: 'number', betas: 'array', eps: 'number', weightDecay: 'number' });
    super(name, params, options.lr ?? 1e-3);
    this.decoupled = decoupled;
    const { betas = [0.9, 0.999], eps = 1e-8, weightDecay = this.decoupled ? 1e-2 : 0 } = options;
    if (!Array.isArray(betas) || betas.length !== 2) {
      throw new Error(`${name}: options.betas expected [beta1, beta2], got ${JSON.stringify(betas)}`);
    }
    checkHyper(name, 'betas[0]', betas[0], 0, 1);
    checkHyper(name, 'betas[1]', betas[1], 0, 1);
    checkHyper(name, 'eps', eps, 0, Infinity);
    checkHyper(name, 'weightDecay', weightDecay, 0, Infinity);
    [this.beta1, this.beta2] = betas;
    this.eps = eps;
    this.weightDecay = weightDecay;
  }

  protected stateBuffers(): readonly string[] {
    return ['expAvg', 'expAvgSq'];
  }

  step(): void {
    const { lr, beta1, beta2, eps, weightDecay: wd, decoupled } = this;
    this.params.forEach((p, k) => {
      if (!p.grad) return;
      const theta = p.data;
      const grad = p.grad.data;
      const t = ++this.steps[k];
      const m = this.buffer(k, 'expAvg');
      const v = this.buffer(k, 'expAvgSq');
      const stepSize = lr / (1 - beta1 ** t);
      const bc2Sqrt = Math.sqrt(1 - beta2 ** t);
      const decay = decoupled ? 1 - lr * wd : 1;
      // float32 on the WebAssembly module: the same operations as the loop below, so the same bits.
      if (theta instanceof Float32Array && grad instanceof Float32Array && m instanceof Float32Array && v instanceof Float32Array &&
        grad.length === theta.length &&
        adamStepSimd(theta, grad, m, v, { beta1, beta2, stepSize, bc2Sqrt, eps, weightDecay: wd, decay, decoupled })) return;
      for (let j = 0; j < theta.length; j++) {
        if (decoupled) theta[j] *= decay;
        const g = !decoupled && wd !== 0 ? grad[j] + wd * theta[j] : grad[j];
        m[j] = m[j] * beta1 + (1 - beta1) * g;
        v[j] = v[j] * beta2 + (1 - beta2) * g * g;
        theta[j] -= stepSize * (m[j] / (Math.sqrt(v[j]) / bc2Sqrt + eps));
      }
    });
  }
}

/** Adam with decoupled weight decay (PyTorch's `torch.optim.AdamW`, default λ = 0.01). */
export class AdamW extends Adam {
  protected static override readonly decoupledWeightDecay = true;
}
