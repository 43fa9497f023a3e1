/** LstmVariant: gradient checks, parity of the vanilla variant with the fused LSTM, and each variant's defining property. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng, Tensor, LSTM, LstmVariant, LSTM_VARIANTS, randn, zeros, type LstmVariantStep } from '../../../src/engine/index.ts';
import { gradcheck } from './gradcheck.ts';

const dtype = 'float64' as const;
const r = (rng: Rng, ...shape: number[]): Tensor => randn(shape, rng, { dtype, requiresGrad: true });

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

for (const variant of LSTM_VARIANTS) {
  test(`gradcheck: LstmVariant '${variant}' (out, h_T, C_T; params, x, h0, c0)`, () => {
    const rng = new Rng(11);
    const cell = new LstmVariant({ inputSize: 3, hiddenSize: 4, variant, rng, dtype, init: { forgetBias: 1 } });
    const res = gradcheck(
      (x, h0, c0) => {
        const [out, [hN, cN]] = cell.forward(x, [h0, c0]);
        return [out, hN, cN];
      },
      [r(rng, 5, 2, 3), r(rng, 2, 4), r(rng, 2, 4), ...cell.parameters()],
    );
    assert.ok(res.checked > 0);
    assert.ok(res.maxRelError <= 1e-6, `max relative error ${res.maxRelError.toExponential(2)} (${res.worst})`);
  });
}

test('gradcheck: LstmVariant batchFirst with the default zero state', () => {
  const rng = new Rng(12);
  const cell = new LstmVariant({ inputSize: 2, hiddenSize: 3, variant: 'peepholes', batchFirst: true, rng, dtype });
  const res = gradcheck((x) => cell.forward(x)[0], [r(rng, 2, 4, 2), ...cell.parameters()]);
  assert.ok(res.maxRelError <= 1e-6, `max relative error ${res.maxRelError.toExponential(2)} (${res.worst})`);
});

test("the 'vanilla' variant equals the fused LSTM layer to 1e-12 (float64, same weights, outputs and gradients)", () => {
  for (const batchFirst of [false, true]) {
    const lstm = new LSTM({ inputSize: 5, hiddenSize: 7, batchFirst, rng: new Rng(3), dtype });
    const cell = new LstmVariant({ inputSize: 5, hiddenSize: 7, variant: 'vanilla', batchFirst, rng: new Rng(99), dtype });
    cell.loadStateDict(lstm.stateDict());
    const rng = new Rng(4);
    const x = randn(batchFirst ? [3, 12, 5] : [12, 3, 5], rng, { dtype });
    const h0 = randn([3, 7], rng, { dtype });
    const c0 = randn([3, 7], rng, { dtype });
    const [outA, [hA, cA]] = lstm.forward(x, [new Tensor(h0.data.slice(), [1, 3, 7]), new Tensor(c0.data.slice(), [1, 3, 7])]);
    const [outB, [hB, cB]] = cell.forward(x, [h0, c0]);
    assert.deepEqual(outB.shape, outA.shape);
    assert.ok(maxAbsDiff(outA.data, outB.data) <= 1e-12, `out differs by ${maxAbsDiff(outA.data, outB.data)}`);
    assert.ok(maxAbsDiff(hA.data, hB.data) <= 1e-12);
    assert.ok(maxAbsDiff(cA.data, cB.data) <= 1e-12);

    // Same loss → same parameter gradients.
    const w = randn(outA.shape, rng, { dtype });
    const loss = (o: Tensor) => {
      let s = 0;
      for (let k = 0; k < o.size; k++) s += o.data[k] * w.data[k];
      return s;
    };
    assert.ok(Math.abs(loss(outA) - loss(outB)) <= 1e-12);
    outA.backward(w);
    outB.backward(w);
    const ga = lstm.namedParameters();
    const gb = cell.namedParameters();
    assert.deepEqual(gb.map(([n]) => n), ga.map(([n]) => n));
    ga.forEach(([name, p], k) => {
      const d = maxAbsDiff(p.grad!.data, gb[k][1].grad!.data);
      assert.ok(d <= 1e-12, `${name} gradient differs by ${d}`);
    });
  }
});

test('the same seed draws the same vanilla weights as nn.LSTM', () => {
  const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, rng: new Rng(5) });
  const cell = new LstmVariant({ inputSize: 3, hiddenSize: 4, variant: 'vanilla', rng: new Rng(5) });
  for (const [name, p] of lstm.namedParameters()) assert.deepEqual(cell.stateDict()[name].data, p.data, name);
});

test('parameter names, shapes and counts per variant', () => {
  const I = 6;
  const H = 8;
  const count = (G: number) => G * H * (I + H) + 2 * G * H;
  const expected: Record<string, number> = {
    vanilla: count(4),
    'no-forget-gate': count(3),
    'no-input-gate': count(3),
    'no-output-gate': count(3),
    coupled: count(3),
    peepholes: count(4) + 3 * H,
    'no-output-activation': count(4),
  };
  for (const variant of LSTM_VARIANTS) {
    const cell = new LstmVariant({ inputSize: I, hiddenSize: H, variant, rng: new Rng(1) });
    assert.equal(cell.numParameters(), expected[variant], variant);
  }
  const ph = new LstmVariant({ inputSize: I, hiddenSize: H, variant: 'peepholes', rng: new Rng(1) });
  assert.deepEqual(
    ph.namedParameters().map(([n, p]) => `${n} [${p.shape.join(', ')}]`),
    ['weight_ih_l0 [32, 6]', 'weight_hh_l0 [32, 8]', 'bias_ih_l0 [32]', 'bias_hh_l0 [32]', 'weight_pi_l0 [8]', 'weight_pf_l0 [8]', 'weight_po_l0 [8]'],
  );
});

/** Runs a variant over a random sequence and returns its per-step trace. */
function traced(variant: (typeof LSTM_VARIANTS)[number], T = 8, seed = 21): { trace: LstmVariantStep[]; c0: Tensor } {
  const rng = new Rng(seed);
  const cell = new LstmVariant({ inputSize: 3, hiddenSize: 4, variant, rng, dtype });
  const x = randn([T, 2, 3], rng, { dtype });
  const h0 = randn([2, 4], rng, { dtype });
  const c0 = randn([2, 4], rng, { dtype });
  const trace: LstmVariantStep[] = [];
  cell.forward(x, [h0, c0], trace);
  assert.equal(trace.length, T);
  return { trace, c0 };
}

