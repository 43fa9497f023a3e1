/**
 * A character-level language model (chapter 5.3): Embedding → LSTM → Linear, PyTorch-shaped.
 *
 *   ids [B, T] → embed → x [B, T, E] → LSTM → h [B, T, H] → fc → logits z [B·T, V]
 *
 * `forward` takes and returns the LSTM state (h, C) so truncated BPTT can carry it from one batch to the next;
 * `generator()` steps one character at a time without a tape, for sampling (chapter 5.4).
 */
import { Tensor, type DType } from '../tensor.ts';
import { Module } from '../nn/module.ts';
import { Embedding } from '../nn/embedding.ts';
import { LSTM } from '../nn/lstm.ts';
import { Linear } from '../nn/linear.ts';
import { reshape } from '../ops/reshape.ts';
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

export interface CharLSTMOptions {
  /** V: characters in the vocabulary. */
  vocabSize: number;
  /** E: embedding width (default 32). */
  embeddingDim?: number;
  /** H: LSTM units per layer. */
  hiddenSize: number;
  /** Stacked LSTM layers (default 1). */
  numLayers?: number;
  rng: Rng;
  dtype?: DType;
}

export class CharLSTM extends Module {
  readonly vocabSize: number;
  readonly hiddenSize: number;
  readonly numLayers: number;
  embed: Embedding;
  lstm: LSTM;
  fc: Linear;

  constructor(options: CharLSTMOptions) {
    super();
    checkOptions('CharLSTM', options, { vocabSize: 'any', embeddingDim: 'any', hiddenSize: 'any', numLayers: 'any', rng: 'any', dtype: 'any' });
    const { vocabSize, embeddingDim = 32, hiddenSize, numLayers = 1, rng, dtype } = options;
    this.vocabSize = vocabSize;
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    this.embed = new Embedding({ numEmbeddings: vocabSize, embeddingDim, rng, dtype });
    this.lstm = new LSTM({ inputSize: embeddingDim, hiddenSize, numLayers, batchFirst: true, rng, dtype });
    this.fc = new Linear({ inFeatures: hiddenSize, outFeatures: vocabSize, rng, dtype });
  }

  /**
   * ids: [B, T] row-major character ids; state: [h0, c0] each [numLayers, B, H] (zeros when omitted).
   * Returns logits [B·T, V] (row b·T + t predicts the character after ids[b, t]) and the final [hN, cN].
   */
  forward(ids: Int32Array, B: number, T: number, state?: [Tensor, Tensor] | null): { logits: Tensor; state: [Tensor, Tensor] } {
    if (ids.length !== B * T) throw new Error(`CharLSTM.forward: ids expected B·T = ${B * T} values for [${B}, ${T}], got ${ids.length}`);
    const x = this.embed.forward(ids, [B, T]); // [B, T, E]
    const [h, next] = this.lstm.forward(x, state ?? null); // h: [B, T, H]
    const logits = this.fc.forward(reshape(h, [B * T, this.hiddenSize])); // [B·T, V]
    return { logits, state: next };
  }

  /**
   * A tape-free next-character predictor for generation: `step(id)` feeds one character and returns the logits
   * [V] for the next one (a buffer overwritten by the following call); `reset()` returns to the zero state.
   */
  generator(): { step: (id: number) => Float64Array; reset: () => void } {
    const stepper = this.lstm.stepper(1);
    const E = this.embed.embeddingDim;
    const V = this.vocabSize;
    const H = this.hiddenSize;
    const logits = new Float64Array(V);
    return {
      reset: () => stepper.reset(),
      step: (id: number) => {
        if (!Number.isInteger(id) || id < 0 || id >= V) throw new Error(`CharLSTM.generator: id expected an integer in [0, ${V}), got ${id}`);
        const h = stepper.step(this.embed.weight.data.subarray(id * E, (id + 1) * E)); // x_t = embedding row, h_t [H]
        const W = this.fc.weight.data; // [V, H]
        const b = this.fc.bias!.data; // [V]
        for (let v = 0; v < V; v++) {
          let z = b[v];
          for (let k = 0; k < H; k++) z += W[v * H + k] * h[k];
          logits[v] = z; // z_v = W_v · h_t + b_v
        }
        return logits;
      },
    };
  }
}
