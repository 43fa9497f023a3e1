/** Messages between the gradient lab and its service in the compute worker (gradient-lab.service.ts). */
import { hasType } from '../runtime/envelope.ts';
import type { GradientResult, GradientSettings } from './model.ts';

export type LabCommand = { type: 'compute'; settings: GradientSettings };
export type LabEvent = { type: 'result'; settings: GradientSettings; result: GradientResult; ms: number } | { type: 'error'; message: string };

export const isLabCommand = hasType<LabCommand>(['compute']);
export const isLabEvent = hasType<LabEvent>(['result', 'error']);
