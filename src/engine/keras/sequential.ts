/**
 * A Keras-shaped Sequential model (chapter 5.1), mirroring the article's
 *
 *   model = tf.keras.Sequential([LSTM(128, return_sequences=True), LSTM(128), Dense(10, activation='softmax')])
 *   model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
 *   model.fit(x_train, y_train, epochs=10)
 *
 * as
 *
 *   const model = sequential([lstm(128, { returnSequences: true }), lstm(128), dense(10, { activation: 'softmax' })], { rng });
 *   model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
 *   const history = await model.fit(xTrain, yTrain, { epochs: 10 });
 *
 * Shapes: x [N, T, I] → lstm → [N, T, H] → lstm → [N, H] → dense → [N, C] class probabilities.
 * The loss is computed from the last Dense layer's logits z (log-softmax inside the cross-entropy), never from
 * rounded probabilities, so it stays finite even when the model is very sure.
 */
import { Tensor, tensor, type DType, type NestedArray } from '../tensor.ts';
import { Module } from '../nn/module.ts';
import { noGrad } from '../autograd.ts';
import { crossEntropy } from '../ops/cross-entropy.ts';
import { reshape } from '../ops/reshape.ts';
import { fmtShape, sameShape } from '../shape.ts';
import { Rng } from '../rng.ts';
import { Optimizer } from '../optim/optimizer.ts';
import { Adam } from '../optim/adam.ts';
import { SGD } from '../optim/sgd.ts';
import { RMSprop } from '../optim/rmsprop.ts';
import { trainStep } from '../train/step.ts';
import { KerasLayer, KerasDense, type KerasShape, type KerasWeight } from './layers.ts';
import { checkOptions, describe } from '../options.ts';
import { checkShapeList } from '../values.ts';
import {
  type Targets, samples, pickTargets, rows, stackRows, countCorrect, range, allocFrom, checkBatchSize, asShaped, normaliseName,
} from './data.ts';

export type KerasLoss = 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy';

export interface CompileOptions {
  /** 'categoricalCrossentropy' (targets [N, C] one-hot) or 'sparseCategoricalCrossentropy' (targets [N] class ids). */
  loss: KerasLoss;
  /**
   * 'adam' (lr 0.001, β 0.9/0.999, ε 1e-7), 'sgd' (lr 0.01) or 'rmsprop' (lr 0.001, ρ 0.9, ε 1e-7): Keras's
   * defaults, applied with PyTorch's update rules (Keras's Adam adds ε to √v before its bias correction, so the
   * two differ only while √v is near ε). Or an Optimizer over this model's parameters, or a function that makes
   * one from them. Default 'rmsprop', as in Keras.
   */
  optimizer?: 'adam' | 'sgd' | 'rmsprop' | Optimizer | ((params: Tensor[]) => Optimizer);
  /** ['accuracy'] to track the fraction of argmax predictions that match the target class. */
  metrics?: 'accuracy'[];
}

/** Per-epoch numbers passed to onEpochEnd and collected in History. */
export interface EpochLogs {
  loss: number;
  accuracy?: number;
  valLoss?: number;
  valAccuracy?: number;
}

export interface FitOptions {
  /** Passes over the training data (default 1). */
  epochs?: number;
  /** Samples per gradient step (default 32, like Keras). */
  batchSize?: number;
  /** Fraction in [0, 1) of the samples, taken from the END before shuffling (as Keras), held out for validation. */
  validationSplit?: number;
  /** Explicit validation data instead of validationSplit. */
  validationData?: [Tensor | NestedArray, Tensor | NestedArray | ArrayLike<number>];
  /** Shuffle the training samples before each epoch with the model's seeded generator (default true). */
  shuffle?: boolean;
  /** Called after every epoch; may return a promise (awaited), e.g. to post progress from a Worker. */
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
  /**
   * Called after every batch with that batch's loss (and accuracy); may return a promise. In a Web Worker,
   * returning `new Promise((r) => setTimeout(r))` now and then lets the worker receive messages (pause, stop).
   */
  onBatchEnd?: (batch: number, logs: { loss: number; accuracy?: number }) => void | Promise<void>;
}