const every = (t: Tensor, p: (v: number, k: number) => boolean) => Array.from(t.data).every(p);

test("'no-forget-gate': f_t ≡ 1, so C_t = C_{t-1} + i_t * C̃_t and nothing stored is ever multiplied away", () => {
  const { trace, c0 } = traced('no-forget-gate');
  let cPrev = c0;
  for (const s of trace) {
    assert.ok(every(s.f, (v) => v === 1));
    assert.ok(every(s.c, (v, k) => Math.abs(v - (cPrev.data[k] + s.i.data[k] * s.g.data[k])) <= 1e-15));
    cPrev = s.c;
  }
  // With the input gate shut (no write), the cell keeps its value exactly over any number of steps.
  const rng = new Rng(2);
  const cell = new LstmVariant({ inputSize: 1, hiddenSize: 3, variant: 'no-forget-gate', rng, dtype });
  const bih = (cell.stateDict().bias_ih_l0 as Tensor).data;
  bih.fill(-800, 0, 3); // z_i ≪ 0 → i_t = 0 in float64
  const c0b = new Tensor(Float64Array.from([0.5, -2, 7]), [1, 3]);
  const [, [, cN]] = cell.forward(randn([200, 1, 1], rng, { dtype }), [zeros([1, 3], { dtype }), c0b]);
  assert.deepEqual(Array.from(cN.data), [0.5, -2, 7]);
});

