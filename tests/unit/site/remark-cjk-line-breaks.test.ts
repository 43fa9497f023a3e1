import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinCjkLines } from '../../../src/site/remark-cjk-line-breaks.ts';
import { toHtml } from './mdx-pipeline.ts';

test('a line break between two Chinese characters disappears', () => {
	assert.equal(joinCjkLines('每个列按拼接的\n顺序排列'), '每个列按拼接的顺序排列');
	assert.equal(joinCjkLines('细胞状态，\n隐藏状态'), '细胞状态，隐藏状态', 'after CJK punctuation too');
	assert.equal(joinCjkLines('门控机制  \n  决定'), '门控机制决定', 'surrounding spaces go with it');
});

test('breaks next to Latin text, digits or English stay as they are', () => {
	assert.equal(joinCjkLines('the cell\nstate'), 'the cell\nstate');
	assert.equal(joinCjkLines('使用 PyTorch\n构建'), '使用 PyTorch\n构建');
	assert.equal(joinCjkLines('状态\nLSTM'), '状态\nLSTM');
});

test('the site pipeline renders a hard-wrapped Chinese paragraph without gaps', async () => {
	const html = await toHtml('每个 $W$ 的列按拼接的\n顺序排列。\n', '/repo/content/zh-cn/04-math.mdx');
	assert.match(html, /的列按拼接的顺序排列。/);
});
