/**
 * Our engine on the benchmark workloads, called through its public API (src/engine/index.ts) the way a code
 * cell in chapter 5 would: nn.LSTM + nn.Linear, crossEntropy on every step, Adam, loss.backward().
 * Generation uses the LSTM's tape-free stepper and the head's allocation-free Linear.forwardInto.
 *
 * Both feed one-hot characters, as the peer does. The engine notices one-hot rows and reads W_ih·x_t as a column
 * of W_ih (and accumulates ∂W_ih by columns) instead of multiplying by zeros; results equal the dense product,
 * and the FLOP count in workloads.ts still charges the dense product, so GFLOP/s stays comparable.
 */
import { Rng } from '../src/engine/index.ts';
import { sampleFromProbs } from './sample.ts';
import { randomBatch, type GenerateWorkload, type Runner, type TrainWorkload } from './workloads.ts';

// The pieces the benchmark needs, looked up by name so that a missing export is reported, not a crash.
type Api = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const NEEDED: Record<'train' | 'generate', string[]> = {
  train: ['tensor', 'reshape', 'crossEntropy', 'LSTM', 'Linear', 'Adam', 'Embedding'],
  generate: ['LSTM', 'Linear'],
};

export async function loadEngine(): Promise<Api> {
  return await import('../src/engine/index.ts');
}

/** Names a workload kind needs that the public API does not export (yet). */
export function missingExports(api: Api, kind: 'train' | 'generate'): string[] {
  return NEEDED[kind].filter((k) => !(k in api));
}

export function oursTrainRunner(api: Api, w: TrainWorkload, seed: number, dtype: 'float32' | 'float64' = 'float32'): Runner {
  const { tensor, reshape, crossEntropy, LSTM, Linear, Adam, Embedding } = api;
  const rng = new Rng(seed);
  const { ids, targets } = randomBatch(w, rng); // [B, T] row-major, like the tfjs side
  const { batch: B, steps: T, vocab: V, hidden: H } = w;
  // Time-major [T, B] ids (W4's embedding) or [T, B, V] one-hot rows (W1, W2), and [T·B] targets.
  const idsTM = new Int32Array(T * B);
  const y = new Int32Array(T * B);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      idsTM[t * B + b] = ids[b * T + t];
      y[t * B + b] = targets[b * T + t];
    }
  }
  const embed = w.embed ? new Embedding({ numEmbeddings: V, embeddingDim: w.embed, rng, dtype }) : null;
  let xs = null;
  if (!embed) {
    const x = new (dtype === 'float64' ? Float64Array : Float32Array)(T * B * V);
    for (let r = 0; r < T * B; r++) x[r * V + idsTM[r]] = 1;
    xs = tensor(x, { shape: [T, B, V], dtype });
  }
  const lstm = new LSTM({ inputSize: w.embed ?? V, hiddenSize: H, numLayers: w.layers, rng, dtype });
  const head = new Linear({ inFeatures: H, outFeatures: V, rng, dtype });
  const params = [...(embed ? embed.parameters() : []), ...lstm.parameters(), ...head.parameters()];
  const opt = new Adam(params, { lr: 1e-3 });
  return {
    step() {
      opt.zeroGrad();
      const [out] = lstm.forward(embed ? embed.forward(idsTM, [T, B]) : xs); // [T, B, H]
      const logits = head.forward(reshape(out, [T * B, H])); // [T·B, V]
      const loss = crossEntropy(logits, y);
      loss.backward();
      opt.step();
      return loss.item();
    },
    dispose() {},
  };
}

export function oursGenerateRunner(api: Api, w: GenerateWorkload, seed: number): Runner {
  const { LSTM, Linear } = api;
  const rng = new Rng(seed);
  const { vocab: V, hidden: H } = w;
  const lstm = new LSTM({ inputSize: V, hiddenSize: H, numLayers: w.layers, rng });
  const head = new Linear({ inFeatures: H, outFeatures: V, rng });
  const logits = new Float32Array(V);
  const probs = new Float64Array(V);
  return {
    step() {
      const stepper = lstm.stepper();
      let idx = 0;
      let checksum = 0;
      for (let t = 0; t < w.chars; t++) {
        const h = stepper.stepIndex(idx); // [1, H]
        head.forwardInto(h, logits); // [1, V]
        softmaxInto(logits, probs);
        idx = sampleFromProbs(probs, rng);
        checksum += idx;
      }
      return checksum;
    },
    dispose() {},
  };
}

/** p = softmax(z), max-shifted. */
function softmaxInto(z: ArrayLike<number>, p: Float64Array): void {
  let max = -Infinity;
  for (let i = 0; i < p.length; i++) max = Math.max(max, z[i]);
  let s = 0;
  for (let i = 0; i < p.length; i++) s += p[i] = Math.exp(z[i] - max);
  for (let i = 0; i < p.length; i++) p[i] /= s;
}
