/**
 * Worked examples for chapters 3 and 4, computed with the engine when the site is built.
 *
 * Every number the chapters print comes from here: the weights are chosen to be readable, the
 * gate values are what `lstmStep` (src/engine/lstm-step.ts) returns for them, and the helpers at
 * the bottom turn vectors and matrices into KaTeX source for `<Tex expr={...} />`.
 * tests/unit/chapters/worked-examples.test.ts recomputes all of it independently.
 */
import { INPUT_SIZE } from './practice-numbers.ts';
import { exampleWeights, type CellWeights, type GateWeights, type Rows } from './example-weights.ts';
import { GATE_ORDER, runStep, toStepParams, type StepExample } from './example-step.ts';

export { exampleWeights, runStep, toStepParams, type CellWeights, type GateWeights, type Rows, type StepExample };


// ---------------------------------------------------------------------------------------------
// The main example: I = 2, H = 2, weights one decimal each.

/** One step at x_t = [1, 0.5], h_{t-1} = [0.2, -0.4], C_{t-1} = [0.8, -0.5]. */
export const example: StepExample = runStep(exampleWeights, [1.0, 0.5], [0.2, -0.4], [0.8, -0.5]);

// ---------------------------------------------------------------------------------------------
// The same cell over a short sequence, starting from zeros (chapter 3.2).

export interface SequenceExample {
  readonly xs: readonly (readonly number[])[];
  /** steps[t] is the step that reads xs[t]; steps[0] starts from h_0 = C_0 = 0. */
  readonly steps: readonly StepExample[];
}

function runSequence(weights: CellWeights, xs: readonly (readonly number[])[], hiddenSize: number): SequenceExample {
  let h: readonly number[] = new Array<number>(hiddenSize).fill(0);
  let c: readonly number[] = new Array<number>(hiddenSize).fill(0);
  const steps: StepExample[] = [];
  for (const x of xs) {
    const s = runStep(weights, x, h, c);
    steps.push(s);
    h = s.h;
    c = s.c;
  }
  return { xs, steps };
}

/** Four inputs through the example cell: a pulse on the first input, then silence, then the second input. */
export const sequence: SequenceExample = runSequence(
  exampleWeights,
  [[1, 0], [0, 0], [0, 0], [0, 1]],
  2,
);

// ---------------------------------------------------------------------------------------------
// The scalar cell (I = H = 1): a constant forget gate keeps f^t of the memory.

/** Weights of a scalar cell whose gates ignore their input: f = σ(ln 9) = 0.9, C̃ = tanh(0) = 0. */
export const scalarWeights: CellWeights = {
  i: { W: [[0, 0]], b: [0] },
  f: { W: [[0, 0]], b: [Math.log(9)] },
  g: { W: [[0, 0]], b: [0] },
  o: { W: [[0, 0]], b: [0] },
};

export interface ScalarExample {
  readonly forgetBias: number;
  readonly f: number;
  /** cells[t] = C_t, with cells[0] = C_0 = 1. */
  readonly cells: readonly number[];
  /** Steps until half of the memory is gone: ln(1/2) / ln f. */
  readonly halfLife: number;
}

/** Runs the scalar cell for `steps` steps from C_0 = 1 with x_t = 0, h_0 = 0. */
export function runScalar(forgetBias: number, steps: number): ScalarExample {
  const w: CellWeights = { ...scalarWeights, f: { W: [[0, 0]], b: [forgetBias] } };
  const cells = [1];
  let h = [0];
  let c = [1];
  let f = NaN;
  for (let t = 1; t <= steps; t++) {
    const s = runStep(w, [0], h, c);
    f = s.f[0]!;
    h = s.h;
    c = s.c;
    cells.push(c[0]!);
  }
  return { forgetBias, f, cells, halfLife: Math.log(0.5) / Math.log(f) };
}

/** f = 0.9 (bias ln 9) and f = σ(1) ≈ 0.731 (the common "forget bias 1"), 50 steps each. */
export const scalar = {
  keep: runScalar(Math.log(9), 50),
  unitBias: runScalar(1, 50),
};

// ---------------------------------------------------------------------------------------------
// Backward pass through one step (chapter 4.8), from the example's forward values.

