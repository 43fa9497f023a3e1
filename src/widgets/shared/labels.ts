/**
 * Text that every widget shows the same way, in both languages: the "Reset" / "Copy link" row, the name of
 * a slider's number field, and the start, pause and resume buttons of the training widgets. Each widget's labels.ts spreads these into its
 * own table, so a reader meets one wording across the book.
 */
export type WidgetLang = 'en' | 'zh-cn';

/** 'en' or 'zh-cn' for a page language tag ('en', 'zh-CN', 'zh-cn'); anything else reads as English. */
export function langOf(lang: string | null | undefined): WidgetLang {
	return lang && lang.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}

export interface LinkText {
	reset: string;
	copy: string;
	copied: string;
	copyFailed: string;
}

/** The Reset and Copy link buttons and the copy status (components/widget/Actions.astro, runtime/element.ts). */
export const LINK_TEXT: Record<WidgetLang, LinkText> = {
	en: { reset: 'Reset', copy: 'Copy link', copied: 'Link copied.', copyFailed: 'Copy this link:' },
	'zh-cn': { reset: '重置', copy: '复制链接', copied: '链接已复制。', copyFailed: '请复制此链接：' },
};

/** The summary of the collapsible part of a widget's caption (components/widget/Caption.astro). */
export const LOOK_FOR_TEXT: Record<WidgetLang, string> = { en: 'What to look for', 'zh-cn': '观察要点' };

export interface ClassroomText {
	fullScreen: string;
	exitFullScreen: string;
	share: string;
	pin: string;
	pinned: string;
	backToPin: string;
	shareTitle: string;
	qrLabel: string;
	linkField: string;
	close: string;
	/** The notice of a link whose saved state could not be read. */
	unreadableLink: string;
}

/** Full screen, Share (the QR dialog), Pin and Back to pinned state (Actions.astro, runtime/share-dialog.ts). */
export const CLASSROOM_TEXT: Record<WidgetLang, ClassroomText> = {
	en: {
		fullScreen: 'Full screen',
		exitFullScreen: 'Exit full screen',
		share: 'Share',
		pin: 'Pin this state',
		pinned: 'Pinned: a shared link opens these numbers.',
		backToPin: 'Back to pinned state',
		shareTitle: 'Share this link',
		qrLabel: 'QR code of the link',
		linkField: 'Link',
		close: 'Close',
		unreadableLink: 'The link’s saved state could not be read; the widget starts from its defaults.',
	},
	'zh-cn': {
		fullScreen: '全屏',
		exitFullScreen: '退出全屏',
		share: '分享',
		pin: '固定此状态',
		pinned: '已固定：分享的链接会打开这些数值。',
		backToPin: '回到固定状态',
		shareTitle: '分享此链接',
		qrLabel: '链接的二维码',
		linkField: '链接',
		close: '关闭',
		unreadableLink: '无法读取链接中保存的状态，控件从默认值开始。',
	},
};

/** Added to a slider's label to name its number field (components/widget/Field.astro). */
export const TYPED_SUFFIX: Record<WidgetLang, string> = { en: ' (typed)', 'zh-cn': '（键入数值）' };

export interface TrainingText {
	start: string;
	pause: string;
	resume: string;
}

/** The start / pause / resume button of a widget that trains in a worker. */
export const TRAINING_TEXT: Record<WidgetLang, TrainingText> = {
	en: { start: 'Start training', pause: 'Pause', resume: 'Resume' },
	'zh-cn': { start: '开始训练', pause: '暂停', resume: '继续' },
};

export interface FaultText {
  /** Shown when a widget's worker failed or went silent; `detail` is the worker's own message. */
  stopped: (detail: string) => string;
  restart: string;
}

/** The line and button of a widget whose computation stopped (runtime/element.ts). */
export const FAULT_TEXT: Record<WidgetLang, FaultText> = {
  en: {
    stopped: (detail) => `The computation stopped (${detail}). Restart starts it again; your settings are kept.`,
    restart: 'Restart',
  },
  'zh-cn': {
    stopped: (detail) => `计算已停止（${detail}）。点击“重新开始”即可再次运行，设置保持不变。`,
    restart: '重新开始',
  },
};