/** What fit() returns, like Keras's History: `history.history.loss[epoch]`. */
export class History {
  /** Epoch indices that completed: [0, 1, …]. */
  readonly epoch: number[] = [];
  readonly history: { loss: number[]; accuracy?: number[]; valLoss?: number[]; valAccuracy?: number[] } = { loss: [] };
  /** Set when training stopped early (a non-finite loss or gradient, or model.stopTraining). */
  stopReason?: string;
}

export interface SequentialOptions {
  /** Seeds the weights (Keras initialisers) and the per-epoch shuffles. Required: randomness is always explicit. */
  rng: Rng;
  /** 'float32' (default, fast) or 'float64' (exact comparisons). */
  dtype?: DType;
  /** Model name shown by summary() (default 'sequential'). */
  name?: string;
}

/** A stack of Keras-shaped layers; see the module comment. Build it with {@link sequential}. */
export class Sequential extends Module {
  readonly layers: KerasLayer[];
  readonly dtype: DType;
  readonly modelName: string;
  /** Set to true (e.g. from onEpochEnd) to end fit() after the current epoch, like Keras. */
  stopTraining = false;
  private _inputShape: KerasShape | null = null;
  private _loss: KerasLoss | null = null;
  private _accuracy = false;
  private _optimizer: Optimizer | null = null;
  private _optimizerSpec: CompileOptions['optimizer'] = undefined;
  private readonly _initRng: Rng;
  private readonly _shuffleRng: Rng;

  constructor(layers: KerasLayer[], options: SequentialOptions) {
    super();
    if (!Array.isArray(layers) || layers.length === 0) {
      throw new Error(`sequential: layers expected a non-empty array of layers, got ${Array.isArray(layers) ? '[]' : typeof layers}`);
    }
    checkOptions('sequential', options, { rng: 'any', dtype: 'any', name: 'string' });
    if (!options || !(options.rng instanceof Rng)) {
      throw new Error(`sequential: options.rng expected an Rng (e.g. new Rng(42)), got ${options?.rng === undefined ? 'undefined' : typeof options.rng}`);
    }
    if (options.dtype !== undefined && options.dtype !== 'float32' && options.dtype !== 'float64') {
      throw new Error(`sequential: options.dtype expected 'float32' or 'float64', got ${String(options.dtype)}`);
    }
    layers.forEach((layer, k) => {
      if (!(layer instanceof KerasLayer)) throw new Error(`sequential: layers[${k}] expected a layer made by lstm() or dense(), got ${typeof layer}`);
      if (layer.name) throw new Error(`sequential: layers[${k}] expected a new layer, got '${layer.name}' which already belongs to a model`);
      if (k > 0 && layer.declaredInputShape) {
        throw new Error(`sequential: layers[${k}] expected no inputShape (only the first layer takes one), got ${JSON.stringify(layer.declaredInputShape)}`);
      }
    });
    const counts = new Map<string, number>();
    layers.forEach((layer) => {
      // Keras naming: lstm, lstm_1, lstm_2, dense, dense_1, …
      const base = layer.kind.toLowerCase();
      const n = counts.get(base) ?? 0;
      counts.set(base, n + 1);
      layer._name = n === 0 ? base : `${base}_${n}`;
    });
    this.layers = layers;
    this.dtype = options.dtype ?? 'float32';
    this.modelName = options.name ?? 'sequential';
    this._initRng = options.rng.fork();
    this._shuffleRng = options.rng.fork();
    if (layers[0].declaredInputShape) this.build(layers[0].declaredInputShape);
  }

  /** True once the weights exist (after build, or the first fit/predict/evaluate/setWeights). */
  get built(): boolean {
    return this._inputShape !== null;
  }

  /** Input shape without the batch dimension, e.g. [T, I] (T may be null); null before the model is built. */
  get inputShape(): KerasShape | null {
    return this._inputShape ? [...this._inputShape] : null;
  }

  /** Creates every layer's weights for inputs of shape [batch, ...inputShape]. Idempotent for the same shape. */
  build(inputShape: KerasShape): void {
    if (this._inputShape) {
      const a = this._inputShape;
      if (a.length !== inputShape.length || a[a.length - 1] !== inputShape[inputShape.length - 1]) {
        throw new Error(`Sequential.build: inputShape expected [..., ${a[a.length - 1]}] (the model is built), got ${fmtShape(inputShape.map((d) => d ?? 'None'))}`);
      }
      return;
    }
    let shape = inputShape;
    for (const layer of this.layers) {
      layer.build(shape, this._initRng, this.dtype);
      shape = layer.outputShape(shape);
    }
    this._inputShape = [...inputShape];
  }