export interface BackwardExample {
  /** ∂L/∂h_t arriving from above (the output layer) and from step t+1. */
  readonly dh: readonly number[];
  /** ∂L/∂C_t arriving from step t+1 through its forget gate. */
  readonly dcNext: readonly number[];
  /** tanh'(C_t) = 1 − tanh²(C_t), the factor on the path from h_t back into C_t. */
  readonly dtanhC: number[];
  /** Total ∂L/∂C_t: dcNext + dh ⊙ o_t ⊙ (1 − tanh²C_t). */
  readonly dc: number[];
  /** ∂L/∂C_{t-1} = ∂L/∂C_t ⊙ f_t (eq-bptt-cell). */
  readonly dcPrev: number[];
  /** Gradients with respect to the gate values. */
  readonly dGate: { readonly i: number[]; readonly f: number[]; readonly g: number[]; readonly o: number[] };
  /** Gradients with respect to the pre-activations (through σ' and tanh', eq-bptt-gates). */
  readonly dPre: { readonly i: number[]; readonly f: number[]; readonly g: number[]; readonly o: number[] };
  /** ∂L/∂[h_{t-1}, x_t] = Σ_gates W^T dPre, split into its two parts. */
  readonly dhPrev: number[];
  readonly dx: number[];
}

/** Backpropagates ∂L/∂h_t and ∂L/∂C_t through one step, using the chapter's formulas. */
export function backwardStep(s: StepExample, dh: readonly number[], dcNext: readonly number[]): BackwardExample {
  const H = s.hiddenSize;
  const I = s.inputSize;
  const range = Array.from({ length: H }, (_, k) => k);
  const dtanhC = range.map((k) => 1 - s.tanhC[k]! ** 2);
  const dc = range.map((k) => dcNext[k]! + dh[k]! * s.o[k]! * dtanhC[k]!);
  const dcPrev = range.map((k) => dc[k]! * s.f[k]!);
  const dGate = {
    i: range.map((k) => dc[k]! * s.g[k]!),
    f: range.map((k) => dc[k]! * s.cPrev[k]!),
    g: range.map((k) => dc[k]! * s.i[k]!),
    o: range.map((k) => dh[k]! * s.tanhC[k]!),
  };
  const dPre = {
    i: range.map((k) => dGate.i[k]! * s.i[k]! * (1 - s.i[k]!)),
    f: range.map((k) => dGate.f[k]! * s.f[k]! * (1 - s.f[k]!)),
    g: range.map((k) => dGate.g[k]! * (1 - s.g[k]! ** 2)),
    o: range.map((k) => dGate.o[k]! * s.o[k]! * (1 - s.o[k]!)),
  };
  const dz = new Array<number>(H + I).fill(0);
  for (const gate of GATE_ORDER) {
    const W = s.weights[gate].W;
    for (let r = 0; r < H; r++) for (let c = 0; c < H + I; c++) dz[c]! += W[r]![c]! * dPre[gate][r]!;
  }
  return { dh: [...dh], dcNext: [...dcNext], dtanhC, dc, dcPrev, dGate, dPre, dhPrev: dz.slice(0, H), dx: dz.slice(H) };
}

/** The example's backward step with ∂L/∂h_t = [1, −0.5] and ∂L/∂C_t from the future = [0.5, 0.5]. */
export const backward: BackwardExample = backwardStep(example, [1, -0.5], [0.5, 0.5]);

// ---------------------------------------------------------------------------------------------
// Parameter counts (eq-param-count).

/** Parameters of one LSTM layer: four gates, each W ∈ ℝ^{H×(H+I)} and `biases` bias vectors of length H. */
export function lstmParamCount(inputSize: number, hiddenSize: number, biases: 1 | 2 = 1): number {
  const H = hiddenSize;
  return 4 * (H * (H + inputSize) + biases * H);
}

/** Parameters of a dense layer with bias. */
export function denseParamCount(inputSize: number, units: number): number {
  return inputSize * units + units;
}

/**
 * Input size of the article's Keras model: chapter 5 completes the listing with the first-digit task
 * (one-hot digits, I = 10), so chapters 4 and 5 count the same model.
 */
export const KERAS_INPUT_SIZE = INPUT_SIZE;

/** The article's Keras model, LSTM(128, return_sequences) → LSTM(128) → Dense(10), with I = 10. */
export const kerasModel = (() => {
  const I = KERAS_INPUT_SIZE;
  const layers = [
    { name: 'LSTM(128)', inputSize: I, units: 128, keras: lstmParamCount(I, 128, 1), torch: lstmParamCount(I, 128, 2) },
    { name: 'LSTM(128)', inputSize: 128, units: 128, keras: lstmParamCount(128, 128, 1), torch: lstmParamCount(128, 128, 2) },
    { name: 'Dense(10)', inputSize: 128, units: 10, keras: denseParamCount(128, 10), torch: denseParamCount(128, 10) },
  ];
  const total = layers.reduce((s, l) => s + l.keras, 0);
  const totalTorch = layers.reduce((s, l) => s + l.torch, 0);
  return { inputSize: I, layers, total, totalTorch };
})();

