/**
 * Parity with PyTorch 1.13: the same state dicts and inputs give the same outputs, final states, parameter
 * gradients and input gradients. Fixtures come from scripts/torch_reference.py (float64); each case runs on
 * every kernel path: float64 (relative error ≤ 1e-10), float32 on the WebAssembly SIMD kernels and float32 in
 * plain JavaScript (setSimdEnabled(false)), both ≤ 1e-4.
 */
import { test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  Rng, Tensor, LSTM, LSTMCell, RNN, GRU, Embedding, Linear, Module, add, mul, sum, reshape, slice, crossEntropy, tensor, zeros,
  type DType,
} from '../../../src/engine/index.ts';
import { setSimdEnabled, simdStatus } from '../../../src/engine/kernels/wasm-heap.ts';
import { assertClose, fromRef, worstSeen, TOLERANCE, type Ref, type Tolerance } from './compare.ts';

interface Fixture {
  config: Record<string, number | boolean>;
  stateDict: Record<string, Ref>;
  inputs: Record<string, Ref>;
  lossWeights: Record<string, Ref>;
  outputs: Record<string, Ref> & { loss?: number };
  grads: Record<string, Ref>;
  inputGrads: Record<string, Ref>;
  retainedGrads?: Record<string, Ref>;
}

function load(name: string): Fixture {
  const path = fileURLToPath(new URL(`../../fixtures/torch/${name}.json`, import.meta.url));
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

/** Kernel paths: the dtype, and whether float32 may use the WebAssembly module. */
const PATHS: { path: string; dtype: DType; wasm: boolean }[] = [
  { path: 'float64', dtype: 'float64', wasm: true },
  { path: 'float32', dtype: 'float32', wasm: true },
  { path: 'float32-js', dtype: 'float32', wasm: false },
];

nodeTest('the WebAssembly SIMD module loads in Node (so the float32 path above is the wasm one)', () => {
  assert.equal(simdStatus(), 'ready');
});

/** Σ_k Σ out_k ⊙ R_k, the scalar loss the generator used. */
function weightedLoss(pairs: [Tensor, Ref][], dtype: DType): Tensor {
  return pairs.map(([o, r]) => sum(mul(o, fromRef(r, dtype)))).reduce((a, b) => add(a, b));
}

function checkGrads(label: string, m: Module, f: Fixture, inputs: Record<string, Tensor>, tol: Tolerance): void {
  const named = new Map(m.namedParameters());
  for (const [name, ref] of Object.entries(f.grads)) {
    const p = named.get(name);
    if (!p) throw new Error(`${label}: parameter ${name} missing in the engine module`);
    assertClose(`${label} grad ${name}`, p.grad!, ref, tol);
  }
  for (const [name, ref] of Object.entries(f.inputGrads ?? {})) assertClose(`${label} grad ${name}`, inputs[name].grad!, ref, tol);
}

for (const { path, dtype, wasm } of PATHS) {
  const tol = TOLERANCE[dtype];
  /** A test run with the path's kernels switched on, and the module switched back on afterwards. */
  const test = (name: string, fn: () => void) =>
    nodeTest(name, () => {
      setSimdEnabled(wasm);
      try {
        fn();
      } finally {
        setSimdEnabled(true);
      }
    });

  test(`LSTMCell matches PyTorch (${path})`, () => {
    const f = load('lstm_cell');
    const cell = new LSTMCell({ inputSize: 3, hiddenSize: 4, rng: new Rng(0), dtype });
    cell.loadStateDict(f.stateDict);
    const x = fromRef(f.inputs.x, dtype, true);
    const h0 = fromRef(f.inputs.h0, dtype, true);
    const c0 = fromRef(f.inputs.c0, dtype, true);
    const [h, c] = cell.forward(x, [h0, c0]);
    assertClose(`lstm_cell:${path} h`, h, f.outputs.h, tol);
    assertClose(`lstm_cell:${path} c`, c, f.outputs.c, tol);
    weightedLoss([[h, f.lossWeights.h], [c, f.lossWeights.c]], dtype).backward();
    checkGrads(`lstm_cell:${path}`, cell, f, { x, h0, c0 }, tol);
  });

  test(`LSTMCell stepped by hand: c.retainGrad() is PyTorch's full ∂L/∂C_t at every step (${path})`, () => {
    const f = load('lstm_cell_chain');
    const { inputSize: I, hiddenSize: H, batch: B, steps: T } = f.config as Record<string, number>;
    const cell = new LSTMCell({ inputSize: I, hiddenSize: H, rng: new Rng(0), dtype });
    cell.loadStateDict(f.stateDict);
    const x = fromRef(f.inputs.x, dtype, true); // [T, B, I]
    const R = fromRef(f.lossWeights.h, dtype); // [T, B, H]
    let h = zeros([B, H], { dtype });
    let c = zeros([B, H], { dtype });
    const hs: Tensor[] = [];
    const cs: Tensor[] = [];
    for (let t = 0; t < T; t++) {
      [h, c] = cell.forward(reshape(slice(x, 0, t, t + 1), [B, I]), [h, c]);
      hs.push(h.retainGrad());
      cs.push(c.retainGrad());
    }
    // L = Σ_t Σ h_t ⊙ R_t, as the generator computed it.
    hs.map((ht, t) => sum(mul(ht, reshape(slice(R, 0, t, t + 1), [B, H])))).reduce((a, b) => add(a, b)).backward();
    // C_T reaches L only through h_T: without that path its gradient would be missing (null).
    assert.ok(cs[T - 1].grad !== null, 'C_T has a gradient');
    const stack = (ts: Tensor[]) => ts.flatMap((t) => Array.from(t.grad!.data));
    assertClose(`lstm_cell_chain:${path} c.grad`, stack(cs), f.retainedGrads!.c, tol);
    assertClose(`lstm_cell_chain:${path} h.grad`, stack(hs), f.retainedGrads!.h, tol);
    assertClose(`lstm_cell_chain:${path} h`, hs.flatMap((t) => Array.from(t.data)), f.outputs.h, tol);
    checkGrads(`lstm_cell_chain:${path}`, cell, f, { x }, tol);
  });

  for (const name of ['lstm_1layer', 'lstm_2layer']) {
    test(`${name} (batch first) matches PyTorch (${path})`, () => {
      const f = load(name);
      const { inputSize, hiddenSize, numLayers } = f.config as Record<string, number>;
      const lstm = new LSTM({ inputSize, hiddenSize, numLayers, batchFirst: true, rng: new Rng(0), dtype });
      lstm.loadStateDict(f.stateDict);
      const x = fromRef(f.inputs.x, dtype, true);
      const h0 = fromRef(f.inputs.h0, dtype, true);
      const c0 = fromRef(f.inputs.c0, dtype, true);
      const [out, [hN, cN]] = lstm.forward(x, [h0, c0]);
      assertClose(`${name}:${path} out`, out, f.outputs.out, tol);
      assertClose(`${name}:${path} hN`, hN, f.outputs.hN, tol);
      assertClose(`${name}:${path} cN`, cN, f.outputs.cN, tol);
      weightedLoss([[out, f.lossWeights.out], [hN, f.lossWeights.h], [cN, f.lossWeights.c]], dtype).backward();
      checkGrads(`${name}:${path}`, lstm, f, { x, h0, c0 }, tol);
    });
  }

  for (const [name, Layer] of [['rnn', RNN], ['gru', GRU]] as const) {
    test(`${name.toUpperCase()} (2 layers, batch first) matches PyTorch (${path})`, () => {
      const f = load(name);
      const { inputSize, hiddenSize, numLayers } = f.config as Record<string, number>;
      const net = new Layer({ inputSize, hiddenSize, numLayers, batchFirst: true, rng: new Rng(0), dtype });
      net.loadStateDict(f.stateDict);
      const x = fromRef(f.inputs.x, dtype, true);
      const h0 = fromRef(f.inputs.h0, dtype, true);
      const [out, hN] = net.forward(x, h0);
      assertClose(`${name}:${path} out`, out, f.outputs.out, tol);
      assertClose(`${name}:${path} hN`, hN, f.outputs.hN, tol);
      weightedLoss([[out, f.lossWeights.out], [hN, f.lossWeights.h]], dtype).backward();
      checkGrads(`${name}:${path}`, net, f, { x, h0 }, tol);
    });
  }

  test(`Embedding → LSTM → Linear character model with cross-entropy matches PyTorch (${path})`, () => {
    const f = load('char_model');
    const { vocabSize: V, embeddingDim: E, hiddenSize: H, numLayers: L, batch: B, steps: T } = f.config as Record<string, number>;
    const rng = new Rng(0);
    class CharModel extends Module {
      embed = new Embedding({ numEmbeddings: V, embeddingDim: E, rng, dtype });
      lstm = new LSTM({ inputSize: E, hiddenSize: H, numLayers: L, batchFirst: true, rng, dtype });
      fc = new Linear({ inFeatures: H, outFeatures: V, rng, dtype });
    }
    const model = new CharModel();
    model.loadStateDict(f.stateDict);
    const [out, [hN, cN]] = model.lstm.forward(model.embed.forward(Int32Array.from(f.inputs.ids.data), [B, T]));
    const logits = model.fc.forward(out);
    assertClose(`char_model:${path} logits`, logits, f.outputs.logits, tol);
    assertClose(`char_model:${path} hN`, hN, f.outputs.hN, tol);
    assertClose(`char_model:${path} cN`, cN, f.outputs.cN, tol);
    const loss = crossEntropy(reshape(logits, [-1, V]), f.inputs.targets.data);
    assertClose(`char_model:${path} loss`, [loss.item()], { shape: [1], data: [f.outputs.loss as number] }, tol);
    loss.backward();
    checkGrads(`char_model:${path}`, model, f, {}, tol);
  });

  test(`cross-entropy with one-hot targets matches PyTorch (${path})`, () => {
    const f = load('cross_entropy_one_hot');
    const logits = fromRef(f.inputs.logits, dtype, true);
    const loss = crossEntropy(logits, tensor(f.inputs.target.data, { shape: f.inputs.target.shape, dtype }));
    assertClose(`cross_entropy:${path} loss`, [loss.item()], { shape: [1], data: [f.outputs.loss as number] }, tol);
    loss.backward();
    assertClose(`cross_entropy:${path} grad logits`, logits.grad!, f.inputGrads.logits, tol);
  });
}

nodeTest('report: largest relative error per fixture and dtype', () => {
  for (const [k, v] of [...worstSeen].sort()) console.log(`# parity ${k}: max relative error ${v.toExponential(2)}`);
});
