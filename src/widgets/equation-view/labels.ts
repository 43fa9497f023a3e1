/** Interface text of the one-equation view (chapter 4) in both site languages. */
import { langOf } from '../shared/labels.ts';
import type { EquationId } from './model.ts';

const TEXT = {
	en: {
		title: 'One equation at a time',
		caption: 'Chapter 4’s example cell, one equation at a time: what goes in, what comes out, and the derivative of the result with respect to each input (element-wise, one entry per unit). Change x_t and every number follows; all come from the engine’s lstmStep.',
		equation: 'Equation',
		equations: {
			forget: 'Forget gate f_t',
			input: 'Input gate i_t',
			candidate: 'Candidate C̃_t',
			cell: 'Cell state C_t',
			output: 'Output gate o_t',
			hidden: 'Hidden state h_t',
		} satisfies Record<EquationId, string>,
		x: (k: number) => `x_t[${k}]`,
		inputs: 'Inputs',
		result: 'Result',
		derivative: 'Derivative',
		fallback: 'With JavaScript you can pick any of the six equations and change x_t. Below: the forget gate with the chapter’s numbers.',
	},
	'zh-cn': {
		title: '一次看一个公式',
		caption: '第 4 章的示例细胞，一次看一个公式：输入什么、得到什么，以及结果对每个输入的导数（逐元素，每个单元一项）。改变 x_t，所有数字随之改变；它们都来自引擎的 lstmStep。',
		equation: '公式',
		equations: {
			forget: '遗忘门 f_t',
			input: '输入门 i_t',
			candidate: '候选细胞状态 C̃_t',
			cell: '细胞状态 C_t',
			output: '输出门 o_t',
			hidden: '隐藏状态 h_t',
		} satisfies Record<EquationId, string>,
		x: (k: number) => `x_t[${k}]`,
		inputs: '输入',
		result: '结果',
		derivative: '导数',
		fallback: '启用 JavaScript 后，可以选择六个公式中的任意一个并改变 x_t。下面是代入本章数字的遗忘门。',
	},
};

export type EquationViewText = (typeof TEXT)['en'];

export function equationViewText(lang: string | null | undefined): EquationViewText {
	return TEXT[langOf(lang)];
}
