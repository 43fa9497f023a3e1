/**
 * Fast generation path: advances an LSTM stack one time step with preallocated state and no tape, reading the
 * module's live weights (so it always reflects the latest training step). Allocates nothing per step.
 *
 *   const s = lstm.stepper();      // batch 1, zero state
 *   const h = s.stepIndex(id);     // one-hot input id → top layer's h_t, [B, H] (a view, overwritten next step)
 */
import type { FloatArray } from '../tensor.ts';
import { lstmStepInfer } from '../kernels/lstm-sequence.ts';
import { fmtShape } from '../shape.ts';
import type { LSTM } from './lstm.ts';

export class LstmStepper {
  readonly batchSize: number;
  /** h_t of each layer, [B, H] each. */
  readonly h: FloatArray[] = [];
  /** C_t of each layer, [B, H] each. */
  readonly c: FloatArray[] = [];
  private readonly lstm: LSTM;
  private readonly gates: FloatArray;
  private readonly xBuf: FloatArray;

  constructor(lstm: LSTM, batchSize = 1) {
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`LSTM.stepper: batchSize expected a positive integer, got ${batchSize}`);
    this.lstm = lstm;
    this.batchSize = batchSize;
    const A = lstm.dtype === 'float64' ? Float64Array : Float32Array;
    const BH = batchSize * lstm.hiddenSize;
    for (let l = 0; l < lstm.numLayers; l++) {
      this.h.push(new A(BH));
      this.c.push(new A(BH));
    }
    this.gates = new A(4 * BH);
    this.xBuf = new A(batchSize * lstm.inputSize);
  }

  /** Back to the zero state. */
  reset(): void {
    for (const a of this.h) a.fill(0);
    for (const a of this.c) a.fill(0);
  }

  /** x: [B, I] flat → top layer h_t [B, H] (a view that the next step overwrites). */
  step(x: ArrayLike<number>): FloatArray {
    const n = this.batchSize * this.lstm.inputSize;
    if (!x || x.length !== n) throw new Error(`LstmStepper.step: x expected shape ${fmtShape([this.batchSize, this.lstm.inputSize])}, got [${x?.length}]`);
    let src: FloatArray;
    if (x instanceof Float32Array || x instanceof Float64Array) src = x;
    else {
      this.xBuf.set(x);
      src = this.xBuf;
    }
    return this.run(src, -1);
  }

  /** One-hot input (batch 1): the 1 sits at column `id` of the input; W_ih·x is a column read. */
  stepIndex(id: number): FloatArray {
    if (this.batchSize !== 1) throw new Error(`LstmStepper.stepIndex: batchSize expected 1, got ${this.batchSize}`);
    if (!Number.isInteger(id) || id < 0 || id >= this.lstm.inputSize) {
      throw new Error(`LstmStepper.stepIndex: id expected an integer in [0, ${this.lstm.inputSize}), got ${id}`);
    }
    return this.run(null, id);
  }

  private run(x: FloatArray | null, id: number): FloatArray {
    const { hiddenSize: H, numLayers: L, inputSize } = this.lstm;
    for (let l = 0; l < L; l++) {
      const w = this.lstm.layerWeights(l);
      const I = l === 0 ? inputSize : H;
      const input = l === 0 ? x : this.h[l - 1];
      lstmStepInfer(this.batchSize, I, H, input, 0, l === 0 ? id : -1, w.weightIh.data, w.weightHh.data, w.biasIh.data, w.biasHh.data, this.h[l], this.c[l], this.gates);
    }
    return this.h[L - 1];
  }
}
