/** Lookup table of learned vectors, PyTorch's nn.Embedding. */
import type { Tensor, DType } from '../tensor.ts';
import { Module } from './module.ts';
import { embedding } from '../ops/embedding.ts';
import type { Indices } from '../ops/indices.ts';
import { normal_, parameter, requireDtype, requireRng, requireSize } from './init.ts';
import type { Rng } from '../rng.ts';
import { checkOptions } from '../options.ts';

export interface EmbeddingOptions {
  numEmbeddings: number;
  embeddingDim: number;
  rng: Rng;
  dtype?: DType;
}

/** weight [V, E], initialised N(0, 1) as in PyTorch. */
export class Embedding extends Module {
  readonly numEmbeddings: number;
  readonly embeddingDim: number;
  weight: Tensor;

  constructor(opts: EmbeddingOptions) {
    super();
    checkOptions('Embedding', opts, { numEmbeddings: 'any', embeddingDim: 'any', rng: 'any', dtype: 'any' });
    this.numEmbeddings = requireSize('Embedding', 'numEmbeddings', opts?.numEmbeddings);
    this.embeddingDim = requireSize('Embedding', 'embeddingDim', opts.embeddingDim);
    const rng = requireRng('Embedding', opts.rng);
    this.weight = normal_(parameter([this.numEmbeddings, this.embeddingDim], requireDtype('Embedding', opts.dtype)), 0, 1, rng);
  }

  /** ids of shape S (e.g. [B, T] as number[][] or Int32Array with `shape`) → [...S, E]. */
  forward(ids: Indices, shape?: readonly number[]): Tensor {
    return embedding(this.weight, ids, shape);
  }
}
