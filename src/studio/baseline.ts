/**
 * A unigram model as the baseline a character LSTM must beat: p(c) = (count of c in the training text + 1) /
 * (n + V), the same for every position, context ignored (add-one smoothing, so a character unseen in training
 * still gets a finite loss). Its cross-entropy on held-out text is what "knowing only how frequent each
 * character is" is worth; everything the LSTM gets below it comes from context.
 */

/** Mean −log₂ p(target) under the unigram model of `trainIds`, over `targets` (ids in [0, V)). */
export function unigramBits(trainIds: ArrayLike<number>, targets: ArrayLike<number>, V: number): number {
  if (targets.length === 0) throw new Error('unigramBits: targets expected at least one id, got none');
  const counts = new Float64Array(V);
  for (let k = 0; k < trainIds.length; k++) counts[trainIds[k]]++;
  const total = trainIds.length + V;
  let bits = 0;
  for (let k = 0; k < targets.length; k++) bits -= Math.log2((counts[targets[k]] + 1) / total);
  return bits / targets.length;
}