// ---------------------------------------------------------------------------------------------
// Source excerpts, so a chapter can show one function of a file that runs.

/**
 * The exported function `name` from a module's source text, with the doc comment right above it, up to its
 * closing brace at column 0. Throws when the function is not there, so a renamed function fails the build
 * instead of showing the wrong code.
 */
export function functionExcerpt(source: string, name: string): string {
  const start = source.indexOf(`export function ${name}(`);
  if (start < 0) throw new Error(`functionExcerpt: no "export function ${name}(" in the source`);
  const doc = source.lastIndexOf('/**', start);
  const docEnd = doc < 0 ? -1 : source.indexOf('*/', doc);
  const from = doc >= 0 && source.slice(docEnd + 2, start).trim() === '' ? doc : start;
  const end = source.indexOf('\n}\n', start);
  if (end < 0) throw new Error(`functionExcerpt: the body of ${name} does not end with "}" at column 0`);
  return source.slice(from, end + 2);
}

// ---------------------------------------------------------------------------------------------
// Formatting for KaTeX and prose.

/** A number with `digits` decimals; no "-0.000". */
export function fmt(x: number, digits = 3): string {
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

/** An integer with thousands separated by commas for prose (`99,328`), or by a thin space in TeX (`99\,328`). */
export function fmtInt(n: number, style: 'text' | 'tex' = 'text'): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, style === 'tex' ? '\\,' : ',');
}

/** A number in TeX scientific notation, `1.58 \times 10^{-7}`. */
export function sci(x: number, digits = 2): string {
  const [m, e] = x.toExponential(digits).split('e');
  return `${m} \\times 10^{${Number(e)}}`;
}

/** A column vector as a TeX bmatrix. */
export function vec(v: readonly number[], digits = 3): string {
  return String.raw`\begin{bmatrix}${v.map((x) => fmt(x, digits)).join(String.raw`\\`)}\end{bmatrix}`;
}

/** A matrix as a TeX bmatrix; `digits` decimals per entry. */
export function mat(rows: Rows, digits = 1): string {
  return String.raw`\begin{bmatrix}${rows.map((r) => r.map((x) => fmt(x, digits)).join(' & ')).join(String.raw`\\`)}\end{bmatrix}`;
}

/** A row of numbers as "(a, b)" for prose. */
export function tuple(v: readonly number[], digits = 3): string {
  return `(${v.map((x) => fmt(x, digits)).join(', ')})`;
}

/** TeX symbols of the four gates in the chapter's notation, keyed by PyTorch's gate letter. */
export const gateSymbol = { i: 'i_t', f: 'f_t', g: String.raw`\tilde{C}_t`, o: 'o_t' } as const;
/** TeX names of each gate's weights and bias. */
export const gateWeightSymbol = { i: ['W_i', 'b_i'], f: ['W_f', 'b_f'], g: ['W_C', 'b_C'], o: ['W_o', 'b_o'] } as const;

/**
 * The substituted formula of one gate:
 *   f_t = σ(W_f [h_{t-1}, x_t] + b_f)
 *       = σ( [W] [z] + [b] )
 *       = σ([pre]) = [value]
 */
export function gateTex(s: StepExample, gate: 'i' | 'f' | 'g' | 'o'): string {
  const act = gate === 'g' ? String.raw`\tanh` : String.raw`\sigma`;
  const [W, b] = gateWeightSymbol[gate];
  const { W: Wv, b: bv } = s.weights[gate];
  return String.raw`\begin{aligned}
${gateSymbol[gate]} &= ${act}\left(${W}\,[h_{t-1}, x_t] + ${b}\right)\\
 &= ${act}\left(${mat(Wv)}${vec(s.z, 1)} + ${vec(bv, 1)}\right)\\
 &= ${act}\left(${vec(s.pre[gate])}\right) = ${vec(s[gate])}
\end{aligned}`;
}

/** The substituted cell-state update C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t. */
export function cellTex(s: StepExample): string {
  return String.raw`\begin{aligned}
C_t &= f_t \odot C_{t-1} + i_t \odot \tilde{C}_t\\
 &= ${vec(s.f)} \odot ${vec(s.cPrev, 1)} + ${vec(s.i)} \odot ${vec(s.g)}\\
 &= ${vec(s.kept)} + ${vec(s.written)} = ${vec(s.c)}
\end{aligned}`;
}

/** The substituted hidden state h_t = o_t ⊙ tanh(C_t). */
export function hiddenTex(s: StepExample): string {
  return String.raw`h_t = o_t \odot \tanh(C_t) = ${vec(s.o)} \odot \tanh${vec(s.c)} = ${vec(s.o)} \odot ${vec(s.tanhC)} = ${vec(s.h)}`;
}
