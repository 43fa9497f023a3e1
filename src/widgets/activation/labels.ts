/** Interface text of the activation explorer in both site languages. */
import type { Curve, Values } from './model.ts';
import { formatNumber, formatZ } from './model.ts';
import { LINK_TEXT } from '../shared/labels.ts';

export type WidgetLang = 'en' | 'zh-cn';

/** Symbols are the same in both languages. */
export const SYMBOLS: Record<Curve, string> = {
	sigmoid: 'σ(z)',
	tanh: 'tanh(z)',
	dsigmoid: 'σ′(z)',
	dtanh: 'tanh′(z)',
};

const TEXT = {
	en: {
		...LINK_TEXT.en,
		title: 'Activation explorer: σ, tanh and their slopes',
		caption:
			'The sigmoid σ squashes any input into (0, 1) and drives the gates; tanh squashes into (−1, 1) and shapes the candidate and the output. Their derivatives σ′ and tanh′ say how much gradient flows back through them: both fade as |z| grows.',
		fallback: 'With JavaScript, a chart of the four curves appears here with a slider that moves a point along them.',
		tableCaption: 'Values computed at build time',
		slider: 'Input z',
		number: 'Input z, typed',
		readouts: 'Values at the chosen z',
		chartLabel: 'Chart of σ(z), tanh(z), σ′(z) and tanh′(z) for z from −6 to 6',
		describe: (z: number, v: Values) =>
			`Curves of σ (from 0 to 1), tanh (from −1 to 1) and their derivatives σ′ (peak 0.25 at z = 0) and tanh′ (peak 1 at z = 0), for z from −6 to 6. ` +
			`The marked point is at z = ${formatZ(z)}: σ(z) = ${formatNumber(v.sigmoid)}, tanh(z) = ${formatNumber(v.tanh)}, ` +
			`σ′(z) = ${formatNumber(v.dsigmoid)}, tanh′(z) = ${formatNumber(v.dtanh)}.`,
	},
	'zh-cn': {
		...LINK_TEXT['zh-cn'],
		title: '激活函数探索器：σ、tanh 及其斜率',
		caption:
			'sigmoid 函数 σ 把任意输入压缩到 (0, 1)，用于各个门；tanh 把输入压缩到 (−1, 1)，用于候选细胞状态和输出。导数 σ′ 与 tanh′ 决定有多少梯度能反向传回：|z| 越大，两者越小。',
		fallback: '启用 JavaScript 后，这里会出现四条曲线的图表，以及一个沿曲线移动点的滑块。',
		tableCaption: '构建时计算的数值',
		slider: '输入 z',
		number: '输入 z（键入数值）',
		readouts: '所选 z 处的数值',
		chartLabel: 'z 从 −6 到 6 时 σ(z)、tanh(z)、σ′(z) 和 tanh′(z) 的图表',
		describe: (z: number, v: Values) =>
			`图中是 σ（从 0 到 1）、tanh（从 −1 到 1）以及它们的导数 σ′（在 z = 0 处最大，为 0.25）和 tanh′（在 z = 0 处最大，为 1），z 从 −6 到 6。` +
			`标记点位于 z = ${formatZ(z)}：σ(z) = ${formatNumber(v.sigmoid)}，tanh(z) = ${formatNumber(v.tanh)}，` +
			`σ′(z) = ${formatNumber(v.dsigmoid)}，tanh′(z) = ${formatNumber(v.dtanh)}。`,
	},
};

export type ActivationText = (typeof TEXT)['en'];

/** The widget's text for a page language tag ('en', 'zh-CN', 'zh-cn'). */
export function textFor(lang: string | null | undefined): ActivationText {
	return lang && lang.toLowerCase().startsWith('zh') ? TEXT['zh-cn'] : TEXT.en;
}
