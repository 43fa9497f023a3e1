// Sampling with temperature τ: p_k = exp(z_k / τ) / Σ_j exp(z_j / τ).
import { Rng, samplingDistribution, sampleIndex } from 'cell-state';

const letters = ['e', 't', 'a', 'o', ' '];
const logits = [2.0, 1.0, 0.5, 0.2, -1.0];   // z: the model's scores for the next character

function softmaxByHand(z: number[], τ: number): number[] {
  const m = Math.max(...z);                  // subtract the largest score so exp never overflows
  const e = z.map((v) => Math.exp((v - m) / τ));
  const total = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / total);
}

for (const τ of [0.25, 1, 2]) {
  const p = samplingDistribution(logits, { temperature: τ });
  const mine = softmaxByHand(logits, τ);
  const gap = Math.max(...mine.map((v, k) => Math.abs(v - p[k])));
  console.log(`τ = ${τ}:`, letters.map((ch, k) => `'${ch}' ${p[k].toFixed(3)}`).join('  '), ` (by hand: ±${gap.toExponential(0)})`);
}

// Thirty draws at each temperature, same seed: low τ repeats the favourite, high τ wanders.
for (const τ of [0.25, 1, 2]) {
  const rng = new Rng(5);
  let text = '';
  for (let n = 0; n < 30; n++) text += letters[sampleIndex(logits, { temperature: τ, rng })];
  console.log(`τ = ${τ}: "${text}"`);
}