  /** Chooses the loss, optimizer and metrics (Keras's compile). */
  compile(options: CompileOptions): void {
    checkOptions('Sequential.compile', options, { loss: 'any', optimizer: 'any', metrics: 'array' });
    const losses: KerasLoss[] = ['categoricalCrossentropy', 'sparseCategoricalCrossentropy'];
    if (!options || !losses.includes(options.loss)) {
      throw new Error(`Sequential.compile: options.loss expected 'categoricalCrossentropy' or 'sparseCategoricalCrossentropy', got ${JSON.stringify(options?.loss)}`);
    }
    const last = this.layers[this.layers.length - 1];
    if (!(last instanceof KerasDense) || last.activation !== 'softmax') {
      throw new Error(`Sequential.compile: the last layer expected dense(C, { activation: 'softmax' }) for ${options.loss}, got ${last.kind} '${last.name}'`);
    }
    const metrics = options.metrics ?? [];
    for (const m of metrics) {
      if (m !== 'accuracy') throw new Error(`Sequential.compile: options.metrics expected ['accuracy'], got ${JSON.stringify(metrics)}`);
    }
    const opt = options.optimizer ?? 'rmsprop';
    if (!(opt instanceof Optimizer) && typeof opt !== 'function' && !['adam', 'sgd', 'rmsprop'].includes(opt)) {
      throw new Error(`Sequential.compile: options.optimizer expected 'adam', 'sgd', 'rmsprop' or an Optimizer, got ${JSON.stringify(opt)}`);
    }
    this._loss = options.loss;
    this._accuracy = metrics.includes('accuracy');
    this._optimizerSpec = opt;
    this._optimizer = null;
    if (this.built) this.optimizer();
  }

  /** The optimizer in use (created from the compile() spec once the weights exist). */
  optimizer(): Optimizer {
    if (this._optimizer) return this._optimizer;
    const spec = this._optimizerSpec;
    if (spec === undefined) throw new Error('Sequential.optimizer: model expected to be compiled, got compile() not called');
    const params = this.parameters();
    let opt: Optimizer;
    if (spec === 'adam') opt = new Adam(params, { lr: 0.001, eps: 1e-7 });
    else if (spec === 'sgd') opt = new SGD(params, { lr: 0.01 });
    else if (spec === 'rmsprop') opt = new RMSprop(params, { lr: 0.001, alpha: 0.9, eps: 1e-7 });
    else if (spec instanceof Optimizer) opt = spec;
    else opt = spec(params);
    const mine = new Set(params);
    if (!(opt instanceof Optimizer) || opt.params.length !== params.length || !opt.params.every((p) => mine.has(p))) {
      throw new Error(`Sequential.compile: options.optimizer expected an Optimizer over this model's ${params.length} weights (model.parameters()), got one over ${opt?.params?.length ?? 'no'} tensors`);
    }
    this._optimizer = opt;
    return opt;
  }

  /** Class probabilities: x [N, T, I] → [N, C] (softmax of the last layer), computed in batches without a tape. */
  predict(x: Tensor | NestedArray, options: { batchSize?: number } = {}): Tensor {
    checkOptions('Sequential.predict', options, { batchSize: 'any' });
    const X = this.input('Sequential.predict', x);
    const batchSize = checkBatchSize('Sequential.predict', options.batchSize ?? 32);
    const N = X.shape[0];
    return noGrad(() => {
      const parts: Tensor[] = [];
      for (let s = 0; s < N; s += batchSize) parts.push(this.forward(rows(X, range(s, Math.min(N, s + batchSize)))));
      return stackRows(parts, N);
    });
  }

  /** Mean loss (and accuracy) over (x, y), in batches without a tape: Keras's evaluate. */
  evaluate(x: Tensor | NestedArray, y: Tensor | NestedArray | ArrayLike<number>, options: { batchSize?: number } = {}): { loss: number; accuracy?: number } {
    const fn = 'Sequential.evaluate';
    checkOptions(fn, options, { batchSize: 'any' });
    const X = this.input(fn, x);
    const Y = this.targets(fn, y, X.shape[0]);
    const batchSize = checkBatchSize(fn, options.batchSize ?? 32);
    return noGrad(() => this.evaluateTensors(X, Y, batchSize));
  }

