/**
 * Chapter 5.2 — the article's PyTorch LSTMModel, rebuilt with Cell
 * State's PyTorch-shaped API. Same names, same layouts
 * (weight_ih_l0 [4H, I], gate order i, f, g, o), same training loop.
 */
import {
  Rng, Module, LSTM, Linear, Adam, Tensor, zeros, slice, reshape,
  crossEntropy, noGrad,
} from '../engine/index.ts';
import { makeFirstDigitTask } from './first-digit-task.ts';

// class LSTMModel(nn.Module)
export class LSTMModel extends Module {
  readonly hiddenSize: number;
  readonly numLayers: number;
  lstm: LSTM;
  fc: Linear;

  constructor(
    inputSize: number,
    hiddenSize: number,
    numLayers: number,
    numClasses: number,
    rng: Rng,
  ) {
    super();
    this.hiddenSize = hiddenSize;
    this.numLayers = numLayers;
    // nn.LSTM(input_size, hidden_size, num_layers, batch_first=True)
    this.lstm = new LSTM({
      inputSize, hiddenSize, numLayers, batchFirst: true, rng,
    });
    // nn.Linear(hidden_size, num_classes)
    this.fc = new Linear({
      inFeatures: hiddenSize, outFeatures: numClasses, rng,
    });
  }

  /** x: [B, T, I] → logits [B, numClasses]. */
  forward(x: Tensor): Tensor {
    const [B, T] = x.shape;
    // h_0 = 0 and C_0 = 0, each [L, B, H]
    const h0 = zeros([this.numLayers, B, this.hiddenSize]);
    const c0 = zeros([this.numLayers, B, this.hiddenSize]);
    // out: [B, T, H], h_t of the top layer
    const [out] = this.lstm.forward(x, [h0, c0]);
    // out[:, -1, :]: the last step along dimension 1, [B, 1, H],
    // reshaped to [B, H]
    const last = reshape(slice(out, 1, T - 1, T), [B, this.hiddenSize]);
    return this.fc.forward(last); // [B, numClasses], the logits z
  }
}

export interface PytorchExampleOptions {
  seed?: number;
  hiddenSize?: number;
  numLayers?: number;
  steps?: number;
  samples?: number;
  numEpochs?: number;
  batchSize?: number;
  lr?: number;
}

export async function run(options: PytorchExampleOptions = {}) {
  const {
    seed = 7, hiddenSize = 32, numLayers = 2, steps = 6, samples = 512,
    numEpochs = 15, batchSize = 32, lr = 0.005,
  } = options;
  const rng = new Rng(seed);
  // x: [N, T, 10], labels: [N]
  const train = makeFirstDigitTask(samples, steps, rng);
  const test = makeFirstDigitTask(200, steps, rng);

  // LSTMModel(input_size=10, hidden_size, num_layers, num_classes=10)
  const model = new LSTMModel(10, hiddenSize, numLayers, 10, rng);
  // torch.optim.Adam(model.parameters(), lr=lr)
  const optimizer = new Adam(model.parameters(), { lr });
  // criterion = nn.CrossEntropyLoss():
  // crossEntropy(logits [B, C], labels [B]), mean over the batch.

  const losses: number[] = [];
  for (let epoch = 0; epoch < numEpochs; epoch++) {
    const order = Array.from({ length: samples }, (_, n) => n);
    // DataLoader(shuffle=True): a new seeded order every epoch
    rng.shuffle(order);
    let total = 0;
    for (let s = 0; s < samples; s += batchSize) {
      const idx = order.slice(s, s + batchSize);
      // inputs: [B, T, 10], labels: [B]
      const { inputs, labels } = batch(train, idx);
      // outputs = model(inputs)
      const outputs = model.forward(inputs);
      // loss = criterion(outputs, labels)
      const loss = crossEntropy(outputs, labels);
      // optimizer.zero_grad()
      optimizer.zeroGrad();
      // loss.backward(): fills every .grad
      loss.backward();
      // optimizer.step()
      optimizer.step();
      total += loss.item() * idx.length;
    }
    // Mean training loss of the epoch, in nats.
    losses.push(total / samples);
  }

  // Accuracy on unseen sequences, without recording a tape
  // (torch.no_grad()).
  const accuracy = noGrad(() => {
    const logits = model.forward(test.x);
    let correct = 0;
    for (let n = 0; n < test.labels.length; n++) {
      const row = Array.from(logits.data.subarray(n * 10, n * 10 + 10));
      if (row.indexOf(Math.max(...row)) === test.labels[n]) correct++;
    }
    return correct / test.labels.length;
  });
  return { losses, accuracy, model };
}

/** Gathers samples idx into a batch: inputs [B, T, 10], labels [B]. */
function batch(data: { x: Tensor; labels: Int32Array }, idx: number[]) {
  const [, T, I] = data.x.shape;
  const inputs = zeros([idx.length, T, I]);
  idx.forEach((n, b) => {
    inputs.data.set(
      data.x.data.subarray(n * T * I, (n + 1) * T * I),
      b * T * I,
    );
  });
  return { inputs, labels: Int32Array.from(idx, (n) => data.labels[n]) };
}
