/**
 * Chapter 5.3–5.4 — a character-level language model: read a text,
 * learn to predict the next character, then write new text one sampled
 * character at a time.
 *
 *   text → CharVocab (V characters) → ids → B streams
 *        → segments [B, T] → CharLSTM → logits [B·T, V]
 *   loss = cross-entropy in nats, reported in bits per character
 *          (÷ ln 2, eq-bits-per-char)
 */
import {
  Rng, Adam, CharVocab, CharLSTM, TbpttTrainer, generateText,
} from '../engine/index.ts';
import { ENGLISH_TEXT } from './corpus.ts';

export interface CharExampleOptions {
  text?: string; // the corpus
  seed?: number; // drives the initial weights and the sampling
  hiddenSize?: number; // H
  seqLen?: number; // T: how far back gradients flow (truncated BPTT)
  batchSize?: number; // B: parallel streams through the text
  steps?: number; // training steps (one segment of every stream each)
  lr?: number; // Adam's learning rate η
  maxNorm?: number; // clip the total gradient norm to this
  temperature?: number; // τ for sampling (eq-temperature)
  sampleLength?: number;
  seedText?: string; // the prompt the sample continues
  onStep?: (step: number, bits: number) => void | Promise<void>;
}

export async function run(options: CharExampleOptions = {}) {
  const {
    text = ENGLISH_TEXT, seed = 1, hiddenSize = 64, seqLen = 32,
    batchSize = 8, steps = 150, lr = 0.01, maxNorm = 1, temperature = 0.7,
    sampleLength = 200, seedText = 'The ', onStep,
  } = options;
  const rng = new Rng(seed);
  // Every distinct character, sorted: V = vocab.size
  const vocab = CharVocab.fromText(text);
  const ids = vocab.encode(text); // [n] character ids

  // Embedding → LSTM → Linear
  const model = new CharLSTM({ vocabSize: vocab.size, hiddenSize, rng });
  const optimizer = new Adam(model.parameters(), { lr });
  const trainer = new TbpttTrainer({
    model, optimizer, ids, batchSize, seqLen, maxNorm,
  });

  const losses: number[] = []; // bits per character of each step
  for (let s = 0; s < steps; s++) {
    // forward [B, T] → loss → backward over T steps → clip → Adam
    const r = trainer.step();
    // A NaN step changed nothing; stop and say why.
    if (!r.ok) throw new Error(r.message);
    losses.push(r.bits);
    if (onStep) await onStep(s, r.bits);
  }
  // Mean over the whole text, in bits per character.
  const bpc = trainer.evaluateBits();

  // Generation: feed the prompt, then repeatedly sample
  // x_{t+1} ~ softmax(z_t / τ) and feed it back.
  const sample = generateText({
    vocab,
    step: model.generator().step,
    seedText,
    length: sampleLength,
    temperature,
    rng,
  });
  return { losses, bpc, sample, vocabSize: vocab.size, model, vocab };
}