  /**
   * Trains for `epochs` passes (Keras's fit). Returns a History with `loss` and, when compiled with
   * metrics: ['accuracy'], `accuracy`, plus `valLoss` / `valAccuracy` with validation data. A step whose loss or
   * gradients are not finite is not applied; training stops there with `history.stopReason` set.
   */
  async fit(x: Tensor | NestedArray, y: Tensor | NestedArray | ArrayLike<number>, options: FitOptions = {}): Promise<History> {
    const fn = 'Sequential.fit';
    checkOptions(fn, options, {
      epochs: 'any', batchSize: 'any', validationSplit: 'any', validationData: 'array', shuffle: 'boolean', onEpochEnd: 'function', onBatchEnd: 'function',
    });
    const { epochs = 1, validationSplit = 0, shuffle = true, onEpochEnd, onBatchEnd } = options;
    if (!Number.isInteger(epochs) || epochs < 0) throw new Error(`${fn}: options.epochs expected an integer ≥ 0, got ${epochs}`);
    const batchSize = checkBatchSize(fn, options.batchSize ?? 32);
    if (!(validationSplit >= 0 && validationSplit < 1)) throw new Error(`${fn}: options.validationSplit expected a number in [0, 1), got ${validationSplit}`);
    if (validationSplit > 0 && options.validationData) throw new Error(`${fn}: options expected validationSplit or validationData, got both`);
    let X = this.input(fn, x);
    let Y = this.targets(fn, y, X.shape[0]);
    const opt = this.optimizer();
    let valX: Tensor | null = null;
    let valY: Targets | null = null;
    if (validationSplit > 0) {
      // Keras keeps the first ⌊N·(1 − split)⌋ samples for training and the rest for validation, before shuffling.
      const N = X.shape[0];
      const nTrain = Math.floor(N * (1 - validationSplit));
      if (nTrain < 1 || nTrain === N) {
        throw new Error(`${fn}: options.validationSplit expected to leave at least one training and one validation sample of ${N}, got ${validationSplit}`);
      }
      valX = rows(X, range(nTrain, N));
      valY = pickTargets(Y, range(nTrain, N));
      X = rows(X, range(0, nTrain));
      Y = pickTargets(Y, range(0, nTrain));
    } else if (options.validationData) {
      valX = this.input(fn, options.validationData[0]);
      valY = this.targets(fn, options.validationData[1], valX.shape[0]);
    }

    const history = new History();
    if (this._accuracy) history.history.accuracy = [];
    if (valX) {
      history.history.valLoss = [];
      if (this._accuracy) history.history.valAccuracy = [];
    }
    const names = this.namedParameters().map(([n]) => n);
    const N = X.shape[0];
    this.stopTraining = false;
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = range(0, N);
      if (shuffle) this._shuffleRng.shuffle(order);
      let lossSum = 0;
      let correct = 0;
      for (let s = 0, batch = 0; s < N; s += batchSize, batch++) {
        const idx = order.slice(s, Math.min(N, s + batchSize));
        const xb = rows(X, idx);
        const yb = pickTargets(Y, idx);
        let logits: Tensor | null = null;
        const result = trainStep({
          optimizer: opt,
          names,
          forward: () => {
            logits = this.forward(xb, true);
            return this.lossFromLogits(logits, yb);
          },
        });
        if (!result.ok) {
          history.stopReason = `${fn}: epoch ${epoch}, batch ${batch}: ${result.message}`;
          return history;
        }
        const batchCorrect = this._accuracy ? countCorrect(logits!, yb) : 0;
        lossSum += result.loss * idx.length;
        correct += batchCorrect;
        if (onBatchEnd) await onBatchEnd(batch, this._accuracy ? { loss: result.loss, accuracy: batchCorrect / samples(yb) } : { loss: result.loss });
      }
      const logs: EpochLogs = { loss: lossSum / N };
      if (this._accuracy) logs.accuracy = correct / (samples(Y) || 1);
      if (valX && valY) {
        const v = noGrad(() => this.evaluateTensors(valX!, valY!, batchSize));
        logs.valLoss = v.loss;
        if (this._accuracy) logs.valAccuracy = v.accuracy;
      }
      history.epoch.push(epoch);
      history.history.loss.push(logs.loss);
      if (logs.accuracy !== undefined) history.history.accuracy!.push(logs.accuracy);
      if (logs.valLoss !== undefined) history.history.valLoss!.push(logs.valLoss);
      if (logs.valAccuracy !== undefined) history.history.valAccuracy!.push(logs.valAccuracy);
      if (onEpochEnd) await onEpochEnd(epoch, logs);
      if (this.stopTraining) {
        history.stopReason = `${fn}: stopTraining was set after epoch ${epoch}`;
        break;
      }
    }
    return history;
  }

  /** Runs every layer: x [B, T, I] → probabilities [B, C], or the last layer's logits z with `logits`. */
  forward(x: Tensor, logits = false): Tensor {
    let h = x;
    this.layers.forEach((layer, k) => {
      h = layer.call(h, logits && k === this.layers.length - 1);
    });
    return h;
  }

  /** Number of weights, as in summary(). */
  countParams(): number {
    this.requireBuilt('Sequential.countParams');
    return this.layers.reduce((s, l) => s + l.countParams(), 0);
  }

  /** A Keras-style table of layers, output shapes and parameter counts (Keras's model.summary()). */
  summary(): string {
    this.requireBuilt('Sequential.summary');
    const line = '_'.repeat(65);
    const row = (a: string, b: string, c: string) => ` ${a.padEnd(28)}${b.padEnd(26)}${c}`;
    const out = [`Model: "${this.modelName}"`, line, row('Layer (type)', 'Output Shape', 'Param #'), '='.repeat(65)];
    let shape = this._inputShape!;
    this.layers.forEach((layer) => {
      shape = layer.outputShape(shape);
      const shown = `(None, ${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')})`;
      out.push(row(`${layer.name} (${layer.kind})`, shown, String(layer.countParams())));
    });
    const total = this.countParams().toLocaleString('en-US');
    out.push('='.repeat(65), `Total params: ${total}`, `Trainable params: ${total}`, 'Non-trainable params: 0', line);
    return out.join('\n');
  }

  /** Copies of the weights in Keras's get_weights() order: per LSTM kernel, recurrent_kernel, bias; per Dense kernel, bias. */
  getWeights(): Tensor[] {
    this.requireBuilt('Sequential.getWeights');
    return this.layers.flatMap((l) => l.weightList().map(([, t]) => new Tensor(t.data.slice(), t.shape)));
  }

  /**
   * Sets every weight from a list in Keras's get_weights() order (Tensors, nested arrays or { shape, data }).
   * An unbuilt model reads its input size from the first kernel. Every weight's shape and values (finite
   * numbers only) are checked against the model before anything happens, so on any error nothing changes
   * and an unbuilt model stays unbuilt.
   */
  setWeights(weights: (Tensor | NestedArray | { shape: readonly number[]; data: ArrayLike<number> })[]): void {
    const fn = 'Sequential.setWeights';
    if (!Array.isArray(weights)) throw new Error(`${fn}: weights expected an array, got ${describe(weights)}`);
    const values = weights.map((w, k) => asShaped(fn, `weights[${k}]`, w));
    const inputShape = this._inputShape ?? this.inputShapeFromKernel(fn, `weights[0] (${this.layers[0].name}/kernel)`, values[0]?.shape);
    const slots = this.weightSlots(inputShape);
    if (values.length !== slots.length) {
      throw new Error(`${fn}: weights expected ${slots.length} arrays (${slots.map(([n]) => n).join(', ')}), got ${values.length}`);
    }
    slots.forEach(([name, shape], k) => {
      if (!sameShape(values[k].shape, shape)) {
        throw new Error(`${fn}: weights[${k}] (${name}) expected shape ${fmtShape(shape)}, got ${fmtShape(values[k].shape)}`);
      }
    });
    this.build(inputShape);
    const tensors = this.layers.flatMap((l) => l.weightList().map(([, t]) => t));
    tensors.forEach((t, k) => t.data.set(values[k].data));
  }

  /** Weights with their Keras names ('lstm/kernel', 'lstm_1/recurrent_kernel', 'dense/bias', …) as JSON-ready data. */
  exportKerasWeights(): KerasWeight[] {
    this.requireBuilt('Sequential.exportKerasWeights');
    return this.layers.flatMap((l) =>
      l.weightList().map(([n, t]) => ({ name: `${l.name}/${n}`, shape: [...t.shape], data: Array.from(t.data) })),
    );
  }

  /**
   * Loads weights by Keras name, from a list (as exportKerasWeights() gives) or a record name → { shape, data }.
   * Accepts Keras's full variable names too ('lstm/lstm_cell/kernel:0'), but not two spellings of one name.
   * Strict: a missing name, an extra name, a wrong shape or a value that is not a finite number is an error,
   * and nothing changes (an unbuilt model stays unbuilt).
   */
  loadKerasWeights(weights: KerasWeight[] | Record<string, { shape: readonly number[]; data: ArrayLike<number> }>): void {
    const fn = 'Sequential.loadKerasWeights';
    if (weights === null || typeof weights !== 'object') throw new Error(`${fn}: weights expected a list or a record of named weights, got ${describe(weights)}`);
    const entries: [string, unknown][] = Array.isArray(weights)
      ? weights.map((w, k) => {
          if (w === null || typeof w !== 'object' || typeof w.name !== 'string') {
            throw new Error(`${fn}: weights[${k}] expected { name, shape, data }, got ${w === null || typeof w !== 'object' ? describe(w) : `name ${describe(w.name)}`}`);
          }
          return [w.name, w];
        })
      : Object.entries(weights);
    const byName = new Map<string, { given: string; value: unknown }>();
    for (const [given, value] of entries) {
      const name = normaliseName(given);
      const seen = byName.get(name);
      if (seen) throw new Error(`${fn}: weights expected '${name}' once, got it twice (as '${seen.given}' and '${given}')`);
      byName.set(name, { given, value });
    }
    const kernelName = `${this.layers[0].name}/kernel`;
    const firstKernel = byName.get(kernelName);
    let inputShape = this._inputShape;
    if (!inputShape) {
      const k = firstKernel?.value as { shape?: unknown } | null | undefined;
      if (!firstKernel) throw new Error(`${fn}: weights expected '${kernelName}' (an unbuilt model reads its input size from it), got none`);
      const shape = k instanceof Tensor ? k.shape : k && typeof k === 'object' && !Array.isArray(k) ? checkShapeList(fn, `'${firstKernel.given}'`, k.shape) : asShaped(fn, `'${firstKernel.given}'`, k).shape;
      inputShape = this.inputShapeFromKernel(fn, `'${firstKernel.given}'`, shape);
    }
    const expected = this.weightSlots(inputShape).map(([name]) => name);
    for (const name of byName.keys()) {
      if (!expected.includes(name)) throw new Error(`${fn}: weights expected names ${expected.join(', ')}, got unexpected '${name}'`);
    }
    const list = expected.map((name) => {
      const w = byName.get(name);
      if (!w) throw new Error(`${fn}: weights expected '${name}', got none`);
      return asShaped(fn, `'${w.given}'`, w.value);
    });
    this.setWeights(list);
  }

  // ----- internals -----

  /** [Keras name, shape] of every weight, in get_weights() order, for inputs of `inputShape` (pure: builds nothing). */
  private weightSlots(inputShape: KerasShape): [string, number[]][] {
    const slots: [string, number[]][] = [];
    let shape = inputShape;
    for (const layer of this.layers) {
      for (const [n, s] of layer.weightShapes(shape)) slots.push([`${layer.name}/${n}`, s]);
      shape = layer.outputShape(shape);
    }
    return slots;
  }

  /** An unbuilt model's input shape read from its first kernel ([I, …]): [None, I] for an LSTM, [I] for a Dense. */
  private inputShapeFromKernel(fn: string, what: string, kernelShape: readonly number[] | undefined): KerasShape {
    if (!kernelShape) this.requireBuilt(fn);
    const first = this.layers[0];
    const columns = first.kind === 'LSTM' ? 4 * first.units : first.units;
    if (kernelShape!.length !== 2 || kernelShape![0] < 1) {
      throw new Error(`${fn}: ${what} expected shape [I, ${columns}] with I ≥ 1 (it sets the input size of an unbuilt model), got ${fmtShape(kernelShape!)}`);
    }
    return first.kind === 'LSTM' ? [null, kernelShape![0]] : [kernelShape![0]];
  }

  private requireBuilt(fn: string): void {
    if (!this.built) {
      throw new Error(`${fn}: model expected to be built (give the first layer inputShape, or call build(), fit() or predict() first), got an unbuilt model`);
    }
  }

  /** x as a tensor of the model's dtype, [N, ...]; builds the model on first use. */
  private input(fn: string, x: Tensor | NestedArray): Tensor {
    let X: Tensor;
    if (x instanceof Tensor) X = x.dtype === this.dtype ? x : new Tensor(allocFrom(this.dtype, x.data), x.shape);
    else X = tensor(x as NestedArray, { dtype: this.dtype });
    if (X.ndim < 2 || X.shape[0] === 0) throw new Error(`${fn}: x expected shape [N, T, I] with N ≥ 1, got ${fmtShape(X.shape)}`);
    this.build(X.shape.slice(1));
    const want = this._inputShape!;
    const ok = X.ndim === want.length + 1 && want.every((d, k) => d === null || d === X.shape[k + 1]);
    if (!ok) throw new Error(`${fn}: x expected shape ${fmtShape(['N', ...want.map((d) => d ?? 'T')])}, got ${fmtShape(X.shape)}`);
    return X;
  }

  /** y as one-hot rows [N, C] (categorical) or class ids (sparse), checked against the model's output. */
  private targets(fn: string, y: Tensor | NestedArray | ArrayLike<number>, N: number): Targets {
    if (!this._loss) throw new Error(`${fn}: model expected to be compiled, got compile() not called`);
    const C = this.layers[this.layers.length - 1].units;
    if (this._loss === 'categoricalCrossentropy') {
      const Y = y instanceof Tensor ? (y.dtype === this.dtype ? y : new Tensor(allocFrom(this.dtype, y.data), y.shape)) : tensor(y as NestedArray, { dtype: this.dtype });
      if (Y.ndim !== 2 || Y.shape[0] !== N || Y.shape[1] !== C) {
        throw new Error(`${fn}: y expected one-hot targets of shape [${N}, ${C}] for categoricalCrossentropy, got ${fmtShape(Y.shape)}`);
      }
      return { onehot: Y };
    }
    const raw: ArrayLike<number> = y instanceof Tensor ? y.data : ArrayBuffer.isView(y) ? (y as ArrayLike<number>) : (y as number[]).flat?.(Infinity) as number[];
    if (!raw || raw.length !== N) throw new Error(`${fn}: y expected ${N} class ids for sparseCategoricalCrossentropy, got ${raw?.length ?? typeof y}`);
    const ids = new Int32Array(N);
    for (let k = 0; k < N; k++) {
      const v = raw[k];
      if (!Number.isInteger(v) || v < 0 || v >= C) throw new Error(`${fn}: y[${k}] expected a class id in [0, ${C}), got ${v}`);
      ids[k] = v;
    }
    return { ids };
  }

  private lossFromLogits(z: Tensor, y: Targets): Tensor {
    const C = z.shape[z.ndim - 1];
    const z2 = z.ndim === 2 ? z : reshape(z, [-1, C]);
    return crossEntropy(z2, y.onehot ?? y.ids!);
  }

  private evaluateTensors(X: Tensor, Y: Targets, batchSize: number): { loss: number; accuracy?: number } {
    const N = X.shape[0];
    let lossSum = 0;
    let correct = 0;
    for (let s = 0; s < N; s += batchSize) {
      const idx = range(s, Math.min(N, s + batchSize));
      const yb = pickTargets(Y, idx);
      const z = this.forward(rows(X, idx), true);
      lossSum += this.lossFromLogits(z, yb).item() * idx.length;
      correct += countCorrect(z, yb);
    }
    const out: { loss: number; accuracy?: number } = { loss: lossSum / N };
    if (this._accuracy) out.accuracy = correct / samples(Y);
    return out;
  }
}

/** Builds a Keras-shaped Sequential model: `sequential([lstm(…), lstm(…), dense(…)], { rng })`. */
export function sequential(layers: KerasLayer[], options: SequentialOptions): Sequential {
  return new Sequential(layers, options);
}
