import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstmStep, type LstmStepParams } from '../../../src/engine/lstm-step.ts';
import { Rng } from '../../../src/engine/rng.ts';

const sig = (z: number) => 1 / (1 + Math.exp(-z));

function randomParams(rng: Rng, I: number, H: number): LstmStepParams {
  const u = (n: number) => Float64Array.from({ length: n }, () => rng.uniform(-0.8, 0.8));
  return { inputSize: I, hiddenSize: H, weightIh: u(4 * H * I), weightHh: u(4 * H * H), biasIh: u(4 * H), biasHh: u(4 * H) };
}

test('a 1-unit step matches the chapter equations computed by hand', () => {
  // H = 1, I = 1: rows of weightIh / weightHh are the gates i, f, g, o.
  const p: LstmStepParams = {
    inputSize: 1,
    hiddenSize: 1,
    weightIh: Float64Array.of(0.5, -0.3, 0.8, 0.1),
    weightHh: Float64Array.of(0.2, 0.4, -0.6, 0.9),
    biasIh: Float64Array.of(0.1, 1.0, 0.0, -0.2),
    biasHh: Float64Array.of(0.05, 0.0, 0.1, 0.0),
  };
  const x = 2;
  const h0 = 0.5;
  const c0 = -1;
  const r = lstmStep(p, [x], [h0], [c0]);
  const i = sig(0.5 * x + 0.2 * h0 + 0.15);
  const f = sig(-0.3 * x + 0.4 * h0 + 1.0);
  const g = Math.tanh(0.8 * x - 0.6 * h0 + 0.1);
  const o = sig(0.1 * x + 0.9 * h0 - 0.2);
  const c = f * c0 + i * g;
  const h = o * Math.tanh(c);
  for (const [name, got, want] of [
    ['i', r.i[0], i], ['f', r.f[0], f], ['g', r.g[0], g], ['o', r.o[0], o], ['c', r.c[0], c], ['h', r.h[0], h],
  ] as const) {
    assert.ok(Math.abs(got - want) < 1e-15, `${name}: ${got} vs ${want}`);
  }
  assert.ok(Math.abs(r.preF[0] - (-0.3 * x + 0.4 * h0 + 1.0)) < 1e-15);
});

test('PyTorch split W_ih·x + W_hh·h equals the chapter form W·[h_{t-1}, x_t] with b = b_ih + b_hh', () => {
  const rng = new Rng(5);
  const I = 3;
  const H = 4;
  const p = randomParams(rng, I, H);
  const x = Array.from({ length: I }, () => rng.normal());
  const h0 = Array.from({ length: H }, () => rng.normal());
  const c0 = Array.from({ length: H }, () => rng.normal());
  const r = lstmStep(p, x, h0, c0);
  const hx = [...h0, ...x];
  for (let gate = 0; gate < 4; gate++) {
    for (let j = 0; j < H; j++) {
      const row = gate * H + j;
      // W_gate = [W_h,gate | W_i,gate] row by row.
      const w = [...p.weightHh.subarray(row * H, row * H + H), ...p.weightIh.subarray(row * I, row * I + I)];
      const z = w.reduce((s, wk, k) => s + wk * hx[k], 0) + p.biasIh[row] + p.biasHh[row];
      const pre = [r.preI, r.preF, r.preG, r.preO][gate][j];
      assert.ok(Math.abs(pre - z) < 1e-14, `gate ${gate} unit ${j}`);
    }
  }
  for (let j = 0; j < H; j++) assert.ok(Math.abs(r.c[j] - (r.f[j] * c0[j] + r.i[j] * r.g[j])) < 1e-15);
});

test('a saturated forget gate keeps C exactly: f = 1, i = 0 gives C_t = C_{t-1}', () => {
  const p: LstmStepParams = {
    inputSize: 1,
    hiddenSize: 1,
    weightIh: new Float64Array(4),
    weightHh: new Float64Array(4),
    biasIh: Float64Array.of(-1000, 1000, 0, 0),
    biasHh: new Float64Array(4),
  };
  const r = lstmStep(p, [3], [0.2], [0.7]);
  assert.equal(r.c[0], 0.7);
  assert.ok(Number.isFinite(r.h[0]));
});

test('wrong lengths are reported with the argument, expected shape and what arrived', () => {
  const p = randomParams(new Rng(1), 3, 2);
  assert.throws(() => lstmStep(p, [1, 2], [0, 0], [0, 0]), { message: 'lstmStep: x expected shape [3], got [2]' });
  assert.throws(() => lstmStep(p, [1, 2, 3], [0], [0, 0]), { message: 'lstmStep: hPrev expected shape [2], got [1]' });
  assert.throws(() => lstmStep(p, [1, 2, 3], [0, 0], [0, 0, 0]), { message: 'lstmStep: cPrev expected shape [2], got [3]' });
  assert.throws(() => lstmStep({ ...p, weightIh: new Float64Array(20) }, [1, 2, 3], [0, 0], [0, 0]), {
    message: 'lstmStep: weightIh expected shape [8, 3], got [20]',
  });
  assert.throws(() => lstmStep({ ...p, biasHh: new Float64Array(7) }, [1, 2, 3], [0, 0], [0, 0]), {
    message: 'lstmStep: biasHh expected shape [8], got [7]',
  });
});
