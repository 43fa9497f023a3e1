/** Interface text of the LSTM cell diagram in both site languages. */
import { langOf, type WidgetLang } from '../shared/labels.ts';
import type { Stage, Wire } from './model.ts';

const TEXT = {
	en: {
		title: 'The LSTM cell, stage by stage',
		caption:
			'The cell state C runs along the top like a conveyor belt; the gates below read h_{t-1} and x_t. Choose a stage to see which wires it uses; every wire carries the numbers of the same step.',
		stage: 'Stage',
		next: 'Next stage',
		stageShort: { all: 'All stages', forget: '1. Forget', input: '2. Input and candidate', update: '3. Update of C', output: '4. Output' } satisfies Record<Stage, string>,
		stages: {
			all: 'All stages',
			forget: '1. Forget: f_t scales C_{t-1}',
			input: '2. Input and candidate: i_t, C̃_t',
			update: '3. Update: C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t',
			output: '4. Output: h_t = o_t ⊙ tanh(C_t)',
		} satisfies Record<Stage, string>,
		wireNames: {
			x: 'input x_t',
			hp: 'previous hidden state h_{t-1}',
			cp: 'previous cell state C_{t-1}',
			f: 'forget gate f_t',
			i: 'input gate i_t',
			g: 'candidate C̃_t',
			o: 'output gate o_t',
			c: 'cell state C_t',
			h: 'hidden state h_t',
		} satisfies Record<Wire, string>,
		diagramLabel: 'Diagram of one LSTM step: the cell state line on top, four gates below, with the numbers of this step',
		fallback: 'With JavaScript, a stage control highlights the wires of each stage.',
	},
	'zh-cn': {
		title: 'LSTM 细胞，一个阶段一个阶段地看',
		caption: '细胞状态 C 像传送带一样沿顶部流过；下方的门读取 h_{t-1} 和 x_t。选择一个阶段，看它用到哪些连线；每条连线上都是同一步的数字。',
		stage: '阶段',
		next: '下一阶段',
		stageShort: { all: '全部阶段', forget: '1. 遗忘', input: '2. 输入与候选', update: '3. 更新 C', output: '4. 输出' } satisfies Record<Stage, string>,
		stages: {
			all: '全部阶段',
			forget: '1. 遗忘：f_t 缩放 C_{t-1}',
			input: '2. 输入与候选：i_t、C̃_t',
			update: '3. 更新：C_t = f_t ⊙ C_{t-1} + i_t ⊙ C̃_t',
			output: '4. 输出：h_t = o_t ⊙ tanh(C_t)',
		} satisfies Record<Stage, string>,
		wireNames: {
			x: '输入 x_t',
			hp: '上一隐藏状态 h_{t-1}',
			cp: '上一细胞状态 C_{t-1}',
			f: '遗忘门 f_t',
			i: '输入门 i_t',
			g: '候选细胞状态 C̃_t',
			o: '输出门 o_t',
			c: '细胞状态 C_t',
			h: '隐藏状态 h_t',
		} satisfies Record<Wire, string>,
		diagramLabel: '一步 LSTM 的示意图：顶部是细胞状态线，下方是四个门，标有这一步的数字',
		fallback: '启用 JavaScript 后，阶段选择会高亮每个阶段的连线。',
	},
};

export type DiagramText = (typeof TEXT)['en'];

export function diagramText(lang: string | null | undefined): DiagramText {
	return TEXT[langOf(lang) as WidgetLang];
}
