/**
 * Every number chapters 3 and 4 print comes from src/chapters/worked-examples.ts. These tests recompute
 * each of them independently: with closed-form σ and tanh written here, with finite differences for the
 * backward pass, with the engine's autograd LSTMCell, and against the exercise answers in the chapters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { add, dense, LSTM, LSTMCell, lstm, mul, Rng, sequential, sum, tensor } from '../../../src/engine/index.ts';
import {
  backward,
  example,
  exampleWeights,
  fmt,
  functionExcerpt,
  fmtInt,
  kerasModel,
  lstmParamCount,
  runStep,
  scalar,
  sci,
  sequence,
  toStepParams,
  tuple,
  vec,
  type CellWeights,
} from '../../../src/chapters/worked-examples.ts';

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const EPS = 1e-12;

function close(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, tol = EPS): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let k = 0; k < expected.length; k++) {
    const diff = Math.abs(actual[k]! - expected[k]!);
    assert.ok(diff <= tol * Math.max(1, Math.abs(expected[k]!)), `${what}[${k}]: got ${actual[k]}, expected ${expected[k]} (diff ${diff})`);
  }
}

/** The six equations, written out once more with the chapter's notation and nothing shared with the engine. */
function reference(w: CellWeights, x: number[], hPrev: number[], cPrev: number[]) {
  const z = [...hPrev, ...x]; // [h_{t-1}, x_t]
  const affine = (g: keyof CellWeights) => w[g].W.map((row, r) => row.reduce((s, wv, c) => s + wv * z[c]!, w[g].b[r]!));
  const a = { i: affine('i'), f: affine('f'), g: affine('g'), o: affine('o') };
  const i = a.i.map(sig);
  const f = a.f.map(sig);
  const g = a.g.map(Math.tanh);
  const o = a.o.map(sig);
  const c = f.map((fv, k) => fv * cPrev[k]! + i[k]! * g[k]!);
  const h = o.map((ov, k) => ov * Math.tanh(c[k]!));
  return { z, a, i, f, g, o, c, h };
}

test('the example step equals the closed-form six equations', () => {
  const r = reference(exampleWeights, [...example.x], [...example.hPrev], [...example.cPrev]);
  close(example.z, r.z, 'z');
  for (const g of ['i', 'f', 'g', 'o'] as const) {
    close(example.pre[g], r.a[g], `pre.${g}`);
    close(example[g], r[g], g);
  }
  close(example.c, r.c, 'c');
  close(example.h, r.h, 'h');
  close(example.tanhC, r.c.map(Math.tanh), 'tanhC');
  close(example.kept, r.f.map((f, k) => f * example.cPrev[k]!), 'kept');
  close(example.written, r.i.map((i, k) => i * r.g[k]!), 'written');
  // The printed decomposition C_t = kept + written holds to the printed precision.
  for (let k = 0; k < 2; k++) assert.equal(fmt(example.kept[k]! + example.written[k]!), fmt(example.c[k]!));
});

test('the example prints the values the chapters quote', () => {
  // A regression guard on the readable weights: chapter prose describes these signs and sizes.
  assert.deepEqual(example.f.map((v) => fmt(v)), ['0.893', '0.670']);
  assert.deepEqual(example.g.map((v) => fmt(v)), ['-0.537', '0.168']);
  assert.deepEqual(example.c.map((v) => fmt(v)), ['0.381', '-0.226']);
  assert.deepEqual(example.h.map((v) => fmt(v)), ['0.249', '-0.127']);
  assert.ok(example.g[0]! < 0 && example.g[1]! > 0, 'unit 1 proposes to lower its memory, unit 2 to raise it');
  assert.ok(example.i.every((v) => v > 0.5 && v < 0.7), 'both units write a little more than half');
  assert.ok(example.pre.f.every((v) => v > 0), 'both forget pre-activations are positive');
});

test('toStepParams packs W = [W_h | W_x] into PyTorch rows i, f, g, o', () => {
  const p = toStepParams(exampleWeights, 2, 2);
  // Forget gate, unit 2 (row H + 1 = 3): W_f row 2 is [0.1, 0.4 | -0.6, 0.9].
  assert.deepEqual([p.weightHh[3 * 2], p.weightHh[3 * 2 + 1]], [0.1, 0.4]);
  assert.deepEqual([p.weightIh[3 * 2], p.weightIh[3 * 2 + 1]], [-0.6, 0.9]);
  assert.equal(p.biasIh[3], 1.0);
  assert.ok(p.biasHh.every((b) => b === 0));
  assert.throws(() => toStepParams(exampleWeights, 3, 2), /toStepParams: gate i row 0 has 4 columns, expected H\+I = 5/);
});

