/** Presenter mode's words, in both languages (components/Presenter.astro, presenter.ts). */
import type { WidgetLang } from '../../widgets/shared/labels.ts';

export interface PresenterText {
  present: string;
  /** How the button's shortcut is written for readers. */
  shortcutHint: string;
  slides: string;
  bar: string;
  previous: string;
  next: string;
  exit: string;
  slideOf: (n: number, count: number) => string;
}

export const PRESENTER_TEXT: Record<WidgetLang, PresenterText> = {
  en: {
    present: 'Present',
    shortcutHint: 'Alt+Shift+P',
    slides: 'Slides',
    bar: 'Presentation',
    previous: 'Previous slide',
    next: 'Next slide',
    exit: 'Exit presentation',
    slideOf: (n, count) => `Slide ${n} of ${count}`,
  },
  'zh-cn': {
    present: '演示',
    shortcutHint: 'Alt+Shift+P',
    slides: '幻灯片',
    bar: '演示控制',
    previous: '上一张',
    next: '下一张',
    exit: '退出演示',
    slideOf: (n, count) => `第 ${n} 张，共 ${count} 张`,
  },
};
