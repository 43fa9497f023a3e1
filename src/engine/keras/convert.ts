/**
 * Converting LSTM weights between Keras's and PyTorch's layouts (chapter 5.1 and 5.2).
 *
 *   Keras    kernel [I, 4H]      recurrent_kernel [H, 4H]     bias [4H]            gates i, f, c, o
 *   PyTorch  weight_ih [4H, I]   weight_hh [4H, H]            bias_ih + bias_hh    gates i, f, g, o
 *
 * Keras's c (the candidate C̃_t) is PyTorch's g, so the gate blocks line up one to one: the weights are
 * transposes of each other, and Keras's single bias is the sum of PyTorch's two. Going from Keras to PyTorch
 * puts the whole bias in bias_ih and zeros in bias_hh.
 */

/** LSTM weights in Keras layout, row-major. */
export interface KerasLstmWeights {
  /** [I, 4H] */
  kernel: ArrayLike<number>;
  /** [H, 4H] */
  recurrentKernel: ArrayLike<number>;
  /** [4H] */
  bias: ArrayLike<number>;
}

/** LSTM weights in PyTorch layout, row-major (the LstmStepParams arrays). */
export interface TorchLstmWeights {
  /** [4H, I] */
  weightIh: Float64Array;
  /** [4H, H] */
  weightHh: Float64Array;
  /** [4H] */
  biasIh: Float64Array;
  /** [4H] */
  biasHh: Float64Array;
}

/** Keras → PyTorch for one layer with input size I and H units. */
export function kerasLstmToTorch(w: KerasLstmWeights, inputSize: number, hiddenSize: number): TorchLstmWeights {
  const I = inputSize;
  const H = hiddenSize;
  checkLength('kerasLstmToTorch', 'kernel', w.kernel, I * 4 * H, `[${I}, ${4 * H}]`);
  checkLength('kerasLstmToTorch', 'recurrentKernel', w.recurrentKernel, H * 4 * H, `[${H}, ${4 * H}]`);
  checkLength('kerasLstmToTorch', 'bias', w.bias, 4 * H, `[${4 * H}]`);
  return {
    weightIh: transpose(w.kernel, I, 4 * H),
    weightHh: transpose(w.recurrentKernel, H, 4 * H),
    biasIh: Float64Array.from(w.bias),
    biasHh: new Float64Array(4 * H),
  };
}

/** PyTorch → Keras for one layer: kernel = weight_ihᵀ, recurrent_kernel = weight_hhᵀ, bias = bias_ih + bias_hh. */
export function torchLstmToKeras(w: TorchLstmWeights, inputSize: number, hiddenSize: number): {
  kernel: Float64Array;
  recurrentKernel: Float64Array;
  bias: Float64Array;
} {
  const I = inputSize;
  const H = hiddenSize;
  checkLength('torchLstmToKeras', 'weightIh', w.weightIh, 4 * H * I, `[${4 * H}, ${I}]`);
  checkLength('torchLstmToKeras', 'weightHh', w.weightHh, 4 * H * H, `[${4 * H}, ${H}]`);
  checkLength('torchLstmToKeras', 'biasIh', w.biasIh, 4 * H, `[${4 * H}]`);
  checkLength('torchLstmToKeras', 'biasHh', w.biasHh, 4 * H, `[${4 * H}]`);
  const bias = new Float64Array(4 * H);
  for (let k = 0; k < 4 * H; k++) bias[k] = w.biasIh[k] + w.biasHh[k];
  return { kernel: transpose(w.weightIh, 4 * H, I), recurrentKernel: transpose(w.weightHh, 4 * H, H), bias };
}

/** Row-major [rows, cols] → [cols, rows]. */
export function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c];
  return out;
}

function checkLength(fn: string, arg: string, a: ArrayLike<number>, n: number, shape: string): void {
  if (!a || a.length !== n) throw new Error(`${fn}: ${arg} expected ${n} values for shape ${shape}, got ${a?.length}`);
}
