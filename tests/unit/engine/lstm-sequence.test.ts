/**
 * The raw LSTM sequence kernels: one-hot fast path equals the dense products; the float32 WebAssembly layer
 * equals the JavaScript one; workspace reuse and memory; NaN semantics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LstmSequenceWorkspace, lstmSequenceForward, lstmSequenceBackward } from '../../../src/engine/kernels/lstm-sequence.ts';
import { Rng, LSTM, Linear, reshape, crossEntropy, zeros, tensor } from '../../../src/engine/index.ts';
import { blockBytesInUse, setSimdEnabled } from '../../../src/engine/kernels/wasm-heap.ts';
import { gradcheck } from './gradcheck.ts';
import { relError } from './compare.ts';

function run(
  float64: boolean, allowOneHot: boolean, xFill: (x: Float32Array | Float64Array) => void,
  { wasm = true, H = 4, dOutFill = (_: Float32Array | Float64Array) => {} } = {},
) {
  const T = 5;
  const B = 3;
  const I = 7;
  const rng = new Rng(21);
  const alloc = (n: number): Float32Array | Float64Array => (float64 ? new Float64Array(n) : new Float32Array(n));
  const u = (n: number) => {
    const a = alloc(n);
    for (let k = 0; k < n; k++) a[k] = rng.uniform(-0.7, 0.7);
    return a;
  };
  const wIh = u(4 * H * I);
  const wHh = u(4 * H * H);
  const bIh = u(4 * H);
  const bHh = u(4 * H);
  setSimdEnabled(wasm);
  try {
    const ws = new LstmSequenceWorkspace(float64, T, B, I, H);
    ws.allowOneHot = allowOneHot;
    xFill(ws.x);
    ws.h.set(u(B * H));
    ws.c.set(u(B * H));
    lstmSequenceForward(ws, wIh, wHh, bIh, bHh);
    const grads = { dx: alloc(T * B * I), dh0: alloc(B * H), dc0: alloc(B * H), dWih: alloc(4 * H * I), dWhh: alloc(4 * H * H), dbIh: alloc(4 * H), dbHh: alloc(4 * H) };
    const dOut = u(T * B * H);
    dOutFill(dOut);
    lstmSequenceBackward(ws, wIh, wHh, dOut, u(B * H), u(B * H), grads);
    return { ws, grads, h: ws.h.slice(), c: ws.c.slice(), used: ws.usedOneHot, simd: ws.simd !== null };
  } finally {
    setSimdEnabled(true);
  }
}

const oneHot = (x: Float32Array | Float64Array) => {
  for (let r = 0; r < x.length / 7; r++) x[r * 7 + ((r * 3) % 7)] = 1;
};

for (const float64 of [true, false]) {
  test(`one-hot inputs: the column-read path equals the dense products (${float64 ? 'float64' : 'float32'})`, () => {
    const fast = run(float64, true, oneHot);
    const dense = run(float64, false, oneHot);
    assert.equal(fast.used, true);
    assert.equal(dense.used, false);
    const tol = float64 ? 1e-13 : 1e-6;
    const near = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
      for (let k = 0; k < b.length; k++) assert.ok(Math.abs(a[k] - b[k]) <= tol * Math.max(1, Math.abs(b[k])), `${what}[${k}]: ${a[k]} vs ${b[k]}`);
    };
    near(fast.h, dense.h, 'h');
    for (const key of Object.keys(dense.grads) as (keyof typeof dense.grads)[]) near(fast.grads[key], dense.grads[key], key);
  });
}

for (const [label, xFill] of [['one-hot', oneHot], ['dense', (x: Float32Array | Float64Array) => x.forEach((_, k) => (x[k] = Math.sin(k)))]] as const) {
  for (const H of [4, 5]) {
    test(`float32, ${label} input, H = ${H}: the WebAssembly layer equals the JavaScript layer within float32 tolerance (1e-4)`, () => {
      const w = run(false, true, xFill, { wasm: true, H });
      const js = run(false, true, xFill, { wasm: false, H });
      assert.equal(w.simd, true, 'float32 workspaces use the WebAssembly module in Node');
      assert.equal(js.simd, false);
      assert.equal(w.used, js.used);
      const check = (got: ArrayLike<number>, want: ArrayLike<number>, what: string) => {
        const { max, at } = relError(got, want, 1e-3);
        assert.ok(max <= 1e-4, `${what}: relative difference ${max} at ${at} (${got[at]} vs ${want[at]})`);
      };
      check(w.h, js.h, 'h');
      check(w.c, js.c, 'C');
      for (const key of Object.keys(js.grads) as (keyof typeof js.grads)[]) check(w.grads[key], js.grads[key], key);
    });
  }
}

test('float32 WebAssembly layer: a non-finite ∂z gives the dense product\'s NaN columns of ∂W_ih, as in JavaScript', () => {
  const nanOut = (d: Float32Array | Float64Array) => (d[5] = Number.NaN);
  const w = run(false, true, oneHot, { wasm: true, dOutFill: nanOut });
  const js = run(false, true, oneHot, { wasm: false, dOutFill: nanOut });
  assert.equal(w.used, true);
  const nans = (a: ArrayLike<number>) => Array.from(a, (v) => Number.isNaN(v));
  assert.ok(nans(js.grads.dWih).some(Boolean), 'the NaN reaches ∂W_ih');
  assert.deepEqual(nans(w.grads.dWih), nans(js.grads.dWih));
  assert.deepEqual(nans(w.grads.dbIh), nans(js.grads.dbIh));
});

test('a float32 workspace takes its buffers from WebAssembly memory and gives them back on dispose', () => {
  const before = blockBytesInUse();
  const a = new LstmSequenceWorkspace(false, 64, 32, 65, 128);
  const b = new LstmSequenceWorkspace(false, 3, 2, 5, 4);
  assert.ok(blockBytesInUse() >= before + 4 * 64 * 32 * 512, 'the gates alone take T·B·4H floats');
  a.dispose();
  b.dispose();
  assert.equal(blockBytesInUse(), before);
  const c = new LstmSequenceWorkspace(false, 64, 32, 65, 128); // reuses the freed space
  c.dispose();
  assert.equal(blockBytesInUse(), before);
});

test('inputs that are not one-hot take the dense path', () => {
  assert.equal(run(true, true, (x) => x.fill(0.5)).used, false);
  assert.equal(run(true, true, (x) => { oneHot(x); x[3] = 2; }).used, false); // a 2 is not one-hot
  assert.equal(run(true, true, (x) => { oneHot(x); x[1] = 1; }).used, false); // two ones in a row
  assert.equal(run(true, true, () => {}).used, false); // an all-zero row
});

for (const dtype of ['float64', 'float32'] as const) {
  test(`a NaN weight reaches every gate exactly as the dense product would (0 · NaN = NaN, ${dtype})`, () => {
    const lstm = new LSTM({ inputSize: 3, hiddenSize: 2, rng: new Rng(1), dtype });
    lstm.layerWeights(0).weightIh.data[2] = Number.NaN; // row 0 (gate i, unit 0), column 2
    const x = zeros([2, 1, 3], { dtype });
    x.data[0] = 1; // one-hot at column 0 for both steps
    x.data[3] = 1;
    const [out] = lstm.forward(x);
    assert.ok(Number.isNaN(out.data[0]), 'dense semantics: the NaN in column 2 still multiplies the 0 of x');
  });
}

test('gradcheck: character model on one-hot inputs (column-read path) is exact', () => {
  const rng = new Rng(4);
  const V = 5;
  const lstm = new LSTM({ inputSize: V, hiddenSize: 3, numLayers: 2, rng, dtype: 'float64' });
  const fc = new Linear({ inFeatures: 3, outFeatures: V, rng, dtype: 'float64' });
  const ids = [0, 3, 3, 1, 4, 2];
  const x = zeros([3, 2, V], { dtype: 'float64' });
  ids.forEach((id, r) => (x.data[r * V + id] = 1));
  const res = gradcheck(() => {
    const [out] = lstm.forward(x);
    return crossEntropy(reshape(fc.forward(out), [-1, V]), [1, 2, 0, 4, 4, 3]);
  }, [...lstm.parameters(), ...fc.parameters()]);
  assert.ok(res.maxRelError <= 1e-6, `${res.maxRelError} ${res.worst}`);
  // And through x itself (∂x uses the dense product even on the one-hot path).
  const xg = tensor(x.data, { shape: x.shape, dtype: 'float64', requiresGrad: true });
  const res2 = gradcheck((xx) => lstm.forward(xx)[0], [xg]);
  assert.ok(res2.maxRelError <= 1e-6, `${res2.maxRelError} ${res2.worst}`);
});

test('float32 at training size (products large enough for the fast gemm paths) agrees with float64', () => {
  const V = 65;
  const H = 64;
  const B = 16;
  const T = 24;
  const m64 = new LSTM({ inputSize: V, hiddenSize: H, numLayers: 2, rng: new Rng(31), dtype: 'float64' });
  const fc64 = new Linear({ inFeatures: H, outFeatures: V, rng: new Rng(32), dtype: 'float64' });
  const m32 = new LSTM({ inputSize: V, hiddenSize: H, numLayers: 2, rng: new Rng(0) });
  const fc32 = new Linear({ inFeatures: H, outFeatures: V, rng: new Rng(0) });
  m32.loadStateDict(m64.stateDict());
  fc32.loadStateDict(fc64.stateDict());
  const ids = Array.from({ length: T * B }, (_, k) => (k * 7 + 3) % V);
  const targets = ids.map((id) => (id * 5 + 1) % V);
  const run = (lstm: LSTM, fc: Linear, dtype: 'float32' | 'float64') => {
    const x = zeros([T, B, V], { dtype });
    ids.forEach((id, r) => (x.data[r * V + id] = 1));
    const [out] = lstm.forward(x);
    const loss = crossEntropy(reshape(fc.forward(out), [-1, V]), targets);
    loss.backward();
    return { loss: loss.item(), grads: [...lstm.parameters(), ...fc.parameters()].map((p) => p.grad!.data) };
  };
  const a = run(m64, fc64, 'float64');
  const b = run(m32, fc32, 'float32');
  assert.ok(Math.abs(a.loss - b.loss) / a.loss < 1e-5, `loss ${b.loss} vs ${a.loss}`);
  a.grads.forEach((g64, p) => {
    const g32 = b.grads[p];
    const scale = Math.max(...Array.from(g64, Math.abs));
    let worst = 0;
    for (let k = 0; k < g64.length; k++) worst = Math.max(worst, Math.abs(g32[k] - g64[k]) / Math.max(Math.abs(g64[k]), 1e-3 * scale));
    assert.ok(worst < 1e-4, `parameter ${p}: worst relative difference ${worst}`);
  });
});

test('float32 generation step on the WebAssembly module reproduces LSTM.forward (2 layers, H = 5, one-hot and dense input)', () => {
  const V = 6;
  const H = 5;
  const lstm = new LSTM({ inputSize: V, hiddenSize: H, numLayers: 2, rng: new Rng(12) });
  const ids = [3, 0, 5, 5, 1, 2];
  const x = zeros([ids.length, 1, V]);
  ids.forEach((id, t) => (x.data[t * V + id] = 1));
  const [out] = lstm.forward(x);
  const byId = lstm.stepper();
  const dense = lstm.stepper();
  ids.forEach((id, t) => {
    const h = byId.stepIndex(id);
    const h2 = dense.step(x.data.subarray(t * V, t * V + V));
    for (let j = 0; j < H; j++) {
      const want = out.data[t * H + j];
      assert.ok(Math.abs(h[j] - want) <= 1e-6, `one-hot step ${t} unit ${j}: ${h[j]} vs ${want}`);
      assert.ok(Math.abs(h2[j] - want) <= 1e-6, `dense step ${t} unit ${j}: ${h2[j]} vs ${want}`);
    }
  });
});
