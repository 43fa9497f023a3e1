/**
 * Keras-shaped layers for the Sequential façade (chapter 5.1): `lstm(units, …)` and `dense(units, …)`.
 *
 * Weights use Keras's layouts and names, so a Keras model's `get_weights()` loads as is:
 *   LSTM   kernel [I, 4H], recurrent_kernel [H, 4H], bias [4H]; gates i, f, c, o; recurrent activation sigmoid
 *   Dense  kernel [H, C], bias [C]
 * The LSTM runs on the engine's fused LSTM op (hand-written BPTT) with weight_ih = kernelᵀ,
 * weight_hh = recurrent_kernelᵀ and one bias (Keras's c gate is PyTorch's g, so no reordering is needed).
 */
import { Tensor, zeros, type DType } from '../tensor.ts';
import { Module } from '../nn/module.ts';
import { lstmLayer, WorkspacePool } from '../ops/lstm-layer.ts';
import { matmul } from '../ops/matmul.ts';
import { add } from '../ops/elementwise.ts';
import { sigmoid, tanh } from '../ops/activation.ts';
import { softmax } from '../ops/softmax.ts';
import { transpose } from '../ops/reshape.ts';
import { fmtShape } from '../shape.ts';
import type { Rng } from '../rng.ts';
import { glorotUniform, orthogonal, lstmBias } from './initializers.ts';
import { checkOptions } from '../options.ts';

/** Output or input shape without the batch dimension; null marks a free length (Keras's None). */
export type KerasShape = (number | null)[];

export type DenseActivation = 'softmax' | 'linear' | 'sigmoid' | 'tanh';

/** A weight in Keras layout with its Keras name, e.g. { name: 'lstm/kernel', shape: [1, 512], data }. */
export interface KerasWeight {
  name: string;
  shape: number[];
  data: number[];
}

/** What every Keras-shaped layer provides to Sequential. */
export abstract class KerasLayer extends Module {
  /** 'LSTM' or 'Dense' (Keras's class name, shown by summary()). */
  abstract readonly kind: 'LSTM' | 'Dense';
  readonly units: number;
  /** Shape declared with `inputShape` (first layer only), without the batch dimension. */
  readonly declaredInputShape: KerasShape | null;
  /** Set by Sequential: 'lstm', 'lstm_1', 'dense', … */
  _name = '';
  /** The last dimension of the input, known once built. */
  _inputSize = 0;

  constructor(kind: string, units: number, inputShape: KerasShape | undefined) {
    super();
    if (!Number.isInteger(units) || units < 1) throw new Error(`${kind}: units expected a positive integer, got ${String(units)}`);
    this.units = units;
    if (inputShape !== undefined) {
      const ok = Array.isArray(inputShape) && inputShape.length >= 1 && inputShape.every((d) => d === null || (Number.isInteger(d) && d > 0));
      if (!ok) throw new Error(`${kind}: options.inputShape expected [steps, features] of positive integers (steps may be null), got ${JSON.stringify(inputShape)}`);
    }
    this.declaredInputShape = inputShape ?? null;
  }

  get name(): string {
    return this._name;
  }

  get built(): boolean {
    return this._inputSize > 0;
  }

  /** Creates the weights for inputs whose last dimension is `inputShape.at(-1)`, drawing from `rng`. */
  abstract build(inputShape: KerasShape, rng: Rng, dtype: DType): void;
  /** Output shape (no batch dimension) for an input shape. */
  abstract outputShape(inputShape: KerasShape): KerasShape;
  /** Forward pass. With `logits`, a softmax Dense returns its pre-activation z instead of softmax(z). */
  abstract call(x: Tensor, logits?: boolean): Tensor;
  /** [Keras weight name suffix, tensor] in Keras's get_weights() order. */
  abstract weightList(): [string, Tensor][];
  /** [Keras weight name suffix, shape] that build(inputShape) would create, without creating anything. */
  abstract weightShapes(inputShape: KerasShape): [string, number[]][];

  /** Number of scalars in the layer's weights (Keras's "Param #"). */
  countParams(): number {
    return this.weightList().reduce((s, [, t]) => s + t.size, 0);
  }
}

export interface LstmLayerOptions {
  /** Return h_t for every step ([B, T, H]) instead of only the last ([B, H]). Default false. */
  returnSequences?: boolean;
  /** Input shape [T, I] without the batch dimension (T may be null); lets the model build at once. */
  inputShape?: KerasShape;
  /** Keras's unit_forget_bias: start the forget-gate bias b_f at 1 (default true). */
  unitForgetBias?: boolean;
}

/** Keras `LSTM` layer: C_t = f_t * C_{t−1} + i_t * C̃_t, h_t = o_t * tanh(C_t), with h_0 = C_0 = 0. */
export class KerasLSTM extends KerasLayer {
  readonly kind = 'LSTM' as const;
  readonly returnSequences: boolean;
  readonly unitForgetBias: boolean;
  /** [I, 4H], Keras's kernel (W_i, W_f, W_c, W_o side by side, each transposed). */
  kernel: Tensor | null = null;
  /** [H, 4H] */
  recurrent_kernel: Tensor | null = null;
  /** [4H] */
  bias: Tensor | null = null;
  private readonly _pool = new WorkspacePool();
  private _zeroBias: Tensor | null = null;

  constructor(units: number, options: LstmLayerOptions = {}) {
    checkOptions('lstm', options, { returnSequences: 'boolean', inputShape: 'any', unitForgetBias: 'boolean' });
    super('lstm', units, options.inputShape);
    this.returnSequences = options.returnSequences ?? false;
    this.unitForgetBias = options.unitForgetBias ?? true;
  }

