import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tensor, type Tensor } from '../../../src/engine/tensor.ts';
import { Adam, AdamW } from '../../../src/engine/optim/index.ts';
import { setSimdEnabled, simdStatus } from '../../../src/engine/kernels/wasm-heap.ts';

/** Float32 parameters of several sizes (one of them not a multiple of 4) with gradients, from a seed. */
function params(seed: number): Tensor[] {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 31 - 1);
  return [1, 7, 130, 4099].map((n) => {
    const p = tensor(Float32Array.from({ length: n }, next), { shape: [n], requiresGrad: true });
    // Gradients over several orders of magnitude, so that √v, ε and the rounding of m and v all matter.
    p.grad = tensor(Float32Array.from({ length: n }, (_, j) => next() * 10 ** -(j % 9)), { shape: [n] });
    return p;
  });
}

/** Bits of every parameter after `steps` steps of a fresh optimizer, with the module on or off. */
function run(make: (ps: Tensor[]) => { step(): void }, simd: boolean, steps: number): Uint32Array[] {
  setSimdEnabled(simd);
  try {
    const ps = params(11);
    const opt = make(ps);
    for (let t = 0; t < steps; t++) {
      opt.step();
      for (const p of ps) for (let j = 0; j < p.grad!.data.length; j++) p.grad!.data[j] *= -0.75; // a new gradient
    }
    return ps.map((p) => new Uint32Array(new Float32Array(p.data).buffer));
  } finally {
    setSimdEnabled(true);
  }
}

const cases: [string, (ps: Tensor[]) => { step(): void }][] = [
  ['Adam', (ps) => new Adam(ps, { lr: 3e-3 })],
  ['Adam with L2 weight decay', (ps) => new Adam(ps, { lr: 1e-2, weightDecay: 0.1, betas: [0.8, 0.99], eps: 1e-6 })],
  ['AdamW', (ps) => new AdamW(ps, { lr: 1e-2, weightDecay: 0.05 })],
];

for (const [name, make] of cases) {
  test(`${name} on float32: the WebAssembly update gives the bits of the JavaScript loop over 25 steps`, () => {
    assert.equal(simdStatus(), 'ready');
    const js = run(make, false, 25);
    const wasm = run(make, true, 25);
    const moved = run(make, true, 0);
    js.forEach((bits, k) => {
      assert.deepEqual(wasm[k], bits, `parameter ${k} (${bits.length} entries)`);
      assert.notDeepEqual(bits, moved[k], `parameter ${k} did not change, so the test would prove nothing`);
    });
  });
}
