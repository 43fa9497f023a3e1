/** The Keras-shaped façade: sequential, lstm, dense, Keras initialisers and weight conversion. */
export { sequential, Sequential, History, type CompileOptions, type FitOptions, type EpochLogs, type SequentialOptions, type KerasLoss } from './sequential.ts';
export { lstm, dense, KerasLayer, KerasLSTM, KerasDense, type KerasShape, type KerasWeight, type DenseActivation, type LstmLayerOptions, type DenseLayerOptions } from './layers.ts';
export { glorotUniform, orthogonal, lstmBias } from './initializers.ts';
export { kerasLstmToTorch, torchLstmToKeras, type KerasLstmWeights, type TorchLstmWeights } from './convert.ts';
