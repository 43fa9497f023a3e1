/**
 * The one short line a widget shows when its link asked for something it cannot do ("The link set
 * T = 10⁷; the largest is 200."), in both languages. DOM-free; the notices come from parseState
 * (shared/url-state.ts).
 */
import type { Notice } from '../shared/url-state.ts';
import type { WidgetLang } from '../shared/labels.ts';

/** At most this many notices are spelled out; the rest are counted. */
const SPELLED_OUT = 3;

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** A number as a reader writes it: 200, 0.25, 10⁷, 2.5 × 10⁻⁸ (lists comma-separated). */
export function formatValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs >= 1e6 || abs < 1e-4)) {
    const [mantissa, exponent] = value.toExponential().split('e');
    const power = `10${[...String(Number(exponent))].map((c) => SUPERSCRIPT[c]).join('')}`;
    const m = Number(Number(mantissa).toPrecision(4));
    return m === 1 ? power : m === -1 ? `−${power}` : `${m} × ${power}`;
  }
  return String(Number(value.toPrecision(6)));
}

/** The raw text of a link as a number when it is one (so 1e7 reads 10⁷), else as written. */
function formatRaw(raw: string): string {
  const n = Number(raw);
  return raw.trim() !== '' && Number.isFinite(n) && /^[+-]?[\d.]+(e[+-]?\d+)?$/i.test(raw) ? formatValue(n) : raw;
}

type Words = (n: Notice, name: string) => string;

const EN: Record<Notice['reason'], Words> = {
  malformed: (n, name) => `The link set ${name} to “${n.raw}”, which is not a valid value; ${formatValue(n.used)} is used.`,
  'above-max': (n, name) => `The link set ${name} = ${formatRaw(n.raw)}; the largest is ${formatValue(n.limit)}.`,
  'below-min': (n, name) => `The link set ${name} = ${formatRaw(n.raw)}; the smallest is ${formatValue(n.limit)}.`,
  'not-integer': (n, name) => `The link set ${name} = ${n.raw}; it takes whole numbers, so ${formatValue(n.used)} is used.`,
  'not-a-choice': (n, name) => `The link set ${name} to “${n.raw}”, which is not one of the choices; ${formatValue(n.used)} is used.`,
  'too-long': (n, name) => `The link's ${name} was longer than ${formatValue(n.limit)} characters and was cut.`,
  'wrong-length': (n, name) => `The link's ${name} (“${n.raw}”) does not fit this widget; ${formatValue(n.used)} is used.`,
  'items-dropped': (n, name) => `Some entries of the link's ${name} (“${n.raw}”) are not allowed; ${formatValue(n.used)} is used.`,
  duplicate: (n, name) => `The link set ${name} more than once; the first value, ${formatValue(n.used)}, is used.`,
  unknown: (_n, name) => `The link's “${name}” is not a setting of this widget and was ignored.`,
};

const ZH: Record<Notice['reason'], Words> = {
  malformed: (n, name) => `链接把 ${name} 设为“${n.raw}”，这不是有效的值；现在使用 ${formatValue(n.used)}。`,
  'above-max': (n, name) => `链接把 ${name} 设为 ${formatRaw(n.raw)}；最大只能取 ${formatValue(n.limit)}。`,
  'below-min': (n, name) => `链接把 ${name} 设为 ${formatRaw(n.raw)}；最小只能取 ${formatValue(n.limit)}。`,
  'not-integer': (n, name) => `链接把 ${name} 设为 ${n.raw}；这里只取整数，现在使用 ${formatValue(n.used)}。`,
  'not-a-choice': (n, name) => `链接把 ${name} 设为“${n.raw}”，不在可选项中；现在使用 ${formatValue(n.used)}。`,
  'too-long': (n, name) => `链接中的 ${name} 超过 ${formatValue(n.limit)} 个字符，已截断。`,
  'wrong-length': (n, name) => `链接中的 ${name}（“${n.raw}”）不适用于这个组件；现在使用 ${formatValue(n.used)}。`,
  'items-dropped': (n, name) => `链接中的 ${name}（“${n.raw}”）有些项不被允许；现在使用 ${formatValue(n.used)}。`,
  duplicate: (n, name) => `链接多次设置了 ${name}；使用第一个值 ${formatValue(n.used)}。`,
  unknown: (_n, name) => `链接中的“${name}”不是这个组件的设置，已忽略。`,
};

const MORE: Record<WidgetLang, (k: number) => string> = {
  en: (k) => `(${k} more ${k === 1 ? 'change' : 'changes'} to the link.)`,
  'zh-cn': (k) => `（链接另有 ${k} 处被更改。）`,
};

/**
 * One line for all of a link's notices, or '' when there are none. `nameOf` gives a field's name as the
 * widget's controls show it (the key itself when the widget has none).
 */
export function noticeLine(notices: readonly Notice[], lang: WidgetLang, nameOf: (field: string) => string): string {
  if (notices.length === 0) return '';
  const words = lang === 'zh-cn' ? ZH : EN;
  const sentences = notices.slice(0, SPELLED_OUT).map((n) => words[n.reason](n, nameOf(n.field)));
  if (notices.length > SPELLED_OUT) sentences.push(MORE[lang](notices.length - SPELLED_OUT));
  return sentences.join(lang === 'zh-cn' ? '' : ' ');
}