  weightShapes(inputShape: KerasShape): [string, number[]][] {
    const I = inputShape[inputShape.length - 1];
    if (inputShape.length !== 2 || I === null) {
      throw new Error(`${this.name || 'lstm'}: input expected shape [batch, steps, features], got ${fmtShape(['batch', ...inputShape.map((d) => d ?? 'None')])}`);
    }
    const H = this.units;
    return [['kernel', [I, 4 * H]], ['recurrent_kernel', [H, 4 * H]], ['bias', [4 * H]]];
  }

  build(inputShape: KerasShape, rng: Rng, dtype: DType): void {
    const [[, [I]]] = this.weightShapes(inputShape);
    const H = this.units;
    this._inputSize = I;
    // Glorot uniform kernel, orthogonal recurrent kernel, zero bias with b_f = 1 (Keras's defaults), in that order.
    this.kernel = param(glorotUniform(I, 4 * H, rng), [I, 4 * H], dtype);
    this.recurrent_kernel = param(orthogonal(H, 4 * H, rng), [H, 4 * H], dtype);
    this.bias = param(lstmBias(H, this.unitForgetBias), [4 * H], dtype);
    this._zeroBias = zeros([4 * H], { dtype });
  }

  outputShape(inputShape: KerasShape): KerasShape {
    return this.returnSequences ? [inputShape[0], this.units] : [this.units];
  }

  /** x: [B, T, I] → [B, T, H] (returnSequences) or [B, H] (h_T). */
  call(x: Tensor): Tensor {
    const H = this.units;
    if (x.ndim !== 3 || x.shape[2] !== this._inputSize) {
      throw new Error(`${this.name}: x expected shape [B, T, ${this._inputSize}], got ${fmtShape(x.shape)}`);
    }
    const B = x.shape[0];
    const h0 = zeros([B, H], { dtype: x.dtype });
    const c0 = zeros([B, H], { dtype: x.dtype });
    const [out, hN] = lstmLayer(
      x,
      h0,
      c0,
      {
        weightIh: transpose(this.kernel!, 0, 1), // [4H, I]
        weightHh: transpose(this.recurrent_kernel!, 0, 1), // [4H, H]
        biasIh: this.bias!, // Keras's single bias b
        biasHh: this._zeroBias!, // a constant 0: Keras has one bias, PyTorch two
      },
      { batchFirst: true, pool: this._pool, name: this.name },
    );
    return this.returnSequences ? out : hN;
  }

  weightList(): [string, Tensor][] {
    return [['kernel', this.kernel!], ['recurrent_kernel', this.recurrent_kernel!], ['bias', this.bias!]];
  }
}

export interface DenseLayerOptions {
  /** Output activation (default 'linear'). 'softmax' is what the cross-entropy losses expect. */
  activation?: DenseActivation;
  /** Input shape without the batch dimension, e.g. [H]. */
  inputShape?: KerasShape;
}

/** Keras `Dense` layer: y = act(x · kernel + bias), applied to the last axis. */
export class KerasDense extends KerasLayer {
  readonly kind = 'Dense' as const;
  readonly activation: DenseActivation;
  /** [H, C] */
  kernel: Tensor | null = null;
  /** [C] */
  bias: Tensor | null = null;

  constructor(units: number, options: DenseLayerOptions = {}) {
    checkOptions('dense', options, { activation: 'string', inputShape: 'any' });
    super('dense', units, options.inputShape);
    const activation = options.activation ?? 'linear';
    if (!['softmax', 'linear', 'sigmoid', 'tanh'].includes(activation)) {
      throw new Error(`dense: options.activation expected 'softmax', 'linear', 'sigmoid' or 'tanh', got ${JSON.stringify(activation)}`);
    }
    this.activation = activation;
  }

  weightShapes(inputShape: KerasShape): [string, number[]][] {
    const I = inputShape[inputShape.length - 1];
    if (I === null) throw new Error(`${this.name || 'dense'}: input expected a known last dimension, got None`);
    return [['kernel', [I, this.units]], ['bias', [this.units]]];
  }

  build(inputShape: KerasShape, rng: Rng, dtype: DType): void {
    const [[, [I]]] = this.weightShapes(inputShape);
    this._inputSize = I;
    this.kernel = param(glorotUniform(I, this.units, rng), [I, this.units], dtype);
    this.bias = param(new Float64Array(this.units), [this.units], dtype);
  }

  outputShape(inputShape: KerasShape): KerasShape {
    return [...inputShape.slice(0, -1), this.units];
  }

  /** x: [..., H] → [..., C]. */
  call(x: Tensor, logits = false): Tensor {
    if (x.shape[x.ndim - 1] !== this._inputSize) {
      throw new Error(`${this.name}: x expected shape [..., ${this._inputSize}], got ${fmtShape(x.shape)}`);
    }
    const z = add(matmul(x, this.kernel!), this.bias!); // z = x · kernel + bias
    switch (this.activation) {
      case 'softmax':
        return logits ? z : softmax(z, -1);
      case 'sigmoid':
        return sigmoid(z);
      case 'tanh':
        return tanh(z);
      default:
        return z;
    }
  }

  weightList(): [string, Tensor][] {
    return [['kernel', this.kernel!], ['bias', this.bias!]];
  }
}

/** `tf.keras.layers.LSTM(units, return_sequences=…)`. */
export function lstm(units: number, options: LstmLayerOptions = {}): KerasLSTM {
  return new KerasLSTM(units, options);
}

/** `tf.keras.layers.Dense(units, activation=…)`. */
export function dense(units: number, options: DenseLayerOptions = {}): KerasDense {
  return new KerasDense(units, options);
}

function param(values: Float64Array, shape: number[], dtype: DType): Tensor {
  const data = dtype === 'float64' ? values : Float32Array.from(values);
  return new Tensor(data, shape, true);
}
