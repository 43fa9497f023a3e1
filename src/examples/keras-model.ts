/**
 * Chapter 5.1 — the article's Keras model, rebuilt with Cell State's Keras-shaped façade.
 *
 *   Python (the article)                     TypeScript (this file)
 *   tf.keras.Sequential([                    sequential([
 *     LSTM(128, return_sequences=True),      lstm(128, { returnSequences: true }),
 *     LSTM(128),                             lstm(128),
 *     Dense(10, activation='softmax')])      dense(10, { activation: 'softmax' })], { rng })
 *   model.compile(                           model.compile({
 *     loss='categorical_crossentropy', …)    loss: 'categoricalCrossentropy', … })
 *   model.fit(x_train, y_train, epochs=10)   await model.fit(xTrain, yTrain, { epochs: 10 })
 *
 *   (LSTM and Dense are tf.keras.layers.LSTM and tf.keras.layers.Dense.)
 */
import { Rng, sequential, lstm, dense, type EpochLogs } from '../engine/index.ts';
import { makeFirstDigitTask } from './first-digit-task.ts';

export interface KerasExampleOptions {
  seed?: number; // one seed drives the data, the initial weights and the shuffles
  units?: number; // H; the article uses 128, smaller trains faster in a browser tab
  steps?: number; // T, the sequence length
  samples?: number; // N, training sequences
  epochs?: number;
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
}

export async function run(options: KerasExampleOptions = {}) {
  const { seed = 7, units = 32, steps = 6, samples = 640, epochs = 15, onEpochEnd } = options;
  const rng = new Rng(seed);
  const train = makeFirstDigitTask(samples, steps, rng); // x: [N, T, 10], y: [N, 10] one-hot
  const test = makeFirstDigitTask(200, steps, rng); //      held-out sequences, never trained on

  const model = sequential(
    [
      lstm(units, { returnSequences: true }), // [N, T, 10] → [N, T, H]: h_t for every step t
      lstm(units), //                             [N, T, H]  → [N, H]:    only the last h_T
      dense(10, { activation: 'softmax' }), //    [N, H]     → [N, 10]:   softmax(h_T · W + b)
    ],
    { rng },
  );
  // Cross-entropy against one-hot labels, Adam (lr 0.001, Keras's default),
  // accuracy as a metric.
  model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });

  // The first 80 % of the samples train, the last 20 % validate;
  // each epoch reshuffles the training order.
  const history = await model.fit(train.x, train.y, {
    epochs,
    batchSize: 32,
    validationSplit: 0.2,
    onEpochEnd,
  });

  const { loss, accuracy } = model.evaluate(test.x, test.y); // on unseen sequences
  return {
    losses: history.history.loss,
    loss,
    accuracy: accuracy!,
    history: history.history,
    summary: model.summary(),
    model,
  };
}
