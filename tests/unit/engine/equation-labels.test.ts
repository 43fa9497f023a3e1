/** Every equation label cited in the engine's comments (eq-forget-gate, ...) exists in both editions of the book. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

function walk(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p, ext) : ext.test(n) ? [p] : [];
  });
}

function labelsIn(lang: string): Set<string> {
  const out = new Set<string>();
  for (const f of walk(join(repo, 'content', lang), /\.mdx$/)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\\label\{(eq-[a-z0-9-]+)\}/g)) out.add(m[1]);
  }
  return out;
}

test('equation labels cited in src/engine exist in content/en and content/zh-cn', () => {
  const cited = new Map<string, string>();
  for (const f of walk(join(repo, 'src', 'engine'), /\.ts$/)) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\beq-[a-z0-9]+(?:-[a-z0-9]+)*/g)) cited.set(m[0], f.slice(repo.length));
  }
  assert.ok(cited.has('eq-forget-gate') && cited.has('eq-bptt-cell'), 'the engine should cite the chapter equations');
  for (const lang of ['en', 'zh-cn']) {
    const have = labelsIn(lang);
    const missing = [...cited].filter(([l]) => !have.has(l)).map(([l, f]) => `${l} (cited in ${f})`);
    assert.deepEqual(missing, [], `labels missing from content/${lang}`);
  }
});
