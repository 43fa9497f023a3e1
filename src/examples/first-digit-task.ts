/**
 * The small 10-class sequence task used by the chapter 5 examples: each sample is T random
 * digits, one-hot encoded (x_t ∈ ℝ^10), and its class is the FIRST digit. Answering needs
 * memory: the network must carry x_1 through T − 1 distractors in its cell state C_t.
 */
import { Tensor, type Rng } from '../engine/index.ts';

export interface DigitTask {
  x: Tensor; // [N, T, 10] one-hot digits
  y: Tensor; // [N, 10]    one-hot class (for categorical cross-entropy)
  labels: Int32Array; // [N] class ids (for sparse / PyTorch-style cross-entropy)
}

export function makeFirstDigitTask(N: number, T: number, rng: Rng): DigitTask {
  const x = new Float32Array(N * T * 10);
  const y = new Float32Array(N * 10);
  const labels = new Int32Array(N);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const digit = rng.int(10);
      x[(n * T + t) * 10 + digit] = 1;
      if (t === 0) labels[n] = digit;
    }
    y[n * 10 + labels[n]] = 1;
  }
  return { x: new Tensor(x, [N, T, 10]), y: new Tensor(y, [N, 10]), labels };
}
