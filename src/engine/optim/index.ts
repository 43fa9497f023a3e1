/** Optimizers and gradient clipping with PyTorch's update rules. */
export { Optimizer, type OptimizerState } from './optimizer.ts';
export { SGD, type SGDOptions } from './sgd.ts';
export { RMSprop, type RMSpropOptions } from './rmsprop.ts';
export { Adam, AdamW, type AdamOptions } from './adam.ts';
export { clipGradNorm, gradNorm } from './clip.ts';
