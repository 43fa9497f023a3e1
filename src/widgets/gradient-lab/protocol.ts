/** Messages between the gradient lab and its service in the compute worker (gradient-lab.service.ts). */
import { hasType } from '../runtime/envelope.ts';
import type { GradientResult, GradientSettings } from './model.ts';

/** Compute both models' gradients for these settings (settings the model rejects make the run fault). */
export type LabCommand = { type: 'compute'; settings: GradientSettings };
export type LabEvent = { type: 'result'; settings: GradientSettings; result: GradientResult; ms: number };

export const isLabCommand = hasType<LabCommand>(['compute']);
export const isLabEvent = hasType<LabEvent>(['result']);
