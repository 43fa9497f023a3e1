/**
 * The benchmark's W1 training step (one-hot V = 65, one LSTM layer H = 128, B = 32, T = 64, dense head,
 * cross-entropy on every step, Adam) as a plain function of a seed, for the tests that compare kernel paths and
 * runtimes: Node's unit tests and a Chromium worker (tests/e2e/engine-bits.spec.ts bundles this file) must get
 * the same bits. Uses only the engine's public API and its seeded Rng.
 */
import { Adam, LSTM, Linear, Rng, crossEntropy, reshape, tensor, type DType, type Module } from '../../src/engine/index.ts';

export const W1 = { V: 65, H: 128, B: 32, T: 64 };

export interface W1Run {
  /** Loss of every step, in order. */
  losses: number[];
  /** FNV-1a hash of the bits of every parameter after the last step (hex). */
  paramsHash: string;
}

/** Trains W1 for `steps` steps from `seed` in `dtype`; the shape can be shrunk for quick checks. */
export function trainW1(steps: number, seed: number, dtype: DType, shape = W1): W1Run {
  const { V, H, B, T } = shape;
  const rng = new Rng(seed);
  const lstm = new LSTM({ inputSize: V, hiddenSize: H, rng, dtype });
  const head = new Linear({ inFeatures: H, outFeatures: V, rng, dtype });
  const x = new (dtype === 'float64' ? Float64Array : Float32Array)(T * B * V);
  const y = new Int32Array(T * B);
  for (let r = 0; r < T * B; r++) {
    x[r * V + rng.int(V)] = 1;
    y[r] = rng.int(V);
  }
  const xs = tensor(x, { shape: [T, B, V], dtype });
  const params = [...lstm.parameters(), ...head.parameters()];
  const opt = new Adam(params, { lr: 1e-3 });
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    opt.zeroGrad();
    const [out] = lstm.forward(xs);
    const loss = crossEntropy(head.forward(reshape(out, [T * B, H])), y);
    loss.backward();
    opt.step();
    losses.push(loss.item());
  }
  return { losses, paramsHash: hashParams([lstm, head]) };
}

function hashParams(modules: Module[]): string {
  let h = 0x811c9dc5;
  for (const m of modules) {
    for (const p of m.parameters()) {
      const words = new Uint32Array(p.data.buffer, p.data.byteOffset, p.data.byteLength / 4);
      for (let k = 0; k < words.length; k++) h = Math.imul(h ^ words[k], 0x01000193) >>> 0;
    }
  }
  return h.toString(16).padStart(8, '0');
}

/** The bits of a float64 as 16 hex digits (so "equal" means bit for bit, −0 and NaN payloads included). */
export function bitsOf(x: number): string {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  return v.getBigUint64(0).toString(16).padStart(16, '0');
}

/** What the bit-identity tests compare: W1 in float32 (3 steps) and float64 (1 step) from seed 7. */
export function w1Bits(): { float32: { losses: string[]; paramsHash: string }; float64: { losses: string[]; paramsHash: string } } {
  const f32 = trainW1(3, 7, 'float32');
  const f64 = trainW1(1, 7, 'float64');
  return {
    float32: { losses: f32.losses.map(bitsOf), paramsHash: f32.paramsHash },
    float64: { losses: f64.losses.map(bitsOf), paramsHash: f64.paramsHash },
  };
}
