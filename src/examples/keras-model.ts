/**
 * Chapter 5.1 — the article's Keras model, rebuilt with Cell State's
 * Keras-shaped façade. The article's three statements and their
 * TypeScript counterparts (sizes, validation and test set differ; see
 * the table in chapter 5.1):
 *
 *   Python:  tf.keras.Sequential([
 *              LSTM(128, return_sequences=True),
 *              LSTM(128),
 *              Dense(10, activation='softmax')])
 *   TS:      sequential([
 *              lstm(128, { returnSequences: true }),
 *              lstm(128),
 *              dense(10, { activation: 'softmax' })], { rng })
 *
 *   Python:  model.compile(loss='categorical_crossentropy', …)
 *   TS:      model.compile({ loss: 'categoricalCrossentropy', … })
 *
 *   Python:  model.fit(x_train, y_train, epochs=10)
 *   TS:      await model.fit(xTrain, yTrain, { epochs: 10 })
 *
 *   (LSTM and Dense are tf.keras.layers.LSTM and tf.keras.layers.Dense.)
 */
import {
  Rng, sequential, lstm, dense, type EpochLogs,
} from '../engine/index.ts';
import { makeFirstDigitTask } from './first-digit-task.ts';

export interface KerasExampleOptions {
  // One seed drives the data, the initial weights and the shuffles.
  seed?: number;
  // H; the article uses 128, smaller trains faster in a browser tab.
  units?: number;
  steps?: number; // T, the sequence length
  samples?: number; // N, training sequences
  epochs?: number;
  onEpochEnd?: (epoch: number, logs: EpochLogs) => void | Promise<void>;
}

export async function run(options: KerasExampleOptions = {}) {
  const {
    seed = 7, units = 32, steps = 6, samples = 640, epochs = 15, onEpochEnd,
  } = options;
  const rng = new Rng(seed);
  // x: [N, T, 10], y: [N, 10] one-hot
  const train = makeFirstDigitTask(samples, steps, rng);
  // Held-out sequences, never trained on.
  const test = makeFirstDigitTask(200, steps, rng);

  const model = sequential(
    [
      // [N, T, 10] → [N, T, H]: h_t for every step t
      lstm(units, { returnSequences: true }),
      // [N, T, H] → [N, H]: only the last h_T
      lstm(units),
      // [N, H] → [N, 10]: softmax(h_T · W + b)
      dense(10, { activation: 'softmax' }),
    ],
    { rng },
  );
  // Cross-entropy against one-hot labels, Adam (lr 0.001, Keras's default),
  // accuracy as a metric.
  model.compile({
    loss: 'categoricalCrossentropy',
    optimizer: 'adam',
    metrics: ['accuracy'],
  });

  // The first 80 % of the samples train, the last 20 % validate;
  // each epoch reshuffles the training order.
  const history = await model.fit(train.x, train.y, {
    epochs,
    batchSize: 32,
    validationSplit: 0.2,
    onEpochEnd,
  });

  // Loss and accuracy on unseen sequences.
  const { loss, accuracy } = model.evaluate(test.x, test.y);
  return {
    losses: history.history.loss,
    loss,
    accuracy: accuracy!,
    history: history.history,
    summary: model.summary(),
    model,
  };
}
