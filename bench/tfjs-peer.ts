/**
 * The peer: @tensorflow/tfjs 4.22 on its cpu backend (plain JavaScript kernels) and on
 * @tensorflow/tfjs-backend-wasm (XNNPACK compiled to WebAssembly, SIMD when the runtime has it).
 *
 * Training (W1, W2) uses tfjs's own layers API the way its documentation teaches: LSTM layers with
 * returnSequences, a dense layer over the last axis, softmax cross-entropy on logits, Adam, trainOnBatch.
 * Generation (W3) uses core ops (tf.basicLSTMCell, one fused gate product per step) inside tf.tidy, which is
 * faster in tfjs than calling model.predict once per character.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Rng } from '../src/engine/index.ts';
import { sampleFromProbs } from './sample.ts';
import { randomBatch, type GenerateWorkload, type Runner, type TrainWorkload } from './workloads.ts';

export { randomBatch, type Runner } from './workloads.ts';

export type TfBackend = 'cpu' | 'wasm';

let wasmPathsSet = false;

/**
 * Selects a tfjs backend. In Node the wasm backend reads its .wasm binaries with fs from the folder given to
 * setWasmPaths (here the package's own dist/ folder in node_modules); in a browser the same call takes a URL.
 */
export async function useTfBackend(name: TfBackend): Promise<{ simd: boolean; threads: boolean }> {
  if (name === 'wasm' && !wasmPathsSet) {
    const require = createRequire(import.meta.url);
    const pkg = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    setWasmPaths(path.join(pkg, 'dist') + path.sep);
    wasmPathsSet = true;
  }
  if (!(await tf.setBackend(name)) || tf.getBackend() !== name) throw new Error(`tfjs backend ${name} did not start`);
  await tf.ready();
  if (name !== 'wasm') return { simd: false, threads: false };
  return {
    simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
    threads: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
  };
}

export function tfTrainRunner(w: TrainWorkload, seed: number): Runner {
  const rng = new Rng(seed);
  const { ids, targets } = randomBatch(w, rng);
  // One-hot rows [B, T, V]. For an embedding (W4) they go through a dense layer without bias, which computes
  // the same x·E: the wasm backend has no kernel for the gradient of tf.layers.embedding (UnsortedSegmentSum).
  const x = tf.oneHot(tf.tensor2d(ids, [w.batch, w.steps], 'int32'), w.vocab).toFloat();
  const y = tf.oneHot(tf.tensor2d(targets, [w.batch, w.steps], 'int32'), w.vocab).toFloat();
  const model = tf.sequential();
  if (w.embed) model.add(tf.layers.dense({ units: w.embed, useBias: false, inputShape: [w.steps, w.vocab] }));
  for (let l = 0; l < w.layers; l++) {
    model.add(tf.layers.lstm({
      units: w.hidden,
      returnSequences: true,
      ...(l === 0 && !w.embed ? { inputShape: [w.steps, w.vocab] } : {}),
    }));
  }
  model.add(tf.layers.dense({ units: w.vocab }));
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: (yTrue: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, logits),
  });
  return {
    async step() {
      const loss = await model.trainOnBatch(x, y);
      return Array.isArray(loss) ? loss[0] : loss;
    },
    dispose() {
      model.dispose();
      x.dispose();
      y.dispose();
    },
  };
}

export function tfGenerateRunner(w: GenerateWorkload, seed: number): Runner {
  if (w.layers !== 1) throw new Error('tfGenerateRunner: one layer only');
  const rng = new Rng(seed);
  const H = w.hidden;
  const V = w.vocab;
  const bound = 1 / Math.sqrt(H);
  const init2 = (shape: [number, number]) => tf.randomUniform(shape, -bound, bound, 'float32', seed) as tf.Tensor2D;
  const init1 = (size: number) => tf.randomUniform([size], -bound, bound, 'float32', seed) as tf.Tensor1D;
  // basicLSTMCell: [x_t, h_{t−1}] · kernel + bias with kernel [(V + H), 4H].
  const kernel = init2([V + H, 4 * H]);
  const bias = init1(4 * H);
  const forgetBias = tf.scalar(0);
  const wDense = init2([H, V]);
  const bDense = init1(V);
  return {
    step() {
      let c: tf.Tensor2D = tf.zeros([1, H]);
      let h: tf.Tensor2D = tf.zeros([1, H]);
      let idx = 0;
      let checksum = 0;
      for (let t = 0; t < w.chars; t++) {
        const [c2, h2, probs] = tf.tidy(() => {
          const x = tf.oneHot(tf.tensor1d([idx], 'int32'), V).toFloat() as tf.Tensor2D;
          const [cNext, hNext] = tf.basicLSTMCell(forgetBias, kernel, bias, x, c, h);
          const p = tf.softmax(tf.add(tf.matMul(hNext, wDense), bDense));
          return [cNext, hNext, p] as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
        });
        c.dispose();
        h.dispose();
        c = c2;
        h = h2;
        idx = sampleFromProbs(probs.dataSync(), rng);
        probs.dispose();
        checksum += idx;
      }
      c.dispose();
      h.dispose();
      return checksum;
    },
    dispose() {
      for (const t of [kernel, bias, forgetBias, wDense, bDense]) t.dispose();
    },
  };
}

/** C = A · B (+ transposes) with tf.matMul, for the kernel micro-benchmark; returns a function doing one product. */
export function tfMatMul(m: number, n: number, k: number, transA: boolean, transB: boolean): Runner {
  const a = tf.randomUniform(transA ? [k, m] : [m, k], -1, 1, 'float32', 1);
  const b = tf.randomUniform(transB ? [n, k] : [k, n], -1, 1, 'float32', 2);
  return {
    step() {
      const c = tf.matMul(a, b, transA, transB);
      c.dataSync();
      c.dispose();
      return 0;
    },
    dispose() {
      a.dispose();
      b.dispose();
    },
  };
}
