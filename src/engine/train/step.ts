/**
 * One guarded training step (chapter 5.3): zero the gradients, run the forward pass to a scalar loss,
 * back-propagate, clip, update.
 *
 * If the loss or any gradient is NaN or ±Infinity the step stops before clipping and before the optimizer
 * touches anything, and says so in its result: parameters and optimizer state (moments, step counts) stay
 * exactly as they were before the step, so training can continue from the last good point with a smaller
 * learning rate, or stop with a message. (Gradients are left as computed, for inspection; the next step zeroes
 * them.)
 */
import type { FloatArray, Tensor } from '../tensor.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { clipGradNorm, gradNorm } from '../optim/clip.ts';
import { checkOptions } from '../options.ts';

export interface TrainStepOptions {
  /** Updates `optimizer.params`. */
  optimizer: Optimizer;
  /** Runs the forward pass and returns the scalar loss tensor (shape [] or [1]) with gradients enabled. */
  forward: () => Tensor;
  /** Clip the total gradient norm to this value (PyTorch's clip_grad_norm_); omit for no clipping. */
  maxNorm?: number;
  /** Names of `optimizer.params`, in order, for messages (e.g. from `model.namedParameters()`). */
  names?: readonly string[];
}

export type TrainStepStatus = 'ok' | 'nonfinite-loss' | 'nonfinite-grad';

export interface TrainStepResult {
  /** True when the parameters were updated. */
  ok: boolean;
  status: TrainStepStatus;
  /** The loss of the forward pass (before the update); NaN/Infinity when status is 'nonfinite-loss'. */
  loss: number;
  /** Total L2 norm of all gradients before clipping (NaN when the loss was non-finite and backward was skipped). */
  gradNorm: number;
  /** True when clipping scaled the gradients down. */
  clipped: boolean;
  /** Why the step was skipped; absent when ok. */
  message?: string;
}

/** Runs forward → backward → clip → optimizer step, refusing to apply a non-finite update (see module comment). */
export function trainStep(options: TrainStepOptions): TrainStepResult {
  const { optimizer, forward, maxNorm, names } = checkOptions('trainStep', options, { optimizer: 'any', forward: 'any', maxNorm: 'any', names: 'array' });
  if (!optimizer || typeof optimizer.step !== 'function') throw new Error('trainStep: options.optimizer expected an Optimizer, got none');
  if (typeof forward !== 'function') throw new Error(`trainStep: options.forward expected a function returning the loss, got ${typeof forward}`);
  if (maxNorm !== undefined && !(maxNorm >= 0 && Number.isFinite(maxNorm))) {
    throw new Error(`trainStep: options.maxNorm expected a finite number ≥ 0, got ${maxNorm}`);
  }
  const params = optimizer.params;
  optimizer.zeroGrad();

  const lossTensor = forward();
  if (!lossTensor || lossTensor.size !== 1) {
    throw new Error(`trainStep: forward expected to return a scalar loss tensor, got ${lossTensor ? `shape [${lossTensor.shape.join(', ')}]` : String(lossTensor)}`);
  }
  const loss = lossTensor.item();
  if (!Number.isFinite(loss)) {
    return skipped('nonfinite-loss', loss, NaN, `trainStep: loss is ${loss}; parameters and optimizer state left unchanged`);
  }

  lossTensor.backward();
  for (let k = 0; k < params.length; k++) {
    const g = params[k].grad?.data;
    if (!g) continue;
    const j = firstNonFinite(g);
    if (j >= 0) {
      const name = names?.[k] ?? `params[${k}]`;
      return skipped(
        'nonfinite-grad',
        loss,
        gradNorm(params.filter((p) => p.grad).map((p) => p.grad!.data)),
        `trainStep: gradient of ${name} has ${g[j]} at index ${j}; parameters and optimizer state left unchanged`,
      );
    }
  }

  let norm: number;
  let clipped = false;
  if (maxNorm !== undefined) {
    norm = clipGradNorm(params, maxNorm);
    clipped = maxNorm / (norm + 1e-6) < 1;
  } else {
    norm = gradNorm(params.filter((p) => p.grad).map((p) => p.grad!.data));
  }
  optimizer.step();
  return { ok: true, status: 'ok', loss, gradNorm: norm, clipped };
}

/** Index of the first NaN or ±Infinity in g, or −1. */
function firstNonFinite(g: FloatArray): number {
  for (let j = 0; j < g.length; j++) if (!Number.isFinite(g[j])) return j;
  return -1;
}

function skipped(status: TrainStepStatus, loss: number, norm: number, message: string): TrainStepResult {
  return { ok: false, status, loss, gradNorm: norm, clipped: false, message };
}
