/** Public entry point of the Cell State engine. */
export { Rng } from './rng.ts';
export { sigmoid, tanh, dsigmoid, dtanh } from './activations.ts';
export { lstmStep } from './lstm-step.ts';
export type { LstmStepParams, LstmStepResult } from './lstm-step.ts';
