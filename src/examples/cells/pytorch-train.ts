// The article's PyTorch LSTMModel and its training loop.
import { Rng, Module, LSTM, Linear, Adam, crossEntropy, zeros, reshape, slice,
  type Tensor } from 'cell-state';
import { makeFirstDigitTask, batch, shuffled, accuracy } from 'cell-state/tasks';

class LSTMModel extends Module {
  lstm: LSTM;
  fc: Linear;
  constructor(inputSize: number, readonly hiddenSize: number,
    readonly numLayers: number, numClasses: number, rng: Rng) {
    super();
    this.lstm = new LSTM({ inputSize, hiddenSize, numLayers,
      batchFirst: true, rng });
    this.fc = new Linear({ inFeatures: hiddenSize, outFeatures: numClasses, rng });
  }
  forward(x: Tensor): Tensor {
    const [B, T] = x.shape;
    const h0 = zeros([this.numLayers, B, this.hiddenSize]);
    const c0 = zeros([this.numLayers, B, this.hiddenSize]);
    const [out] = this.lstm.forward(x, [h0, c0]);
    // out[:, -1, :]
    const last = reshape(slice(out, 1, T - 1, T), [B, this.hiddenSize]);
    return this.fc.forward(last);
  }
}

const rng = new Rng(7);
const train = makeFirstDigitTask(512, 6, rng);   // inputs [N, T, 10], labels [N]
const test = makeFirstDigitTask(200, 6, rng);
const model = new LSTMModel(10, 32, 2, 10, rng);  // article: hidden_size 128
const optimizer = new Adam(model.parameters(), { lr: 0.005 });

const numEpochs = 15, batchSize = 32;
const losses: number[] = [], accuracies: number[] = [];
for (let epoch = 0; epoch < numEpochs; epoch++) {
  const order = shuffled(512, rng);
  let total = 0;
  for (let s = 0; s < 512; s += batchSize) {
    const { inputs, labels } = batch(train, order.slice(s, s + batchSize));
    const outputs = model.forward(inputs);
    const loss = crossEntropy(outputs, labels);
    optimizer.zeroGrad();
    loss.backward();
    optimizer.step();
    total += loss.item() * labels.length;
  }
  losses.push(total / 512);
  accuracies.push(accuracy(model, test.x, test.labels));
  console.log(`epoch ${epoch + 1}: loss ${losses.at(-1)!.toFixed(3)}, ` +
    `test accuracy ${accuracies.at(-1)!.toFixed(3)}`);
  progress(epoch + 1, numEpochs, 'epochs');
  await tick();
}
plot({ loss: losses, accuracy: accuracies },
  { title: 'PyTorch LSTMModel', xLabel: 'epoch' });
`test accuracy ${accuracies.at(-1)!.toFixed(3)} (chance: 0.100)`;
