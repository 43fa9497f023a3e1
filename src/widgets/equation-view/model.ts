/**
 * One equation at a time (chapter 4), without the DOM: for a chosen equation of chapter 4's example cell
 * (weights of src/chapters/worked-examples.ts, the reader's x_t), what goes in, what comes out and the
 * local derivatives of the result with respect to what went in, as numbers and as TeX. Every number comes
 * from one lstmStep of the engine (model.ts of the cell explorer, `computeCell`).
 *
 *   gates   a = W·[h_{t-1}, x_t] + b,  f_t = σ(a):   ∂f_t/∂a = σ(a)(1 − σ(a))   (same for i_t, o_t)
 *           C̃_t = tanh(a):                            ∂C̃_t/∂a = 1 − tanh²(a)
 *   cell    C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t:          ∂C_t/∂C_{t-1} = f_t, ∂C_t/∂f_t = C_{t-1},
 *                                                     ∂C_t/∂i_t = C̃_t,  ∂C_t/∂C̃_t = i_t
 *   hidden  h_t = o_t ⊙ tanh(C_t):                     ∂h_t/∂o_t = tanh(C_t), ∂h_t/∂C_t = o_t (1 − tanh²(C_t))
 * All derivatives are element-wise (diagonal Jacobians), one entry per unit.
 */
import { computeCell, defaultsFor, type StepExample } from '../cell-explorer/model.ts';
import { EQUATIONS, EQUATION_VIEW_SCHEMA, type EquationId } from './schema.ts';

export { EQUATIONS, EQUATION_VIEW_SCHEMA, type EquationId };

/** A named vector (one entry per unit, or per entry of [h_{t-1}, x_t]) with its TeX symbol. */
export interface Named {
	tex: string;
	values: number[];
}

export interface EquationParts {
	/** The equation in symbols. */
	definition: string;
	inputs: Named[];
	result: Named;
	/** ∂result/∂input, element-wise: one vector per input it depends on directly. */
	derivatives: Named[];
}

const GATE_OF = { forget: 'f', input: 'i', candidate: 'g', output: 'o' } as const;
const GATE_TEX = { f: 'f_t', i: 'i_t', g: String.raw`\tilde{C}_t`, o: 'o_t' } as const;
const W_TEX = { f: ['W_f', 'b_f'], i: ['W_i', 'b_i'], g: ['W_C', 'b_C'], o: ['W_o', 'b_o'] } as const;

/** The step of chapter 4's example cell with input x (I = 2). Throws on a wrong length. */
export function exampleStep(x: readonly number[]): StepExample {
	if (x.length !== 2) throw new Error(`exampleStep: x_t must have 2 entries (I = 2), got ${x.length}`);
	return computeCell({ ...defaultsFor('pair'), x: [...x] });
}

/** Inputs, result and local derivatives of one equation in step `s`. */
export function equationParts(eq: EquationId, s: StepExample): EquationParts {
	if (!(EQUATIONS as readonly string[]).includes(eq)) throw new Error(`equationParts: '${eq}' is not one of ${EQUATIONS.join(', ')}`);
	if (eq === 'cell') {
		return {
			definition: String.raw`C_t = f_t \odot C_{t-1} + i_t \odot \tilde{C}_t`,
			inputs: [
				{ tex: 'f_t', values: [...s.f] },
				{ tex: 'C_{t-1}', values: [...s.cPrev] },
				{ tex: 'i_t', values: [...s.i] },
				{ tex: String.raw`\tilde{C}_t`, values: [...s.g] },
			],
			result: { tex: 'C_t', values: [...s.c] },
			derivatives: [
				{ tex: String.raw`\partial C_t / \partial C_{t-1} = f_t`, values: [...s.f] },
				{ tex: String.raw`\partial C_t / \partial f_t = C_{t-1}`, values: [...s.cPrev] },
				{ tex: String.raw`\partial C_t / \partial i_t = \tilde{C}_t`, values: [...s.g] },
				{ tex: String.raw`\partial C_t / \partial \tilde{C}_t = i_t`, values: [...s.i] },
			],
		};
	}
	if (eq === 'hidden') {
		const tc = s.c.map(Math.tanh);
		return {
			definition: String.raw`h_t = o_t \odot \tanh(C_t)`,
			inputs: [
				{ tex: 'o_t', values: [...s.o] },
				{ tex: 'C_t', values: [...s.c] },
			],
			result: { tex: 'h_t', values: [...s.h] },
			derivatives: [
				{ tex: String.raw`\partial h_t / \partial o_t = \tanh(C_t)`, values: tc },
				{ tex: String.raw`\partial h_t / \partial C_t = o_t \odot (1 - \tanh^2 C_t)`, values: s.o.map((o, j) => o * (1 - tc[j] ** 2)) },
			],
		};
	}
	const g = GATE_OF[eq];
	const act = g === 'g' ? String.raw`\tanh` : String.raw`\sigma`;
	const value = s[g];
	return {
		definition: String.raw`${GATE_TEX[g]} = ${act}(a),\quad a = ${W_TEX[g][0]}\,[h_{t-1}, x_t] + ${W_TEX[g][1]}`,
		inputs: [
			{ tex: '[h_{t-1}, x_t]', values: [...s.z] },
			{ tex: 'a', values: [...s.pre[g]] },
		],
		result: { tex: GATE_TEX[g], values: [...value] },
		derivatives: [
			g === 'g'
				? { tex: String.raw`\partial \tilde{C}_t / \partial a = 1 - \tanh^2(a)`, values: value.map((v) => 1 - v * v) }
				: { tex: String.raw`\partial ${GATE_TEX[g]} / \partial a = \sigma(a)\,(1 - \sigma(a))`, values: value.map((v) => v * (1 - v)) },
		],
	};
}

/** A column vector in TeX, four decimals (ASCII minus: KaTeX typesets it). */
export function texVector(values: readonly number[]): string {
	const num = (x: number) => {
		const t = x.toFixed(4);
		return /^-0\.0*$/.test(t) ? t.slice(1) : t;
	};
	return String.raw`\begin{bmatrix}${values.map(num).join(String.raw`\\`)}\end{bmatrix}`;
}

/** The four parts as display TeX: the definition, then `symbol = vector` for inputs, result, derivatives. */
export function partsTex(parts: EquationParts): { definition: string; inputs: string; result: string; derivatives: string } {
	const named = (list: readonly Named[]) => list.map((n) => `${n.tex} = ${texVector(n.values)}`).join(String.raw`,\quad `);
	return { definition: parts.definition, inputs: named(parts.inputs), result: named([parts.result]), derivatives: named(parts.derivatives) };
}
