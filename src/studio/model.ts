/**
 * The studio's model: Embedding → LSTM (1–3 layers) → Linear, the engine's CharLSTM with PyTorch's keys
 * (`embed.weight`, `lstm.weight_ih_l0`, `lstm.weight_hh_l0`, `lstm.bias_ih_l0`, `lstm.bias_hh_l0`, … `_l1`, `_l2`,
 * `fc.weight`, `fc.bias`), so a state dict moves between here and `nn.Embedding`/`nn.LSTM`/`nn.Linear` unchanged.
 *
 *   ids [B, T] → embed → x [B, T, E] → LSTM → h [B, T, H] → fc → logits z [B·T, V]
 */
import { CharLSTM, Rng, type FloatArray } from '../engine/index.ts';
import { embeddingDim, type StudioHyper } from './hyper.ts';

export interface StudioModelOptions {
  /** V: vocabulary size (the unknown symbol included). */
  vocabSize: number;
  /** H: units per layer. */
  hidden: number;
  /** Stacked LSTM layers (1–3). */
  layers: number;
  /** E: embedding width (default embeddingDim(hidden)). */
  embedding?: number;
  /** Fills the initial weights (PyTorch's default initialisation). */
  rng: Rng;
}

/** A tape-free, allocation-free reader: feeds one character at a time and exposes every layer's h_t, C_t. */
export interface StudioGenerator {
  /** Feeds character `id`; returns the logits z [V] for the next character (overwritten by the next call). */
  step(id: number): Float64Array;
  /** Back to h_0 = C_0 = 0. */
  reset(): void;
  /** h_t of each layer, [H] each (live views, updated by step). */
  readonly h: readonly FloatArray[];
  /** C_t of each layer, [H] each. */
  readonly c: readonly FloatArray[];
}

export class StudioModel extends CharLSTM {
  /** E: embedding width. */
  readonly embeddingDim: number;

  constructor(options: StudioModelOptions) {
    const { vocabSize, hidden, layers, rng } = options;
    const embedding = options.embedding ?? embeddingDim(hidden);
    for (const [key, value, min, max] of [
      ['vocabSize', vocabSize, 2, Infinity],
      ['hidden', hidden, 1, Infinity],
      ['layers', layers, 1, 3],
      ['embedding', embedding, 1, Infinity],
    ] as const) {
      if (!Number.isInteger(value) || value < min || value > max) {
        throw new Error(`StudioModel: ${key} expected an integer in [${min}, ${max}], got ${value}`);
      }
    }
    super({ vocabSize, embeddingDim: embedding, hiddenSize: hidden, numLayers: layers, rng });
    this.embeddingDim = embedding;
  }

  /** A fresh model for these hyperparameters, initialised from `hyper.seed`. */
  static fromHyper(hyper: StudioHyper, vocabSize: number): StudioModel {
    return new StudioModel({ vocabSize, hidden: hyper.hidden, layers: hyper.layers, rng: new Rng(hyper.seed) });
  }

  /** Parameters of the model (weights and biases). */
  get parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** Steps the model one character at a time, reading the live weights (so it follows training). */
  override generator(): StudioGenerator {
    const stepper = this.lstm.stepper(1);
    const E = this.embeddingDim;
    const V = this.vocabSize;
    const z = new Float32Array(V);
    const logits = new Float64Array(V);
    const table = this.embed.weight.data;
    return {
      h: stepper.h,
      c: stepper.c,
      reset: () => stepper.reset(),
      step: (id: number) => {
        if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`StudioModel.generator: id expected an integer in [0, ${V}), got ${id}`);
        const h = stepper.step(table.subarray(id * E, (id + 1) * E)); // x_t = embedding row; h_t of the top layer
        this.fc.forwardInto(h, z); // z = W_fc · h_t + b_fc
        logits.set(z); // float64 for the sampler, which works in float64 throughout
        return logits;
      },
    };
  }
}