test('the sequence example is the recurrence from zeros', () => {
  let h = [0, 0];
  let c = [0, 0];
  sequence.steps.forEach((s, t) => {
    const r = reference(exampleWeights, [...sequence.xs[t]!], h, c);
    close(s.hPrev, h, `step ${t + 1} hPrev`);
    close(s.cPrev, c, `step ${t + 1} cPrev`);
    close(s.f, r.f, `step ${t + 1} f`);
    close(s.i, r.i, `step ${t + 1} i`);
    close(s.c, r.c, `step ${t + 1} c`);
    close(s.h, r.h, `step ${t + 1} h`);
    h = r.h;
    c = r.c;
  });
  // During the silent steps, unit 1's memory changes only a little: the forget gate carries it.
  const c1 = sequence.steps.map((s) => s.c[0]!);
  assert.ok(Math.abs(c1[2]!) > 0.5 * Math.abs(c1[0]!), `memory fades slowly: ${c1}`);
});

test('the scalar cell keeps f^t of its memory', () => {
  assert.ok(Math.abs(scalar.keep.f - 0.9) < EPS, `f = ${scalar.keep.f}`);
  assert.ok(Math.abs(scalar.unitBias.f - sig(1)) < EPS);
  for (const s of [scalar.keep, scalar.unitBias]) {
    assert.equal(s.cells.length, 51);
    s.cells.forEach((c, t) => assert.ok(Math.abs(c - s.f ** t) <= 1e-12 * Math.max(1, s.f ** t) + 1e-15, `C_${t} = ${c}, f^t = ${s.f ** t}`));
    assert.ok(Math.abs(s.f ** s.halfLife - 0.5) < 1e-12);
  }
  assert.equal(fmt(scalar.keep.cells[10]!, 4), fmt(0.9 ** 10, 4));
  assert.equal(fmt(scalar.keep.cells[50]!, 5), fmt(0.9 ** 50, 5));
  assert.equal(fmt(scalar.keep.halfLife, 1), '6.6');
  assert.equal(sci(scalar.unitBias.cells[50]!), sci(sig(1) ** 50));
});

test('the backward example matches finite differences of the forward pass', () => {
  const dh = [...backward.dh];
  const dcNext = [...backward.dcNext];
  // L = dh · h_t + dcNext · C_t has exactly the gradients ∂L/∂h_t = dh and ∂L/∂C_t (from t+1) = dcNext.
  const loss = (w: CellWeights, x: number[], hPrev: number[], cPrev: number[]) => {
    const r = reference(w, x, hPrev, cPrev);
    return r.h.reduce((s, v, k) => s + dh[k]! * v, 0) + r.c.reduce((s, v, k) => s + dcNext[k]! * v, 0);
  };
  const x = [...example.x];
  const hPrev = [...example.hPrev];
  const cPrev = [...example.cPrev];
  const step = 1e-6;
  const numeric = (which: 'x' | 'h' | 'c', k: number) => {
    const at = (d: number) => {
      const v = { x: [...x], h: [...hPrev], c: [...cPrev] };
      v[which][k]! += d;
      return loss(exampleWeights, v.x, v.h, v.c);
    };
    return (at(step) - at(-step)) / (2 * step);
  };
  close(backward.dcPrev, [0, 1].map((k) => numeric('c', k)), 'dC_{t-1}', 1e-8);
  close(backward.dhPrev, [0, 1].map((k) => numeric('h', k)), 'dh_{t-1}', 1e-8);
  close(backward.dx, [0, 1].map((k) => numeric('x', k)), 'dx_t', 1e-8);
  // ∂L/∂b equals the pre-activation gradient of each gate.
  for (const g of ['i', 'f', 'g', 'o'] as const) {
    const grad = [0, 1].map((k) => {
      const at = (d: number) => {
        const b = [...exampleWeights[g].b];
        b[k]! += d;
        return loss({ ...exampleWeights, [g]: { W: exampleWeights[g].W, b } }, x, hPrev, cPrev);
      };
      return (at(step) - at(-step)) / (2 * step);
    });
    close(backward.dPre[g], grad, `dPre.${g}`, 1e-8);
  }
  close(backward.dtanhC, example.c.map((c) => 1 / Math.cosh(c) ** 2), "tanh'(C_t) = sech²(C_t)");
  // δC_t ⊙ f_t is the carousel's share: exactly f_t of δC_t.
  close(backward.dcPrev, backward.dc.map((d, k) => d * example.f[k]!), 'dcPrev = dc ⊙ f');
});

