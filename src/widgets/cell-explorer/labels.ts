/** Interface text of the cell explorer in both site languages. Symbols (f_t[1], W_f[1,2]) are the same in both. */
import type { Preset } from './model.ts';
import { LINK_TEXT, langOf, type WidgetLang } from '../shared/labels.ts';

export { langOf, type WidgetLang };

const TEXT = {
	en: {
		title: 'Cell explorer: one LSTM step with your numbers',
		caption:
			'Every number is computed in your browser by the engine’s lstmStep: change an input, a weight or a bias and the wires of the diagram and all six equations show the new step. Hover or focus a wire, a number in an equation or a readout to find the others.',
		fallback: 'With JavaScript, sliders for x_t, h_{t-1} and C_{t-1}, an editor for every weight and bias, presets, live readouts and the six equations with your numbers appear here. Below: the same step with the default numbers, computed when the page was built.',
		staticCaption: 'Outputs of the default cell, computed at build time',
		unit: (j: number) => `Unit ${j}`,
		quantity: 'Quantity',
		size: 'Size',
		sizes: { pair: 'I = 2, H = 2', scalar: 'Scalar: I = H = 1' },
		inputs: 'Inputs of the step',
		weights: 'Weights and biases',
		weightsNote:
			'Each row of W acts on the concatenation [h_{t-1}, x_t]: the first H columns multiply h_{t-1}, the last I columns multiply x_t. PyTorch stores the same numbers split in two: the h-columns of all four gates in weight_hh_l0 and the x-columns in weight_ih_l0 (row blocks in gate order i, f, g, o, where g is the candidate C̃), and it keeps two biases, bias_ih_l0 and bias_hh_l0, whose sum is b. Here bias_ih = b and bias_hh = 0.',
		weightLabel: (name: string, row: number, col: number, colName: string) => `${name}[${row},${col}] (unit ${row}, ${colName})`,
		biasLabel: (name: string, row: number) => `${name}[${row}]`,
		rowHeader: (j: number) => `unit ${j}`,
		presets: 'Presets',
		preset: {
			remember: 'Remember everything',
			forget: 'Forget everything',
			write: 'Write',
			read: 'Read',
			random: 'Random weights',
		} satisfies Record<Preset, string>,
		presetHelp: {
			remember: 'f ≈ 1, i ≈ 0: C_t ≈ C_{t-1}',
			forget: 'f ≈ 0: the old memory is dropped',
			write: 'i ≈ 1, f ≈ 0: C_t ≈ C̃_t',
			read: 'o ≈ 1: h_t ≈ tanh(C_t)',
			random: 'U(−1, 1) from the seed',
		} satisfies Record<Preset, string>,
		seed: 'Seed',
		readouts: 'Results of the step',
		diagram: 'The cell with these numbers on its wires',
		equations: 'The six equations with these numbers',
		equationLabel: (name: string) => `${name}, with the current numbers (use the arrow keys to move between its numbers)`,
		...LINK_TEXT.en,
		presetApplied: (name: string, help: string) => `Preset “${name}” applied: ${help}.`,
		barsNote: 'Bars: f_t, i_t and o_t from 0 to 1; C̃_t and h_t from −1 to 1; C_t from −2 to 2 (C_t has no bound: beyond ±2 its bar stays full).',
		describe: (j: number, v: Record<string, string>) =>
			`Unit ${j}: the forget gate keeps f_t = ${v.f} of C_{t-1} = ${v.cp}, the input gate writes i_t = ${v.i} of the candidate C̃_t = ${v.g}, so C_t = ${v.c}; the output gate o_t = ${v.o} lets through h_t = ${v.h}.`,
		mathError: 'The equations could not be typeset:',
	},
	'zh-cn': {
		title: '细胞探索器：用你的数字走一步 LSTM',
		caption:
			'每个数字都由引擎的 lstmStep 在你的浏览器中计算：改变任一输入、权重或偏置，示意图的连线和六个公式都会显示新的一步。悬停或聚焦一条连线、公式中的数字或读数，其余对应之处都会高亮。',
		fallback: '启用 JavaScript 后，这里会出现 x_t、h_{t-1}、C_{t-1} 的滑块，所有权重和偏置的编辑器，预设，实时读数，以及代入你的数字的六个公式。下面是构建网站时用默认数字计算的同一步。',
		staticCaption: '默认细胞的输出（构建时计算）',
		unit: (j: number) => `单元 ${j}`,
		quantity: '量',
		size: '规模',
		sizes: { pair: 'I = 2，H = 2', scalar: '标量：I = H = 1' },
		inputs: '这一步的输入',
		weights: '权重与偏置',
		weightsNote:
			'W 的每一行作用于拼接向量 [h_{t-1}, x_t]：前 H 列乘 h_{t-1}，后 I 列乘 x_t。PyTorch 把同样的数字分成两块存放：四个门的 h 列在 weight_hh_l0 中，x 列在 weight_ih_l0 中（行块按门的顺序 i、f、g、o，其中 g 即候选细胞状态 C̃）；它还保存两个偏置 bias_ih_l0 和 bias_hh_l0，二者之和才是 b。这里 bias_ih = b，bias_hh = 0。',
		weightLabel: (name: string, row: number, col: number, colName: string) => `${name}[${row},${col}]（单元 ${row}，${colName}）`,
		biasLabel: (name: string, row: number) => `${name}[${row}]`,
		rowHeader: (j: number) => `单元 ${j}`,
		presets: '预设',
		preset: {
			remember: '全部记住',
			forget: '全部遗忘',
			write: '写入',
			read: '读出',
			random: '随机权重',
		} satisfies Record<Preset, string>,
		presetHelp: {
			remember: 'f ≈ 1，i ≈ 0：C_t ≈ C_{t-1}',
			forget: 'f ≈ 0：丢弃旧的记忆',
			write: 'i ≈ 1，f ≈ 0：C_t ≈ C̃_t',
			read: 'o ≈ 1：h_t ≈ tanh(C_t)',
			random: '由种子生成的 U(−1, 1)',
		} satisfies Record<Preset, string>,
		seed: '随机种子',
		readouts: '这一步的结果',
		diagram: '连线上标有这些数字的细胞',
		equations: '代入这些数字的六个公式',
		equationLabel: (name: string) => `${name}，代入当前数字（用方向键在其中的数字之间移动）`,
		...LINK_TEXT['zh-cn'],
		presetApplied: (name: string, help: string) => `已应用预设“${name}”：${help}。`,
		barsNote: '条形的范围：f_t、i_t、o_t 为 0 到 1；C̃_t 和 h_t 为 −1 到 1；C_t 为 −2 到 2（C_t 没有界，超出 ±2 时条形保持满格）。',
		describe: (j: number, v: Record<string, string>) =>
			`单元 ${j}：遗忘门 f_t = ${v.f}，保留 C_{t-1} = ${v.cp} 的这一比例；输入门 i_t = ${v.i}，写入候选细胞状态 C̃_t = ${v.g} 的这一比例，所以 C_t = ${v.c}；输出门 o_t = ${v.o}，放出 h_t = ${v.h}。`,
		mathError: '公式无法排版：',
	},
};

export type CellText = (typeof TEXT)['en'];

/** Names of the six equations (same in both languages: the symbols). */
export const EQUATION_NAMES: Record<string, { en: string; 'zh-cn': string }> = {
	'eq-forget-gate': { en: 'Forget gate f_t', 'zh-cn': '遗忘门 f_t' },
	'eq-input-gate': { en: 'Input gate i_t', 'zh-cn': '输入门 i_t' },
	'eq-candidate': { en: 'Candidate C̃_t', 'zh-cn': '候选细胞状态 C̃_t' },
	'eq-cell-state': { en: 'Cell state C_t', 'zh-cn': '细胞状态 C_t' },
	'eq-output-gate': { en: 'Output gate o_t', 'zh-cn': '输出门 o_t' },
	'eq-hidden-state': { en: 'Hidden state h_t', 'zh-cn': '隐藏状态 h_t' },
};

/** The widget's text for a page language tag ('en', 'zh-CN', 'zh-cn'). */
export function textFor(lang: string | null | undefined): CellText {
	return TEXT[langOf(lang)];
}
