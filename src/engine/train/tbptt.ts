/**
 * Truncated backpropagation through time for a character model (chapter 5.3).
 *
 * The corpus is read as B parallel streams (see streamBatches). Each step trains on the next T characters of
 * every stream, starting from the (h, C) that the previous step ended with, but with the tape cut there: the
 * state's values flow forward across batches, gradients flow back at most T steps. A new pass over the corpus
 * starts from the zero state.
 */
import { Tensor } from '../tensor.ts';
import { noGrad } from '../autograd.ts';
import { crossEntropy } from '../ops/cross-entropy.ts';
import type { Optimizer } from '../optim/optimizer.ts';
import { streamBatches, type CharBatch } from '../text/batches.ts';
import { natsToBits } from '../text/units.ts';
import { trainStep, type TrainStepResult } from './step.ts';
import type { CharLSTM } from './char-model.ts';
import { checkOptions } from '../options.ts';

export interface TbpttOptions {
  model: CharLSTM;
  optimizer: Optimizer;
  /** The encoded corpus (CharVocab.encode). */
  ids: Int32Array;
  /** B: parallel streams. */
  batchSize: number;
  /** T: characters per truncated segment (how far gradients flow back). */
  seqLen: number;
  /** Clip the total gradient norm to this (recommended for LSTMs; e.g. 1 or 5). */
  maxNorm?: number;
}

/** The result of one TBPTT step: the trainStep result plus where in the corpus it was and the loss in bits. */
export interface TbpttStepResult extends TrainStepResult {
  /** Completed passes over the corpus before this step. */
  epoch: number;
  /** Index of the segment within the pass. */
  batch: number;
  /** Mean loss of the step in bits per character (loss / ln 2). */
  bits: number;
}

export class TbpttTrainer {
  readonly model: CharLSTM;
  readonly optimizer: Optimizer;
  readonly maxNorm: number | undefined;
  /** The segments of one pass, in order: [B, T] inputs and targets. */
  readonly batches: CharBatch[];
  private epoch = 0;
  private next = 0;
  private state: [Tensor, Tensor] | null = null;
  private readonly names: string[];

  constructor(options: TbpttOptions) {
    const { model, optimizer, ids, batchSize, seqLen, maxNorm } = checkOptions('TbpttTrainer', options, {
      model: 'object', optimizer: 'object', ids: 'any', batchSize: 'any', seqLen: 'any', maxNorm: 'number',
    });
    if (!model || typeof model.forward !== 'function') throw new Error('TbpttTrainer: options.model expected a CharLSTM, got none');
    if (!optimizer || typeof optimizer.step !== 'function') throw new Error('TbpttTrainer: options.optimizer expected an Optimizer, got none');
    this.model = model;
    this.optimizer = optimizer;
    this.maxNorm = maxNorm;
    this.batches = streamBatches(ids, { batchSize, seqLen }); // throws on an empty or too-short corpus
    this.names = model.namedParameters().map(([n]) => n);
  }

  /** Number of steps in one pass over the corpus. */
  get stepsPerEpoch(): number {
    return this.batches.length;
  }

  /** Trains on the next segment. A non-finite step changes no parameter and resets the carried state. */
  step(): TbpttStepResult {
    if (this.next === this.batches.length) {
      this.epoch++;
      this.next = 0;
      this.state = null; // a new pass starts from h_0 = C_0 = 0
    }
    const { inputs, targets, batchSize: B, seqLen: T } = this.batches[this.next];
    const carry: { final: [Tensor, Tensor] | null } = { final: null };
    const result = trainStep({
      optimizer: this.optimizer,
      maxNorm: this.maxNorm,
      names: this.names,
      forward: () => {
        const out = this.model.forward(inputs, B, T, this.state);
        carry.final = out.state;
        return crossEntropy(out.logits, targets); // mean over B·T predictions, in nats
      },
    });
    // Carry (h_T, C_T) into the next segment as plain values: detach() cuts the tape (the "truncation").
    this.state = result.ok && carry.final ? [carry.final[0].detach(), carry.final[1].detach()] : null;
    const info = { ...result, epoch: this.epoch, batch: this.next, bits: natsToBits(result.loss) };
    this.next++;
    return info;
  }

  /** Mean loss over the whole corpus in bits per character, reading the streams in order with carried state, no tape. */
  evaluateBits(): number {
    return noGrad(() => {
      let state: [Tensor, Tensor] | null = null;
      let total = 0;
      for (const { inputs, targets, batchSize: B, seqLen: T } of this.batches) {
        const out = this.model.forward(inputs, B, T, state);
        state = out.state;
        total += crossEntropy(out.logits, targets).item();
      }
      return natsToBits(total / this.batches.length);
    });
  }
}
