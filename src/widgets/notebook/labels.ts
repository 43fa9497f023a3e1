/** The cells' words in both languages (the page's <html lang> picks). */
export const LABELS = {
	en: {
		running: 'Running…',
		done: (ms: number) => `Done in ${ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`}.`,
		failed: 'The cell stopped with an error.',
		errorAt: (line: number, column: number) => `line ${line}:${column}`,
		stopped: (why: string, again: string[]) =>
			`${why} The cells' worker was ended, so the state of every cell was reset.` +
			(again.length ? ` Run again: ${again.join(', ')}.` : ''),
		stoppedByReader: 'Stopped.',
		timeLimit: (s: number) => `Stopped at the time limit of ${s} s.`,
		limitRefused: (kept: number) => `The time limit is a whole number of seconds from 1 to 600; it stays ${kept} s.`,
		waiting: 'Waiting for the cell before it…',
		editor: (title: string) => `Code of ${title}`,
		changed: 'Changed from the original (Reset restores it).',
		fromLink: 'This code came with the link and has not run: read it, then press Run.',
		chart: (names: string[]) => `Chart of ${names.join(', ')}`,
		progress: 'Progress',
	},
	'zh-cn': {
		running: '运行中…',
		done: (ms: number) => `完成，用时 ${ms < 1000 ? `${Math.round(ms)} 毫秒` : `${(ms / 1000).toFixed(1)} 秒`}。`,
		failed: '单元格因错误而停止。',
		errorAt: (line: number, column: number) => `第 ${line} 行第 ${column} 列`,
		stopped: (why: string, again: string[]) =>
			`${why}运行单元格的 Worker 已结束，所有单元格的状态都已重置。` + (again.length ? `请重新运行：${again.join('、')}。` : ''),
		stoppedByReader: '已停止。',
		timeLimit: (s: number) => `已达到 ${s} 秒的时间上限，已停止。`,
		limitRefused: (kept: number) => `时间上限是 1 到 600 之间的整数秒；仍为 ${kept} 秒。`,
		waiting: '等待前一个单元格…',
		editor: (title: string) => `${title} 的代码`,
		changed: '已修改（“重置”可恢复原始代码）。',
		fromLink: '这段代码来自链接，尚未运行：请先阅读，再按“运行”。',
		chart: (names: string[]) => `${names.join('、')} 的图表`,
		progress: '进度',
	},
};
export type CellLabels = (typeof LABELS)['en'];
export function labelsFor(lang: string): CellLabels {
	return lang.toLowerCase().startsWith('zh') ? (LABELS['zh-cn'] as CellLabels) : LABELS.en;
}