test("'coupled' (CIFG): f_t + i_t = 1 at every step and unit", () => {
  const { trace } = traced('coupled');
  for (const s of trace) assert.ok(every(s.f, (v, k) => Math.abs(v + s.i.data[k] - 1) <= 1e-15));
});

test("'no-input-gate': i_t ≡ 1, so C_t = f_t * C_{t-1} + C̃_t", () => {
  const { trace, c0 } = traced('no-input-gate');
  let cPrev = c0;
  for (const s of trace) {
    assert.ok(every(s.i, (v) => v === 1));
    assert.ok(every(s.c, (v, k) => Math.abs(v - (s.f.data[k] * cPrev.data[k] + s.g.data[k])) <= 1e-15));
    cPrev = s.c;
  }
});

test("'no-output-gate': o_t ≡ 1, so h_t = tanh(C_t)", () => {
  const { trace } = traced('no-output-gate');
  for (const s of trace) {
    assert.ok(every(s.o, (v) => v === 1));
    assert.ok(every(s.h, (v, k) => Math.abs(v - Math.tanh(s.c.data[k])) <= 1e-15));
  }
});

test("'no-output-activation': h_t = o_t * C_t, unbounded (|h| can exceed 1)", () => {
  const { trace } = traced('no-output-activation', 30);
  for (const s of trace) assert.ok(every(s.h, (v, k) => Math.abs(v - s.o.data[k] * s.c.data[k]) <= 1e-15));
  const rng = new Rng(8);
  const cell = new LstmVariant({ inputSize: 1, hiddenSize: 1, variant: 'no-output-activation', rng, dtype });
  const sd = cell.stateDict();
  sd.weight_ih_l0.data.fill(0);
  sd.weight_hh_l0.data.fill(0);
  sd.bias_hh_l0.data.fill(0);
  sd.bias_ih_l0.data.set([20, 20, 20, 20]); // i = f = o ≈ 1, C̃ ≈ 1: C grows by 1 per step
  const [, [hN]] = cell.forward(zeros([5, 1, 1], { dtype }));
  assert.ok(Math.abs(hN.data[0] - 5) < 1e-6, `h_5 = ${hN.data[0]}`);
});

test("'peepholes': the gates see C_{t-1} (i, f) and C_t (o) through diagonal weights", () => {
  const rng = new Rng(9);
  const cell = new LstmVariant({ inputSize: 2, hiddenSize: 3, variant: 'peepholes', rng, dtype });
  const vanilla = new LstmVariant({ inputSize: 2, hiddenSize: 3, variant: 'vanilla', rng, dtype });
  const sd = cell.stateDict();
  vanilla.loadStateDict({ weight_ih_l0: sd.weight_ih_l0, weight_hh_l0: sd.weight_hh_l0, bias_ih_l0: sd.bias_ih_l0, bias_hh_l0: sd.bias_hh_l0 });
  const x = randn([4, 1, 2], rng, { dtype });
  const c0 = randn([1, 3], rng, { dtype });
  const h0 = randn([1, 3], rng, { dtype });
  const sig = (z: number) => 1 / (1 + Math.exp(-z));
  const a: LstmVariantStep[] = [];
  const b: LstmVariantStep[] = [];
  cell.forward(x, [h0, c0], a);
  // Zero peepholes make it the vanilla cell.
  const saved = ['weight_pi_l0', 'weight_pf_l0', 'weight_po_l0'].map((n) => sd[n].data.slice());
  for (const n of ['weight_pi_l0', 'weight_pf_l0', 'weight_po_l0']) sd[n].data.fill(0);
  const zeroPh: LstmVariantStep[] = [];
  cell.forward(x, [h0, c0], zeroPh);
  vanilla.forward(x, [h0, c0], b);
  for (let t = 0; t < 4; t++) assert.ok(maxAbsDiff(zeroPh[t].h.data, b[t].h.data) <= 1e-15);
  // With peepholes: logit(f_t) − logit(f_t at p = 0) = p_f * C_{t-1} (first step, same h and x).
  const logit = (p: number) => Math.log(p / (1 - p));
  for (let k = 0; k < 3; k++) {
    const df = logit(a[0].f.data[k]) - logit(b[0].f.data[k]);
    assert.ok(Math.abs(df - saved[1][k] * c0.data[k]) <= 1e-9);
    const di = logit(a[0].i.data[k]) - logit(b[0].i.data[k]);
    assert.ok(Math.abs(di - saved[0][k] * c0.data[k]) <= 1e-9);
    // o_t uses the new cell C_t of the peephole run.
    const zo = logit(b[0].o.data[k]) + saved[2][k] * a[0].c.data[k];
    assert.ok(Math.abs(a[0].o.data[k] - sig(zo)) <= 1e-12);
  }
});

