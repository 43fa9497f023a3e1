/** Interface text of the sequence stepper in both site languages. Symbols (i_t[1], C_t) are the same in both. */
import type { ModelName, Series } from './model.ts';
import { LINK_TEXT, langOf, type WidgetLang } from '../shared/labels.ts';

export { langOf, type WidgetLang };

/** Symbol of each series as used in readout names ("C_t[3]"); g is the chapter's candidate C̃_t. */
export const SERIES_SYMBOL: Record<Series, string> = { i: 'i_t', f: 'f_t', g: 'g_t', o: 'o_t', c: 'C_t', h: 'h_t' };

const TEXT = {
	en: {
		title: 'Sequence stepper: an LSTM reading a sequence, step by step',
		caption:
			'Every number is computed in your browser by the engine, one lstmStep per element of the sequence. Heatmaps: one row per unit, one column per step; the outlined column is the current step. The latch model’s weights are set by hand; the character model was trained on this book’s English chapters by scripts/train-stepper-model.ts.',
		fallback:
			'With JavaScript, this figure runs a sequence through a small LSTM: a hand-set latch on a pulse train, or a character model on a text you type. You can step through it, play it, and see heatmaps of the gates i, f, g, o, the cell state C and the hidden state h of every unit over time, with the numbers at the current step.',
		staticCaption: 'The latch model on its default pulse train, computed at build time',
		step: 'Step',
		model: 'Model',
		models: { latch: 'Hand-set latch (pulse train)', char: 'Character model (your text)' } satisfies Record<ModelName, string>,
		seed: 'Seed (pulse values)',
		text: 'Text to read',
		textNote: (max: number, bits: string) => `Up to ${max} characters; the model knows plain ASCII. It reaches ${bits} bits per character on its training text.`,
		replaced: (chars: string) => `Not in the model’s alphabet, read as a space: ${chars}`,
		stepSlider: 'Step t',
		back: 'Previous step',
		forward: 'Next step',
		play: 'Play',
		pause: 'Pause',
		speed: 'Speed (steps per second)',
		unit: 'Unit for the C_t chart and readouts',
		unitName: (j: number) => `Unit ${j}`,
		window: 'Units in the heatmaps',
		windowName: (a: number, b: number) => `Units ${a}–${b}`,
		...LINK_TEXT.en,
		computing: 'Computing…',
		now: 'At the current step',
		input: 'Input',
		inputChar: 'x_t (character read)',
		channel: { value: 'value', write: 'write', read: 'read', clear: 'clear' } as Record<string, string>,
		prediction: (k: number) => `Prediction ${k}`,
		predictions: 'Most likely next characters',
		quantity: 'Quantity',
		series: {
			i: 'input gate i',
			f: 'forget gate f',
			g: 'candidate g (C̃)',
			o: 'output gate o',
			c: 'cell state C',
			h: 'hidden state h',
		} satisfies Record<Series, string>,
		heatmapsLabel: 'Heatmaps over time',
		heatmapAria: (name: string, a: number, b: number, T: number, t: number, lo: string, hi: string) =>
			`Heatmap of ${name} for units ${a} to ${b} over ${T} steps; values from ${lo} to ${hi}; step ${t} is outlined.`,
		inputAria: (T: number, t: number) =>
			`Heatmap of the inputs (value from −1 to 1; write, read and clear are 0 or 1) over ${T} steps; step ${t} is outlined.`,
		lineAria: (j: number, T: number, t: number, c: string, lo: string, hi: string) =>
			`Line chart of C_t for unit ${j} over ${T} steps, from ${lo} to ${hi}; at step ${t} it is ${c}.`,
		lineTitle: (j: number) => `C_t of unit ${j} over time`,
		describeLatch: (t: number, T: number, x: string[], units: string[]) =>
			`Step ${t} of ${T}: value ${x[0]}, write ${x[1]}, read ${x[2]}, clear ${x[3]}. ${units.join(' ')}`,
		describeChar: (t: number, T: number, ch: string, unit: string, top: string) =>
			`Step ${t} of ${T}: reading “${ch}”. ${unit} Most likely next: ${top}.`,
		describeUnit: (j: number, v: Record<Series, string>) =>
			`Unit ${j}: i ${v.i}, f ${v.f}, g ${v.g}, o ${v.o}, C ${v.c}, h ${v.h}.`,
		latchNote:
			'Unit 1 is a latch: its input gate opens and its forget gate shuts only when “write” fires, so C takes the candidate C̃ = tanh(2 · value), a squashed copy of the value written (−0.65 is stored as about −0.86), and holds it until “clear” fires; its output gate opens only when “read” fires, so h stays near 0 while the value is held and shows tanh(C) on a read. Unit 2 has no memory (f ≈ 0, i ≈ 1) and an open output gate: its C is tanh(2 · value) of the current step, every step.',
		listSeparator: ', ',
		charNote: 'Look for units whose C changes slowly across a word, and compare the predictions after a space with those inside a word.',
	},
	'zh-cn': {
		title: '序列步进器：LSTM 一步一步读一个序列',
		caption:
			'每个数字都由引擎在你的浏览器中计算，序列的每个元素调用一次 lstmStep。热图中每行是一个单元，每列是一个时间步；加框的一列是当前步。锁存模型的权重是手工设定的；字符模型由 scripts/train-stepper-model.ts 在本书的英文章节上训练。',
		fallback:
			'启用 JavaScript 后，这个图会让一个序列流过一个小型 LSTM：在脉冲序列上运行的手工设定锁存模型，或在你输入的文本上运行的字符模型。你可以逐步前进或后退、自动播放，并看到每个单元的输入门 i、遗忘门 f、候选细胞状态 g、输出门 o、细胞状态 C 和隐藏状态 h 随时间变化的热图，以及当前步的数值。',
		staticCaption: '锁存模型在默认脉冲序列上的结果（构建时计算）',
		step: '步',
		model: '模型',
		models: { latch: '手工设定的锁存器（脉冲序列）', char: '字符模型（你的文本）' } satisfies Record<ModelName, string>,
		seed: '随机种子（脉冲数值）',
		text: '要读的文本',
		textNote: (max: number, bits: string) => `最多 ${max} 个字符；模型只认识 ASCII 字符（它是在英文章节上训练的）。它在训练文本上达到每字符 ${bits} 比特。`,
		replaced: (chars: string) => `不在模型字母表中，按空格读入：${chars}`,
		stepSlider: '时间步 t',
		back: '上一步',
		forward: '下一步',
		play: '播放',
		pause: '暂停',
		speed: '速度（每秒步数）',
		unit: 'C_t 折线图和读数所用的单元',
		unitName: (j: number) => `单元 ${j}`,
		window: '热图中显示的单元',
		windowName: (a: number, b: number) => `单元 ${a}–${b}`,
		...LINK_TEXT['zh-cn'],
		computing: '正在计算…',
		now: '当前步',
		input: '输入',
		inputChar: 'x_t（读入的字符）',
		channel: { value: '数值', write: '写入', read: '读出', clear: '清除' } as Record<string, string>,
		prediction: (k: number) => `预测 ${k}`,
		predictions: '最可能的下一个字符',
		quantity: '量',
		series: {
			i: '输入门 i',
			f: '遗忘门 f',
			g: '候选细胞状态 g（C̃）',
			o: '输出门 o',
			c: '细胞状态 C',
			h: '隐藏状态 h',
		} satisfies Record<Series, string>,
		heatmapsLabel: '随时间变化的热图',
		heatmapAria: (name: string, a: number, b: number, T: number, t: number, lo: string, hi: string) =>
			`${name}的热图，单元 ${a} 到 ${b}，共 ${T} 步；数值从 ${lo} 到 ${hi}；第 ${t} 步加框。`,
		inputAria: (T: number, t: number) => `输入的热图（数值从 −1 到 1；写入、读出、清除为 0 或 1），共 ${T} 步；第 ${t} 步加框。`,
		lineAria: (j: number, T: number, t: number, c: string, lo: string, hi: string) =>
			`单元 ${j} 的 C_t 折线图，共 ${T} 步，从 ${lo} 到 ${hi}；第 ${t} 步为 ${c}。`,
		lineTitle: (j: number) => `单元 ${j} 的 C_t 随时间变化`,
		describeLatch: (t: number, T: number, x: string[], units: string[]) =>
			`第 ${t} 步（共 ${T} 步）：数值 ${x[0]}，写入 ${x[1]}，读出 ${x[2]}，清除 ${x[3]}。${units.join(' ')}`,
		describeChar: (t: number, T: number, ch: string, unit: string, top: string) =>
			`第 ${t} 步（共 ${T} 步）：读入“${ch}”。${unit} 最可能的下一个字符：${top}。`,
		describeUnit: (j: number, v: Record<Series, string>) =>
			`单元 ${j}：i ${v.i}，f ${v.f}，g ${v.g}，o ${v.o}，C ${v.c}，h ${v.h}。`,
		latchNote:
			'单元 1 是锁存器：只有“写入”触发时，它的输入门才打开、遗忘门才关闭，所以 C 取候选细胞状态 C̃ = tanh(2 · 数值)，即写入数值被压缩后的副本（−0.65 存为约 −0.86），并一直保持到“清除”触发；它的输出门只在“读出”触发时打开，所以保持数值期间 h 接近 0，读出时 h 显示 tanh(C)。单元 2 没有记忆（f ≈ 0，i ≈ 1），输出门一直打开：它的 C 每一步都是当前数值的 tanh(2 · 数值)。',
		listSeparator: '，',
		charNote: '找一找在一个单词内 C 变化缓慢的单元，并比较空格之后与单词中间的预测。',
	},
};

export type StepperText = (typeof TEXT)['en'];

/** The widget's text for a page language tag ('en', 'zh-CN', 'zh-cn'). */
export function textFor(lang: string | null | undefined): StepperText {
	return TEXT[langOf(lang)];
}
