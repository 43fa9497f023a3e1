/**
 * Site-wide interface strings in both languages. Widgets keep their own small tables next to their code;
 * this one holds the labels of the shell's additions (equation anchors, exercises).
 */
export const LANGS = ['en', 'zh-cn'] as const;
export type Lang = (typeof LANGS)[number];

const strings = {
	en: {
		equationAnchor: 'Link to this equation',
		exercises: 'Exercises',
		exercise: 'Exercise',
		hint: 'Hint',
		showHint: 'Show a hint',
		startOver: 'Start over',
		answer: 'Answer',
		yourAnswer: 'Your answer',
		check: 'Check',
		correct: 'Correct.',
		incorrect: 'Not quite. Try again, or open the hint.',
		invalidNumber: 'Please enter a number, for example 0.5.',
		chooseOption: 'Please choose an option.',
	},
	'zh-cn': {
		equationAnchor: '本公式的链接',
		exercises: '练习',
		exercise: '练习',
		hint: '提示',
		showHint: '显示一条提示',
		startOver: '重新开始',
		answer: '答案',
		yourAnswer: '你的答案',
		check: '检查',
		correct: '正确。',
		incorrect: '还不对。再试一次，或者看看提示。',
		invalidNumber: '请输入一个数字，例如 0.5。',
		chooseOption: '请选择一个选项。',
	},
} satisfies Record<Lang, Record<string, string>>;

export type SiteStringKey = keyof (typeof strings)['en'];

/** Normalises a locale tag ('zh-CN', 'zh-cn', undefined) to one of the site languages. */
export function toLang(tag: string | undefined | null): Lang {
	return tag && tag.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

/** The interface string `key` in `lang`. */
export function t(lang: Lang, key: SiteStringKey): string {
	return strings[lang][key];
}

/** Language of a content file from its path (`.../content/zh-cn/04-math.mdx` → 'zh-cn'). */
export function langFromPath(path: string | undefined): Lang {
	const m = /[\\/]content[\\/]([^\\/]+)[\\/]/.exec(path ?? '');
	return toLang(m?.[1]);
}