test('forgetBias and chrono initialisation set the gate biases', () => {
  const H = 5;
  const v = new LstmVariant({ inputSize: 2, hiddenSize: H, variant: 'vanilla', rng: new Rng(1), init: { forgetBias: 1 }, dtype });
  const sd = v.stateDict();
  assert.deepEqual(Array.from(sd.bias_ih_l0.data.slice(H, 2 * H)), [1, 1, 1, 1, 1]);
  assert.deepEqual(Array.from(sd.bias_hh_l0.data.slice(H, 2 * H)), [0, 0, 0, 0, 0]);
  // CIFG: f = 1 − i = σ(−z_i), so the input bias gets −1.
  const c = new LstmVariant({ inputSize: 2, hiddenSize: H, variant: 'coupled', rng: new Rng(1), init: { forgetBias: 1 }, dtype });
  assert.deepEqual(Array.from(c.stateDict().bias_ih_l0.data.slice(0, H)), [-1, -1, -1, -1, -1]);
  const ch = new LstmVariant({ inputSize: 2, hiddenSize: H, variant: 'vanilla', rng: new Rng(1), init: { chronoT: 20 }, dtype });
  const b = ch.stateDict().bias_ih_l0.data;
  for (let k = 0; k < H; k++) {
    assert.ok(b[H + k] >= 0 && b[H + k] <= Math.log(19));
    assert.equal(b[k], -b[H + k]);
  }
  // CIFG with chrono: the input block carries −b_f, so f_t = 1 − i_t starts at σ(b_f) ∈ [0.5, (T − 2)/(T − 1)].
  const cc = new LstmVariant({ inputSize: 2, hiddenSize: H, variant: 'coupled', rng: new Rng(1), init: { chronoT: 20 }, dtype });
  const bi = cc.stateDict().bias_ih_l0.data;
  for (let k = 0; k < H; k++) assert.ok(-bi[k] >= 0 && -bi[k] <= Math.log(19) && cc.stateDict().bias_hh_l0.data[k] === 0);
  assert.ok(Array.from(bi.slice(0, H)).some((b) => b < -0.5));
  assert.throws(() => new LstmVariant({ inputSize: 2, hiddenSize: H, variant: 'vanilla', rng: new Rng(1), init: { chronoT: 1 } }), /chronoT expected a number > 2, got 1/);
});

test('bad arguments get clear messages', () => {
  assert.throws(
    () => new LstmVariant({ inputSize: 2, hiddenSize: 3, variant: 'nope' as 'vanilla', rng: new Rng(1) }),
    /^Error: LstmVariant: variant expected one of vanilla, no-forget-gate, .*, got nope$/,
  );
  const cell = new LstmVariant({ inputSize: 2, hiddenSize: 3, variant: 'coupled', rng: new Rng(1) });
  assert.throws(() => cell.forward(zeros([4, 2, 3])), /LstmVariant.forward: x expected shape \[T, B, 2\], got \[4, 2, 3\]/);
});
