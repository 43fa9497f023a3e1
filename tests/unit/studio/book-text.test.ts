import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chapterText } from '../../../src/studio/build/book-text.ts';
import { POETRY_FILE, corpusText } from '../../../src/studio/build/corpus-text.ts';
import { MAX_BYTES, MIN_CHARS, checkCorpusText, utf8Length } from '../../../src/studio/corpus.ts';

const CHAPTER = `---
title: "4. The math"
exercises:
  - id: ex-4-1
    prompt: "What is $\\\\sigma(0)$?"
---
import Tex from '../../components/Tex.astro';
import { fmt } from '../../src/chapters/worked-examples.ts';

## 4.1 Forget gate {/* #forget-gate */}

The **forget gate** $f_t$ reads [the input](../03-algorithm/) and \`h\`, then decides what to keep,

$$
f_t = \\sigma(W_f \\cdot [h_{t-1}, x_t] + b_f) \\label{eq-forget-gate}
$$

the rest goes. Its value is <Tex expr={\`\\\\sigma(1) = \${fmt(0.73)}\`} /> here {fmt(2)}.

<CellExplorer seed={7} />

- one item
- another *item*

| a | b |
|---|---|
| 1 | 2 |

\`\`\`ts
const code = 'left out';
\`\`\`

门控机制决定
保留什么。
`;

test('a chapter becomes prose: headings, paragraphs and list items, nothing of the MDX around them', () => {
  assert.equal(
    chapterText(CHAPTER),
    [
      '4.1 Forget gate',
      'The forget gate f_t reads the input and h, then decides what to keep, the rest goes. Its value is here.',
      'one item',
      'another item',
      '门控机制决定保留什么。',
    ].join('\n\n'),
  );
});

test('the book corpora contain prose only and pass the corpus checks', () => {
  for (const id of ['en-book', 'zh-book'] as const) {
    const text = corpusText(id);
    assert.ok(checkCorpusText(text).ok, id);
    assert.ok(Array.from(text).length > 50_000, `${id}: ${Array.from(text).length} characters`);
    for (const leftover of ['import ', '{/*', '$$', '<Tex', '```', '---\n', '**', '](']) {
      assert.equal(text.includes(leftover), false, `${id} contains ${JSON.stringify(leftover)}`);
    }
  }
  assert.match(corpusText('en-book'), /The forget gate/);
  assert.match(corpusText('zh-book'), /遗忘门/);
});

test('the poetry corpus is compact, attributed, simplified and one poem per paragraph', () => {
  const text = readFileSync(POETRY_FILE, 'utf8');
  assert.ok(utf8Length(text) <= 300_000 && utf8Length(text) < MAX_BYTES);
  assert.ok(Array.from(text).length > 10 * MIN_CHARS);
  assert.match(text.split('\n')[0], /chinese-poetry package/);
  assert.match(text, /MIT License, Copyright \(c\) 2016 JackeyGao/);
  const poems = text.split('\n\n').slice(1).filter((p) => p.trim());
  assert.ok(poems.length > 1000);
  for (const poem of poems) {
    const [heading, ...lines] = poem.trim().split('\n');
    assert.match(heading, / · /, heading);
    assert.ok(lines.length > 0 && lines.every((l) => /^[\p{Script=Han}，。？！；：、]+$/u.test(l)), poem);
  }
  // The served corpus is the poems alone: no attribution lines, no Latin letters.
  const corpus = corpusText('zh-poetry');
  assert.ok(corpus.startsWith(poems[0].trim().split('\n')[0]));
  assert.equal(/[A-Za-z#]/.test(corpus), false);
  // Simplified, not traditional: common characters in their mainland forms.
  for (const traditional of ['東', '風', '無', '門', '與', '來', '時']) assert.equal(text.includes(traditional), false, traditional);
  for (const simplified of ['东', '风', '无', '门', '与', '来', '时']) assert.ok(text.includes(simplified), simplified);
});
