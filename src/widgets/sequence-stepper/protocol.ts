/** Messages between the sequence stepper and its service in the compute worker (sequence-stepper.service.ts). */
import { hasType } from '../runtime/envelope.ts';
import type { TraceRequest, TraceResult } from './model.ts';

/** Trace a whole sequence (the latch on a seed's pulse train, or the character model on a text). */
export type StepperCommand = { type: 'trace'; request: TraceRequest };
/** The trace, every step's gates and states; a failure (the checkpoint would not load) faults the run. */
export type StepperEvent = { type: 'trace' } & TraceResult;

export const isStepperCommand = hasType<StepperCommand>(['trace']);
export const isStepperEvent = hasType<StepperEvent>(['trace']);
