/**
 * One Chinese term per concept. For every concept of the glossary, TERMS names the term the book uses and
 * the variants it must not use; the tests fail when a Chinese page (chapters, home page, glossary) contains a
 * banned variant, when a glossary row is missing from TERMS, or when either glossary gives a concept another
 * Chinese term than the chosen one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tableRows } from './markdown-tables.ts';

const CONTENT = fileURLToPath(new URL('../../../content/', import.meta.url));

interface Term {
	/** The concept, as the English glossary names it. */
	concept: string;
	/** The Chinese term the book uses, as in the glossary's 中文 column. */
	term: string;
	/** Variants that must not appear on any Chinese page: plain substrings, or regexes for variants that are part of the term. */
	banned: (string | RegExp)[];
}

export const TERMS: Term[] = [
	// The LSTM cell
	{ concept: 'long short-term memory (LSTM)', term: '长短时记忆网络', banned: ['长短期记忆'] },
	{ concept: 'cell state', term: '细胞状态', banned: ['单元状态', '元胞状态', '细胞态'] },
	{ concept: 'hidden state', term: '隐藏状态', banned: ['隐状态', '隐含状态', '隐层状态'] },
	{ concept: 'candidate cell state', term: '候选细胞状态', banned: ['候选值', '候选记忆', '候选向量', '候选状态'] },
	{ concept: 'input gate', term: '输入门', banned: [] },
	{ concept: 'forget gate', term: '遗忘门', banned: ['忘记门'] },
	{ concept: 'output gate', term: '输出门', banned: [] },
	{ concept: 'gating mechanism', term: '门控机制', banned: ['门机制'] },
	{
		concept: 'constant error carousel',
		term: '恒定误差转盘',
		banned: ['常数误差转盘', '常数误差传送带', '恒定误差传送带', '误差传送带', '误差旋转木马'],
	},
	{ concept: 'conveyor belt', term: '传送带', banned: ['输送带', '传输带'] },
	{ concept: 'peephole connection', term: '窥视孔连接', banned: ['窥孔'] },
	{ concept: 'parameter count', term: '参数量', banned: ['参数个数', '参数数量', '参数数目'] },
	// Recurrent networks and gradients
	{ concept: 'recurrent neural network (RNN)', term: '循环神经网络', banned: ['递归神经网络'] },
	{ concept: 'parameter sharing', term: '参数共享', banned: ['权重共享', '权值共享'] },
	{
		concept: 'backpropagation through time (BPTT)',
		term: '随时间反向传播',
		banned: [/(?<!随)时间反向传播/, '沿时间反向传播', '通过时间的反向传播'],
	},
	{ concept: 'truncated BPTT', term: '截断 BPTT', banned: ['截断式 BPTT'] },
	{ concept: 'vanishing gradient', term: '梯度消失', banned: ['梯度弥散'] },
	{ concept: 'exploding gradient', term: '梯度爆炸', banned: [] },
	{ concept: 'gradient clipping', term: '梯度裁剪', banned: ['梯度截断', '梯度剪裁', '梯度修剪'] },
	// Building blocks
	{ concept: 'sigmoid', term: 'sigmoid 函数', banned: ['S 型函数', 'S型函数'] },
	{ concept: 'hyperbolic tangent (tanh)', term: '双曲正切', banned: [] },
	{ concept: 'element-wise product', term: '逐元素乘积', banned: ['按元素乘', '元素级乘', '哈达玛积'] },
	{ concept: 'concatenation', term: '拼接', banned: [] },
	{ concept: 'embedding', term: '嵌入', banned: [] },
	{ concept: 'softmax', term: 'softmax 函数', banned: ['柔性最大值', '归一化指数函数'] },
	// Training and evaluation
	{ concept: 'cross-entropy', term: '交叉熵', banned: [] },
	{ concept: 'bits per character (bpc)', term: '每字符比特数', banned: ['比特每字符', '每字符位数'] },
	{ concept: 'perplexity', term: '困惑度', banned: ['困惑值'] },
	{ concept: 'teacher forcing', term: '教师强制', banned: ['教师强迫'] },
	{ concept: 'stateful training', term: '有状态训练', banned: [] },
	// Generating text
	{ concept: 'temperature', term: '温度', banned: [] },
	{ concept: 'top-k sampling', term: 'top-k 采样', banned: [] },
	{ concept: 'top-p (nucleus) sampling', term: 'top-p 采样（核采样）', banned: ['核心采样'] },
	{ concept: 'greedy decoding', term: '贪心解码', banned: ['贪婪解码'] },
	// Architectures
	{ concept: 'gated recurrent unit (GRU)', term: '门控循环单元', banned: ['门控循环单位'] },
	{ concept: 'encoder–decoder (seq2seq)', term: '编码器–解码器', banned: [] },
	{ concept: 'attention', term: '注意力', banned: [] },
	{ concept: 'Transformer', term: 'Transformer', banned: ['变换器', '转换器模型'] },
];