test('the engine autograd LSTMCell reproduces the step and its gradients', () => {
  const cell = new LSTMCell({ inputSize: 2, hiddenSize: 2, rng: new Rng(1), dtype: 'float64' });
  const p = toStepParams(exampleWeights, 2, 2);
  cell.loadStateDict({
    weight_ih: { shape: [8, 2], data: p.weightIh },
    weight_hh: { shape: [8, 2], data: p.weightHh },
    bias_ih: { shape: [8], data: p.biasIh },
    bias_hh: { shape: [8], data: p.biasHh },
  });
  const x = tensor([[...example.x]], { dtype: 'float64', requiresGrad: true });
  const h0 = tensor([[...example.hPrev]], { dtype: 'float64', requiresGrad: true });
  const c0 = tensor([[...example.cPrev]], { dtype: 'float64', requiresGrad: true });
  const [h1, c1] = cell.forward(x, [h0, c0]);
  close(h1.data, example.h, 'engine h_t');
  close(c1.data, example.c, 'engine C_t');
  // L = dh · h_t + dcNext · C_t, so autograd's input gradients are the chapter's backward example.
  const dh = tensor([[...backward.dh]], { dtype: 'float64' });
  const dc = tensor([[...backward.dcNext]], { dtype: 'float64' });
  add(sum(mul(h1, dh)), sum(mul(c1, dc))).backward();
  close(c0.grad!.data, backward.dcPrev, 'engine dC_{t-1}');
  close(h0.grad!.data, backward.dhPrev, 'engine dh_{t-1}');
  close(x.grad!.data, backward.dx, 'engine dx_t');
  const db = Array.from(cell.bias_ih.grad!.data);
  close(db.slice(0, 2), backward.dPre.i, 'engine db_i');
  close(db.slice(2, 4), backward.dPre.f, 'engine db_f');
  close(db.slice(4, 6), backward.dPre.g, 'engine db_C');
  close(db.slice(6, 8), backward.dPre.o, 'engine db_o');
});

test('the engine counts the parameters of eq-param-count', () => {
  const torchLayer = new LSTM({ inputSize: kerasModel.inputSize, hiddenSize: 128, rng: new Rng(0) });
  assert.equal(torchLayer.numParameters(), kerasModel.layers[0]!.torch);
  const stacked = new LSTM({ inputSize: kerasModel.inputSize, hiddenSize: 128, numLayers: 2, rng: new Rng(0) });
  assert.equal(stacked.numParameters(), kerasModel.layers[0]!.torch + kerasModel.layers[1]!.torch);
  const model = sequential([lstm(128, { returnSequences: true }), lstm(128), dense(10, { activation: 'softmax' })], {
    rng: new Rng(0),
  });
  model.build([null, kerasModel.inputSize]);
  assert.equal(model.countParams(), kerasModel.total);
  assert.deepEqual(
    model.layers.map((l) => l.countParams()),
    kerasModel.layers.map((l) => l.keras),
  );
});

/** The exercises' numeric answers, read from a chapter's frontmatter. */
function numericChecks(path: string): Map<string, number> {
  const text = readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
  const front = text.split(/^---$/m)[1]!;
  const out = new Map<string, number>();
  let id = '';
  for (const line of front.split('\n')) {
    const idMatch = /^\s*- id: (ex-[\w-]+)/.exec(line);
    if (idMatch) id = idMatch[1]!;
    const check = /check: \{ type: numeric, value: ([-\d.e]+)/.exec(line);
    if (check) out.set(id, Number(check[1]));
  }
  return out;
}

const WIDGET_EXERCISES = ['ex-3-7', 'ex-4-8'];

test('exercise answers of chapters 3 and 4 are what the formulas give, in both languages', () => {
  const expected4 = new Map([
    ['ex-4-1', sig(0.5 * 0.4 - 1.0 * 1.0 + 0.2)],
    ['ex-4-2', 0.8 * 2.0 + 0.5 * -0.6],
    ['ex-4-3', 0.9 * Math.tanh(0.8 * 2.0 + 0.5 * -0.6)],
    ['ex-4-4', lstmParamCount(65, 128, 2)],
    ['ex-4-5', 0.95 ** 20],
  ]);
  const expected3 = new Map([['ex-3-3', 4 * 128 * (128 + 65)]]);
  for (const lang of ['en', 'zh-cn']) {
    for (const [file, expected] of [['04-math', expected4], ['03-algorithm', expected3]] as const) {
      const got = numericChecks(`../../../content/${lang}/${file}.mdx`);
      // Answers read off a widget are recomputed with the widget's own code in tests/unit/content/open-exercises.test.ts.
      for (const id of WIDGET_EXERCISES) got.delete(id);
      assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort(), `${lang}/${file}: numeric exercises`);
      for (const [id, value] of expected) {
        assert.ok(Math.abs(got.get(id)! - value) < 1e-6 * Math.max(1, value), `${lang}/${file} ${id}: ${got.get(id)} vs ${value}`);
      }
    }
  }
});

