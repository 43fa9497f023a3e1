/**
 * The numbers chapter 5 prints, computed with the engine when the site is built.
 *
 * Both language editions import this module, so each number is computed once: parameter counts
 * of the article's Keras and PyTorch models (as the engine's layers report them), the example
 * corpus's size, the temperature table and the constants quoted in the prose.
 * tests/unit/chapters/practice-numbers.test.ts recomputes all of it independently.
 */
import {
  CharLSTM, CharVocab, dense, Linear, LSTM, lstm, Rng, samplingDistribution, sequential, sigmoid,
} from '../engine/index.ts';
import { ENGLISH_TEXT } from '../examples/corpus.ts';

/** I: the digit task feeds one-hot digits, so the input width is 10 (and so is the class count). */
export const INPUT_SIZE = 10;

/** The number of classes of the digit task: the first digit, 0–9. */
export const NUM_CLASSES = 10;

/** H of the article's listings. */
export const HIDDEN_SIZE = 128;

/** T of the Keras listing's data: sequences of 20 digits. */
export const STEPS = 20;

/** Parameter counts of one model, per layer and in all. */
export interface ParamCounts {
  readonly layers: readonly number[];
  readonly total: number;
}

/**
 * The article's Keras stack LSTM(units, return_sequences) → LSTM(units) → Dense(10, softmax),
 * built for inputs [steps, I] with the engine's Keras façade; counts as `countParams()` reports.
 */
export function kerasParamCounts(units: number, steps: number): ParamCounts {
  const model = sequential(
    [lstm(units, { returnSequences: true }), lstm(units), dense(NUM_CLASSES, { activation: 'softmax' })],
    { rng: new Rng(0) },
  );
  model.build([steps, INPUT_SIZE]);
  return { layers: model.layers.map((layer) => layer.countParams()), total: model.countParams() };
}

/** The Python listing's sizes: H = 128, T = 20. */
export const keras: ParamCounts = kerasParamCounts(HIDDEN_SIZE, STEPS);

/** The TypeScript example's defaults (src/examples/keras-model.ts): units = 32, steps = 6. */
export const kerasSmall: ParamCounts = kerasParamCounts(32, 6);

/** The article's PyTorch model: nn.LSTM(10, 128, num_layers=2, batch_first=True) + nn.Linear(128, 10). */
export const torch = (() => {
  const rnn = new LSTM({
    inputSize: INPUT_SIZE, hiddenSize: HIDDEN_SIZE, numLayers: 2, batchFirst: true, rng: new Rng(0),
  });
  // weight_ih_l{k}, weight_hh_l{k}, bias_ih_l{k}, bias_hh_l{k}: everything that ends in _l{k}.
  const perLayer = [0, 1].map((k) =>
    rnn
      .namedParameters()
      .filter(([name]) => name.endsWith(`_l${k}`))
      .reduce((s, [, p]) => s + p.size, 0),
  );
  const fc = new Linear({ inFeatures: HIDDEN_SIZE, outFeatures: NUM_CLASSES, rng: new Rng(0) });
  const fcParams = fc.numParameters();
  return { perLayer, fc: fcParams, total: rnn.numParameters() + fcParams };
})();

/** V of the tiny-Shakespeare corpus of Karpathy's char-rnn, the vocabulary the prose quotes. */
export const SHAKESPEARE_VOCAB = 65;

/** The character-model example's corpus: its vocabulary size and its length in characters. */
export const exampleCorpus = {
  vocabSize: CharVocab.fromText(ENGLISH_TEXT).size,
  length: [...ENGLISH_TEXT].length,
};

/** H of the character-model example (src/examples/char-model.ts's default hiddenSize). */
export const CHAR_HIDDEN_SIZE = 64;

/**
 * The character-model example at its defaults: CharLSTM (embedding 32 → LSTM → Linear) over the
 * example corpus's vocabulary, its parameter count and its size in float32 bytes.
 */
export const charModel = (() => {
  const model = new CharLSTM({ vocabSize: exampleCorpus.vocabSize, hiddenSize: CHAR_HIDDEN_SIZE, rng: new Rng(0) });
  const params = model.numParameters();
  return { hiddenSize: CHAR_HIDDEN_SIZE, vocabSize: exampleCorpus.vocabSize, params, float32Bytes: 4 * params };
})();

/** Loss of a uniform guess over V = 65 characters: log₂ V bits, ln V nats per character. */
export const uniformCharLoss = {
  bits: Math.log2(SHAKESPEARE_VOCAB),
  nats: Math.log(SHAKESPEARE_VOCAB),
};

/** Loss of a uniform guess over the 10 digit classes, in nats: where the Keras model starts. */
export const uniformDigitLoss = Math.log(NUM_CLASSES);

/** σ(1): the forget gate early in training with Keras's unit_forget_bias (bias 1). */
export const forgetGateAtBiasOne: number = sigmoid(1);

/** The temperature table: softmax(z / τ) for four logits at three temperatures (eq-temperature). */
export const temperatureTable = (() => {
  const logits = [2, 1, 0, -1] as const;
  const temperatures = [0.5, 1, 2] as const;
  const rows = temperatures.map((temperature) =>
    Array.from(samplingDistribution(logits, { temperature })),
  );
  return { logits, temperatures, rows };
})();
