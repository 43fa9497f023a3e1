/** Public entry point of the Cell State engine. */
export { Rng } from './rng.ts';
// sigmoid and tanh accept a number (→ number) or a Tensor (→ Tensor, recorded on the tape).
export { sigmoid, tanh } from './ops/activation.ts';
export { dsigmoid, dtanh } from './activations.ts';
export { lstmStep } from './lstm-step.ts';
export type { LstmStepParams, LstmStepResult } from './lstm-step.ts';

// Tensors and autograd
export { Tensor, tensor, zeros, ones, randn } from './tensor.ts';
export type { DType, FloatArray, NestedArray, TensorOptions, CreateOptions } from './tensor.ts';
export { noGrad, isGradEnabled } from './autograd.ts';

// Ops (functional, recorded on the tape)
export { matmul, linear } from './ops/matmul.ts';
export { add, sub, mul } from './ops/elementwise.ts';
export { softmax, logSoftmax } from './ops/softmax.ts';
export { sum, mean } from './ops/reduce.ts';
export { reshape, concat, slice, transpose } from './ops/reshape.ts';
export { embedding } from './ops/embedding.ts';
export { crossEntropy } from './ops/cross-entropy.ts';
export { lstmLayer } from './ops/lstm-layer.ts';
export { rnnLayer } from './ops/rnn-layer.ts';
export type { Indices } from './ops/indices.ts';

// Layers (PyTorch names and layouts)
export { Module } from './nn/module.ts';
export type { StateDictValue } from './nn/module.ts';
export { Linear } from './nn/linear.ts';
export { Embedding } from './nn/embedding.ts';
export { LSTM } from './nn/lstm.ts';
export { LstmStepper } from './nn/lstm-stepper.ts';
export { LSTMCell } from './nn/lstm-cell.ts';
export { RNNCell } from './nn/rnn-cell.ts';
export { chronoInit } from './nn/chrono.ts';
export { lstmParameterCount, gruParameterCount, rnnParameterCount, linearParameterCount } from './nn/parameter-count.ts';
export type { RecurrentSize } from './nn/parameter-count.ts';
export { LstmVariant, LSTM_VARIANTS } from './nn/lstm-variant.ts';
export type { LstmVariantName, LstmVariantOptions, LstmVariantStep } from './nn/lstm-variant.ts';
export { RNN } from './nn/rnn.ts';
export { GRU } from './nn/gru.ts';
export { uniform_, normal_ } from './nn/init.ts';

// Optimizers and clipping (PyTorch's update rules)
export { Optimizer, SGD, RMSprop, Adam, AdamW, clipGradNorm, gradNorm } from './optim/index.ts';
export type { OptimizerState, SGDOptions, RMSpropOptions, AdamOptions } from './optim/index.ts';

// Text: vocabulary, batches, sampling, units
export { CharVocab } from './text/vocab.ts';
export { charBatches, streamBatches } from './text/batches.ts';
export type { CharBatch, CharBatchOptions } from './text/batches.ts';
export { sampleIndex, samplingDistribution, argmax } from './text/sampling.ts';
export type { SamplingOptions } from './text/sampling.ts';
export { generateText, GENERATE_MAX_LENGTH } from './text/generate.ts';
export type { GenerateOptions } from './text/generate.ts';
export { natsToBits, bitsToNats, perplexity } from './text/units.ts';

// Training utilities
export { trainStep } from './train/step.ts';
export { accuracy } from './train/metrics.ts';
export type { TrainStepOptions, TrainStepResult, TrainStepStatus } from './train/step.ts';
export { CharLSTM } from './train/char-model.ts';
export type { CharLSTMOptions } from './train/char-model.ts';
export { TbpttTrainer } from './train/tbptt.ts';
export type { TbpttOptions, TbpttStepResult } from './train/tbptt.ts';

// Keras-shaped façade
export { sequential, Sequential, History, lstm, dense, KerasLayer, KerasLSTM, KerasDense } from './keras/index.ts';
export { glorotUniform, orthogonal, lstmBias, kerasLstmToTorch, torchLstmToKeras } from './keras/index.ts';
export type {
  CompileOptions,
  FitOptions,
  EpochLogs,
  SequentialOptions,
  KerasLoss,
  KerasShape,
  KerasWeight,
  DenseActivation,
  LstmLayerOptions,
  DenseLayerOptions,
  KerasLstmWeights,
  TorchLstmWeights,
} from './keras/index.ts';