test('formatting helpers', () => {
  assert.equal(fmt(-0.0001), '0.000');
  assert.equal(fmt(-0.5371), '-0.537');
  assert.equal(fmt(2, 1), '2.0');
  assert.equal(vec([1, -0.5], 1), '\\begin{bmatrix}1.0\\\\-0.5\\end{bmatrix}');
  assert.equal(tuple([0.25, -0.125], 2), '(0.25, -0.13)');
  assert.equal(sci(1.5761911e-7), '1.58 \\times 10^{-7}');
  // runStep refuses shapes that do not fit.
  assert.throws(() => runStep(exampleWeights, [1, 2, 3], [0, 0], [0, 0]), /toStepParams/);
});

test('functionExcerpt cuts one exported function with its doc comment', () => {
  const src = 'import x;\n\n/** Adds. */\nexport function add(a, b) {\n  return a + b;\n}\n\nfunction other() {\n}\n';
  assert.equal(functionExcerpt(src, 'add'), '/** Adds. */\nexport function add(a, b) {\n  return a + b;\n}');
  assert.throws(() => functionExcerpt(src, 'sub'), /functionExcerpt: no "export function sub\(" in the source/);
  const step = readFileSync(fileURLToPath(new URL('../../../src/engine/lstm-step.ts', import.meta.url)), 'utf8');
  const shown = functionExcerpt(step, 'lstmStep');
  for (const label of ['eq-input-gate', 'eq-forget-gate', 'eq-candidate', 'eq-cell-state', 'eq-output-gate', 'eq-hidden-state']) {
    assert.ok(shown.includes(label), `the code shown in chapter 3 cites ${label}`);
  }
});

/** Components that are widgets: their markup is a `<figure class="widget">` (Tex, Exercises, Code are not). */
const WIDGET_COMPONENTS = new Set(
  readdirSync(fileURLToPath(new URL('../../../components/', import.meta.url)))
    .filter((f) => f.endsWith('.astro'))
    .filter((f) => /class="widget[ "]/.test(readFileSync(fileURLToPath(new URL(`../../../components/${f}`, import.meta.url)), 'utf8')))
    .map((f) => f.replace(/\.astro$/, '')),
);
const kebab = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

/** Heading ids, equation labels, widget places and exercise ids of one chapter file, in order. */
function anchors(path: string) {
  const text = readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8');
  return {
    headings: [...text.matchAll(/^#{2,3} .*\{\/\* #([a-z0-9-]+) \*\/\}$/gm)].map((m) => m[1]),
    labels: [...text.matchAll(/\\label\{(eq-[a-z0-9-]+)\}/g)].map((m) => m[1]),
    // A widget's place: its marker `{/* widget: cell-explorer */}` or, once placed, its component `<CellExplorer />`.
    widgets: [...text.matchAll(/\{\/\* widget: ([a-z-]+) \*\/\}|^<([A-Z][A-Za-z]+)(?: [^<>]*)? \/>$/gm)]
      .flatMap((m) => (m[1] ? [m[1]] : WIDGET_COMPONENTS.has(m[2]) ? [kebab(m[2])] : [])),
    exercises: [...text.matchAll(/^ {2}- id: (ex-[\w-]+)/gm)].map((m) => m[1]),
  };
}

test('chapters 3 and 4 carry the same anchors in both languages', () => {
  for (const file of ['03-algorithm', '04-math']) {
    const en = anchors(`../../../content/en/${file}.mdx`);
    const zh = anchors(`../../../content/zh-cn/${file}.mdx`);
    assert.deepEqual(zh, en, file);
  }
  const math = anchors('../../../content/en/04-math.mdx');
  for (const id of ['forget-gate', 'input-gate', 'candidate', 'cell-state', 'output-gate', 'hidden-state', 'param-count', 'bptt']) {
    assert.ok(math.headings.includes(id), `04-math has #${id}`);
  }
  for (const label of ['eq-forget-gate', 'eq-input-gate', 'eq-candidate', 'eq-cell-state', 'eq-output-gate', 'eq-hidden-state', 'eq-param-count', 'eq-bptt-cell', 'eq-bptt-gates']) {
    assert.ok(math.labels.includes(label), `04-math defines ${label}`);
  }
  assert.deepEqual(math.widgets, ['equation-view', 'gradient-lab']);
  assert.deepEqual(anchors('../../../content/en/03-algorithm.mdx').widgets, ['cell-explorer', 'sequence-stepper', 'unrolled-chain']);
});
