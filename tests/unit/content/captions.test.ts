/**
 * Widget captions stay short: at most about 60 English words, or 120 Chinese characters (a Latin word or a
 * number inside Chinese text counts as one). What a widget has to say beyond that goes into the collapsible
 * "What to look for" (components/widget/Caption.astro), which every widget component uses for its caption.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { textFor as activation } from '../../../src/widgets/activation/labels.ts';
import { diagramText } from '../../../src/widgets/cell-diagram/labels.ts';
import { textFor as cellExplorer } from '../../../src/widgets/cell-explorer/labels.ts';
import { equationViewText } from '../../../src/widgets/equation-view/labels.ts';
import { textFor as gateAblation } from '../../../src/widgets/gate-ablation/labels.ts';
import { textFor as gradientLab } from '../../../src/widgets/gradient-lab/labels.ts';
import { textFor as memoryRace } from '../../../src/widgets/memory-race/labels.ts';
import { textFor as sequenceStepper } from '../../../src/widgets/sequence-stepper/labels.ts';
import { chainText } from '../../../src/widgets/unrolled-chain/labels.ts';

export const MAX_WORDS = 60;
export const MAX_CHINESE = 120;

const HAN = /\p{Script=Han}/gu;
/** Latin words and numbers: runs of letters, digits and the marks inside them (h_{t-1}, 1,500, clip_grad_norm_). */
const WORD = /[\p{Script=Latin}\p{Script=Greek}\p{N}][\p{Script=Latin}\p{Script=Greek}\p{N}_'’.,{}\-−]*/gu;

/** The length of a caption in the unit its language is measured in: words, or Chinese characters plus words. */
export function captionLength(text: string, lang: 'en' | 'zh-cn'): number {
	const words = (text.replace(HAN, ' ').match(WORD) ?? []).length;
	return lang === 'en' ? words : (text.match(HAN) ?? []).length + words;
}

const limit = (lang: 'en' | 'zh-cn') => (lang === 'en' ? MAX_WORDS : MAX_CHINESE);

const WIDGETS: Record<string, (lang: string) => { caption: string }> = {
	activation,
	'cell diagram': diagramText,
	'cell explorer': cellExplorer,
	'one equation at a time': equationViewText,
	'gate ablation': gateAblation,
	'gradient lab': gradientLab,
	'memory race': memoryRace,
	'sequence stepper': sequenceStepper,
	'unrolled chain': chainText,
};

const COMPONENTS = fileURLToPath(new URL('../../../components/', import.meta.url));
const CONTENT = fileURLToPath(new URL('../../../content/', import.meta.url));

describe('captionLength', () => {
	test('counts English words, not symbols between them', () => {
		assert.equal(captionLength('Peepholes let the gates read C_t; NFG fixes f_t = 1 − 0.', 'en'), 11);
		assert.equal(captionLength('at 1,500 steps (PyTorch’s clip_grad_norm_)', 'en'), 5);
	});
	test('counts each Chinese character and each Latin word in Chinese text', () => {
		assert.equal(captionLength('细胞状态 C 沿顶部流过。', 'zh-cn'), 10);
		assert.equal(captionLength('在 1,500 步内', 'zh-cn'), 4);
	});
});

describe('widget captions are at most about 60 words', () => {
	for (const [name, text] of Object.entries(WIDGETS)) {
		for (const lang of ['en', 'zh-cn'] as const) {
			test(`${name} (${lang})`, () => {
				const caption = text(lang).caption;
				const n = captionLength(caption, lang);
				assert.ok(n <= limit(lang), `the ${name} caption (${lang}) is ${n} long, over ${limit(lang)}: move the rest into its lookFor text.\n${caption}`);
			});
		}
	}

	test('captions written in a component (caption: \'…\') are short too', () => {
		let seen = 0;
		for (const file of readdirSync(COMPONENTS).filter((f) => f.endsWith('.astro'))) {
			const source = readFileSync(COMPONENTS + file, 'utf8');
			for (const m of source.matchAll(/\bcaption:\s*'([^']*)'/g)) {
				seen++;
				const lang = HAN.test(m[1]) ? 'zh-cn' : 'en';
				HAN.lastIndex = 0;
				const n = captionLength(m[1], lang);
				assert.ok(n <= limit(lang), `${file}: a caption is ${n} long, over ${limit(lang)}.\n${m[1]}`);
			}
		}
		assert.ok(seen > 0, 'no caption found in components: the pattern no longer matches how they are written');
	});

	test('figure captions in the chapters are short too', () => {
		for (const lang of ['en', 'zh-cn'] as const) {
			for (const file of readdirSync(CONTENT + lang).filter((f) => f.endsWith('.mdx'))) {
				const source = readFileSync(`${CONTENT}${lang}/${file}`, 'utf8');
				for (const m of source.matchAll(/<figcaption>([\s\S]*?)<\/figcaption>/g)) {
					const n = captionLength(m[1].replace(/\$[^$]*\$/g, 'x'), lang);
					assert.ok(n <= limit(lang), `${lang}/${file}: a figure caption is ${n} long, over ${limit(lang)}.\n${m[1]}`);
				}
			}
		}
	});

	test('every widget component writes its caption with Caption, so a long one has its "What to look for"', () => {
		for (const file of readdirSync(COMPONENTS).filter((f) => f.endsWith('.astro'))) {
			const source = readFileSync(COMPONENTS + file, 'utf8');
			if (!/<figure\b[^>]*class="widget\b/.test(source)) continue;
			assert.doesNotMatch(source, /<figcaption\b/, `${file}: write <Caption lang={lang} text={…} more={…} /> (components/widget/Caption.astro) instead of a bare <figcaption>`);
			assert.match(source, /<Caption\b/, `${file}: its caption should be a <Caption … />`);
		}
	});
});
