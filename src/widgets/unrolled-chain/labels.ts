/** Interface text of the unrolled chain in both site languages. */
import { langOf } from '../shared/labels.ts';

const TEXT = {
	en: {
		title: 'The chain, unrolled: C rides through the steps',
		caption: 'The same cell, drawn once per step of the sequence stepper above. The cell-state line C runs through all of them; each copy shows C_t of the chosen unit and its gates. Step the stepper and the chain follows.',
		unit: 'Unit',
		waiting: 'Start or step the sequence stepper above: its steps appear here.',
		step: (t: number) => `step ${t}`,
		chartLabel: 'Four copies of the LSTM cell side by side with the cell-state line running through them',
		describe: (t: number, T: number, unit: number, c: string, f: string, i: string, input: string) =>
			`Step ${t} of ${T} (input ${input}): unit ${unit} carries C_t = ${c} on the cell-state line; its forget gate f_t = ${f} and input gate i_t = ${i}.`,
		fallback: 'With JavaScript, this chain follows the sequence stepper above, step by step.',
	},
	'zh-cn': {
		title: '展开的链：C 一步一步向前传',
		caption: '同一个细胞，按上面序列步进器的每一步各画一次。细胞状态线 C 穿过所有副本；每个副本显示所选单元的 C_t 和它的门。步进器走一步，这条链就跟着走一步。',
		unit: '单元',
		waiting: '启动或单步运行上面的序列步进器：它的各步会出现在这里。',
		step: (t: number) => `第 ${t} 步`,
		chartLabel: '四个并排的 LSTM 细胞副本，细胞状态线从中穿过',
		describe: (t: number, T: number, unit: number, c: string, f: string, i: string, input: string) =>
			`第 ${t} 步（共 ${T} 步，输入 ${input}）：单元 ${unit} 在细胞状态线上携带 C_t = ${c}；遗忘门 f_t = ${f}，输入门 i_t = ${i}。`,
		fallback: '启用 JavaScript 后，这条链会一步一步跟随上面的序列步进器。',
	},
};

export type ChainText = (typeof TEXT)['en'];

export function chainText(lang: string | null | undefined): ChainText {
	return TEXT[langOf(lang)];
}
