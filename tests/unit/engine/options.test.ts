/**
 * Options are checked by name and type: a misspelt option throws, naming it, the likely intended name and
 * the accepted ones, in every options-taking public API, instead of being ignored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Adam, AdamW, CharLSTM, CharVocab, Embedding, GRU, LSTM, LSTMCell, Linear, LstmVariant, RMSprop, RNN, RNNCell, Rng, SGD,
  TbpttTrainer, charBatches, dense, generateText, linearParameterCount, lstm, lstmParameterCount, sampleIndex,
  samplingDistribution, sequential, streamBatches, tensor, trainStep, zeros, type Tensor,
} from '../../../src/engine/index.ts';

const rng = () => new Rng(1);
const param = (): Tensor => tensor([1, 2], { requiresGrad: true });

test('a misspelt option names itself, the intended option and every accepted one', () => {
  assert.throws(() => new LSTM({ inputSize: 4, hiddenSize: 8, batch_first: true, rng: rng() } as never), {
    message: "LSTM: unknown option 'batch_first'; did you mean 'batchFirst'? Accepted: inputSize, hiddenSize, numLayers, batchFirst, rng, dtype",
  });
  assert.throws(() => new Adam([param()], { weight_decay: 0.5 } as never), {
    message: "Adam: unknown option 'weight_decay'; did you mean 'weightDecay'? Accepted: lr, betas, eps, weightDecay",
  });
  // A near miss by edit distance, and a name that resembles nothing.
  assert.throws(() => new SGD([param()], { lr: 0.1, momentun: 0.9 } as never), {
    message: "SGD: unknown option 'momentun'; did you mean 'momentum'? Accepted: lr, momentum, dampening, weightDecay, nesterov",
  });
  assert.throws(() => samplingDistribution([0, 1], { colour: 1 } as never), {
    message: "samplingDistribution: unknown option 'colour'. Accepted: temperature, topK, topP",
  });
  // Nested options are named with their parent.
  assert.throws(() => new LstmVariant({ inputSize: 2, hiddenSize: 3, variant: 'vanilla', rng: rng(), init: { chrono: 10 } } as never), {
    message: "LstmVariant: unknown option 'init.chrono'; did you mean 'init.chronoT'? Accepted: init.forgetBias, init.chronoT",
  });
});

test('a known option of the wrong type throws instead of being coerced', () => {
  assert.throws(() => new Adam([param()], { lr: 'abc' } as never), { message: "Adam: options.lr expected a number, got 'abc'" });
  assert.throws(() => new SGD([param()], { lr: '0.1' } as never), { message: "SGD: options.lr expected a number, got '0.1'" });
  assert.throws(() => new LSTM({ inputSize: 2, hiddenSize: 2, batchFirst: 'yes', rng: rng() } as never), {
    message: "LSTM: options.batchFirst expected true or false, got 'yes'",
  });
  assert.throws(() => new Adam([param()], { betas: 0.9 } as never), { message: 'Adam: options.betas expected an array, got 0.9' });
  assert.throws(() => new Linear(null as never), { message: 'Linear: options expected an object, got null' });
});

test('every options-taking public API rejects an unknown option by name', () => {
  const ids = Int32Array.from({ length: 40 }, (_, k) => k % 5);
  const vocab = CharVocab.fromText('abcde');
  const model = new CharLSTM({ vocabSize: 5, hiddenSize: 4, rng: rng() });
  const p = param();
  const bogus = { bogus: 1 };
  const calls: [string, () => unknown][] = [
    ['Linear', () => new Linear({ inFeatures: 2, outFeatures: 2, rng: rng(), ...bogus })],
    ['Embedding', () => new Embedding({ numEmbeddings: 2, embeddingDim: 2, rng: rng(), ...bogus })],
    ['RNN', () => new RNN({ inputSize: 2, hiddenSize: 2, rng: rng(), ...bogus })],
    ['RNNCell', () => new RNNCell({ inputSize: 2, hiddenSize: 2, rng: rng(), ...bogus })],
    ['LSTMCell', () => new LSTMCell({ inputSize: 2, hiddenSize: 2, rng: rng(), ...bogus })],
    ['LSTM', () => new LSTM({ inputSize: 2, hiddenSize: 2, rng: rng(), ...bogus })],
    ['GRU', () => new GRU({ inputSize: 2, hiddenSize: 2, rng: rng(), ...bogus })],
    ['LstmVariant', () => new LstmVariant({ inputSize: 2, hiddenSize: 2, variant: 'coupled', rng: rng(), ...bogus })],
    ['CharLSTM', () => new CharLSTM({ vocabSize: 5, hiddenSize: 2, rng: rng(), ...bogus })],
    ['SGD', () => new SGD([p], { lr: 0.1, ...bogus })],
    ['RMSprop', () => new RMSprop([p], bogus as never)],
    ['Adam', () => new Adam([p], bogus as never)],
    ['AdamW', () => new AdamW([p], bogus as never)],
    ['sequential', () => sequential([lstm(2)], { rng: rng(), ...bogus })],
    ['lstm', () => lstm(2, bogus as never)],
    ['dense', () => dense(2, bogus as never)],
    ['Sequential.compile', () => sequential([dense(2, { activation: 'softmax' })], { rng: rng() }).compile({ loss: 'categoricalCrossentropy', ...bogus })],
    ['Sequential.predict', () => sequential([dense(2, { inputShape: [2] })], { rng: rng() }).predict([[1, 2]], bogus as never)],
    ['sampleIndex', () => sampleIndex([0, 1], { rng: rng(), ...bogus })],
    ['samplingDistribution', () => samplingDistribution([0, 1], bogus as never)],
    ['generateText', () => generateText({ vocab, step: () => [0, 0, 0, 0, 1], seedText: 'a', length: 1, rng: rng(), ...bogus })],
    ['charBatches', () => charBatches(ids, { batchSize: 2, seqLen: 4, rng: rng(), ...bogus })],
    ['streamBatches', () => streamBatches(ids, { batchSize: 2, seqLen: 4, ...bogus })],
    ['trainStep', () => trainStep({ optimizer: new SGD([p], { lr: 0.1 }), forward: () => zeros([]), ...bogus })],
    ['TbpttTrainer', () => new TbpttTrainer({ model, optimizer: new Adam(model.parameters()), ids, batchSize: 2, seqLen: 4, ...bogus })],
    ['tensor', () => tensor([1], bogus as never)],
    ['zeros', () => zeros([1], bogus as never)],
    ['lstmParameterCount', () => lstmParameterCount({ inputSize: 1, hiddenSize: 1, ...bogus })],
    ['linearParameterCount', () => linearParameterCount({ inFeatures: 1, outFeatures: 1, ...bogus })],
    ['loadStateDict', () => new Linear({ inFeatures: 1, outFeatures: 1, rng: rng() }).loadStateDict({}, bogus as never)],
  ];
  for (const [fn, call] of calls) {
    assert.throws(call, (e: Error) => e.message.startsWith(`${fn}: unknown option 'bogus'. Accepted: `), fn);
  }
});

test('Sequential.fit rejects an unknown option before training', async () => {
  const m = sequential([dense(2, { inputShape: [2], activation: 'softmax' })], { rng: rng() });
  m.compile({ loss: 'sparseCategoricalCrossentropy', optimizer: 'sgd' });
  const before = m.exportKerasWeights();
  await assert.rejects(m.fit([[1, 2]], [0], { epoch: 3 } as never), {
    message: "Sequential.fit: unknown option 'epoch'; did you mean 'epochs'? Accepted: epochs, batchSize, validationSplit, validationData, shuffle, onEpochEnd, onBatchEnd",
  });
  assert.deepEqual(m.exportKerasWeights(), before);
});