/** Where a banned variant occurs: 1-based line numbers and the matched text. */
export function findBanned(text: string, banned: string | RegExp): { line: number; match: string }[] {
	const found: { line: number; match: string }[] = [];
	text.split('\n').forEach((line, i) => {
		if (typeof banned === 'string') {
			if (line.includes(banned)) found.push({ line: i + 1, match: banned });
		} else {
			const m = new RegExp(banned.source, banned.flags.replace('g', '')).exec(line);
			if (m) found.push({ line: i + 1, match: m[0] });
		}
	});
	return found;
}

const zhPages = readdirSync(join(CONTENT, 'zh-cn'))
	.filter((f) => f.endsWith('.mdx'))
	.map((f) => ({ file: `content/zh-cn/${f}`, text: readFileSync(join(CONTENT, 'zh-cn', f), 'utf8') }));
const glossary = {
	/** 中文 | English | 释义 | 出处 */
	zh: tableRows(readFileSync(join(CONTENT, 'zh-cn', 'glossary.mdx'), 'utf8')).map((r) => ({ zh: r[0]!, en: r[1]! })),
	/** English | 中文 | Definition | Defined in */
	en: tableRows(readFileSync(join(CONTENT, 'en', 'glossary.mdx'), 'utf8')).map((r) => ({ en: r[0]!, zh: r[1]! })),
};

describe('every glossary concept has one chosen Chinese term', () => {
	test('TERMS lists every row of both glossaries, and nothing else', () => {
		const concepts = TERMS.map((t) => t.concept);
		for (const [lang, rows] of Object.entries(glossary)) {
			const missing = rows.filter((r) => !concepts.includes(r.en)).map((r) => r.en);
			assert.deepEqual(missing, [], `content/${lang === 'zh' ? 'zh-cn' : 'en'}/glossary.mdx has concepts that TERMS in this test does not list; add them with their chosen term and banned variants`);
			const extra = concepts.filter((c) => !rows.some((r) => r.en === c));
			assert.deepEqual(extra, [], `TERMS lists concepts that content/${lang === 'zh' ? 'zh-cn' : 'en'}/glossary.mdx does not define`);
		}
	});

	for (const { concept, term } of TERMS) {
		test(`${concept}: both glossaries say ${term}`, () => {
			for (const [lang, rows] of Object.entries(glossary)) {
				const row = rows.find((r) => r.en === concept);
				if (!row) continue; // reported by the completeness test
				assert.equal(row.zh, term, `content/${lang === 'zh' ? 'zh-cn' : 'en'}/glossary.mdx gives "${concept}" as "${row.zh}", the chosen term is "${term}"`);
			}
		});
	}
});

describe('no Chinese page uses a banned variant', () => {
	for (const { concept, term, banned } of TERMS) {
		if (banned.length === 0) continue;
		test(`${concept} is always ${term}`, () => {
			const problems = zhPages.flatMap(({ file, text }) =>
				banned.flatMap((b) => findBanned(text, b).map(({ line, match }) => `${file}:${line}: "${match}" (write "${term}")`)),
			);
			assert.deepEqual(problems, [], `${concept}: ${problems.length} banned variant(s):\n  ${problems.join('\n  ')}`);
		});
	}
});

describe('the checker itself', () => {
	test('findBanned reports substrings and regex matches with their line', () => {
		const text = '第一行\n它的候选值是 0.5\n随时间反向传播与时间反向传播';
		assert.deepEqual(findBanned(text, '候选值'), [{ line: 2, match: '候选值' }]);
		assert.deepEqual(findBanned(text, /(?<!随)时间反向传播/), [{ line: 3, match: '时间反向传播' }]);
		assert.deepEqual(findBanned('只有随时间反向传播', /(?<!随)时间反向传播/), []);
	});

	test('tableRows skips the header and divider and keeps every body row', () => {
		const md = 'text\n\n| 中文 | English |\n|---|---|\n| 遗忘门 | forget gate |\n| 输入门 | input gate |\n\nmore';
		assert.deepEqual(tableRows(md), [['遗忘门', 'forget gate'], ['输入门', 'input gate']]);
	});

	test('every chosen term is used on some Chinese chapter, so its banned list guards a real term', () => {
		const chapters = zhPages.filter((p) => !p.file.endsWith('glossary.mdx')).map((p) => p.text).join('\n');
		// The chapters may use the short form: "softmax" for "softmax 函数", "top-k" for "top-k 采样".
		const core = (term: string) => term.replace(/（.*）$/, '').replace(/ (函数|采样)$/, '');
		const unused = TERMS.filter((t) => !chapters.includes(core(t.term))).map((t) => t.term);
		assert.deepEqual(unused, [], 'chosen terms that no Chinese chapter uses (check the spelling against the chapters)');
	});
});
