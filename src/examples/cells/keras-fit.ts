// The article's Keras model: two stacked LSTMs, a softmax over 10 classes.
// The task: T random digits; the class is the FIRST one (memory needed).
import { Rng, sequential, lstm, dense } from 'cell-state';
import { makeFirstDigitTask } from 'cell-state/tasks';

const rng = new Rng(7);
// x: [N, T, 10] one-hot digits, y: [N, 10] one-hot class
const train = makeFirstDigitTask(640, 6, rng);
const test = makeFirstDigitTask(200, 6, rng);

const model = sequential([
  lstm(32, { returnSequences: true }),   // article: LSTM(128, …)
  lstm(32),                              // article: LSTM(128)
  dense(10, { activation: 'softmax' }),
], { rng });

model.compile({
  loss: 'categoricalCrossentropy',
  optimizer: 'adam',
  metrics: ['accuracy'],
});

const epochs = 15;
const history = await model.fit(train.x, train.y, {
  epochs,
  batchSize: 32,
  onEpochEnd: async (epoch, logs) => {
    console.log(`epoch ${epoch + 1}: loss ${logs.loss.toFixed(3)}, ` +
      `accuracy ${logs.accuracy!.toFixed(3)}`);
    progress(epoch + 1, epochs, 'epochs');
    await tick();
  },
});

plot({ loss: history.history.loss, accuracy: history.history.accuracy! },
  { title: 'Keras model', xLabel: 'epoch' });
const { accuracy } = model.evaluate(test.x, test.y);
`test accuracy ${accuracy!.toFixed(3)} (chance: 0.100)`;
