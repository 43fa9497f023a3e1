/**
 * Loss units for language models (chapter 5.3, eq-bits-per-char).
 *
 * Cross-entropy computed with natural logarithms is in nats; dividing by ln 2 gives bits. A model's mean
 * cross-entropy per character in bits is its "bits per character" (bpc): a uniform guess over V characters
 * costs log2 V bits, a perfect model 0.
 */
import { exp as exactExp } from '../exact-math.ts';

/** Nats → bits: x / ln 2. */
export function natsToBits(nats: number): number {
  return nats / Math.LN2;
}

/** Bits → nats: x · ln 2. */
export function bitsToNats(bits: number): number {
  return bits * Math.LN2;
}

/** Perplexity e^{loss} of a mean cross-entropy in nats (the effective number of equally likely choices). */
export function perplexity(nats: number): number {
  return exactExp(nats);
}
