/** The engine is DOM-free and deterministic: no Math.random, window or document anywhere in src/engine. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../src/engine/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|js|mjs)$/.test(name) ? [p] : [];
  });
}

/** Drops comments so prose like "see the document" does not count; code is what matters. */
function code(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

test('src/engine has no Math.random, window or document', () => {
  const all = files(root);
  assert.ok(all.length >= 10, `expected engine sources, found ${all.length}`);
  const offences: string[] = [];
  for (const f of all) {
    const lines = code(readFileSync(f, 'utf8')).split('\n');
    lines.forEach((line, k) => {
      if (/Math\s*\.\s*random|\bwindow\b|\bdocument\b|globalThis\s*\.\s*(window|document)/.test(line)) {
        offences.push(`${f.slice(root.length)}:${k + 1}: ${line.trim()}`);
      }
    });
  }
  assert.deepEqual(offences, []);
});

test('the purity check is not vacuous: it flags each forbidden name', () => {
  for (const bad of ['const r = Math.random();', 'window.foo = 1;', 'document.body;']) {
    assert.ok(/Math\s*\.\s*random|\bwindow\b|\bdocument\b/.test(code(bad)), bad);
  }
  assert.ok(!/\bdocument\b/.test(code('// see the document')));
});

test('the engine takes exp, log, tanh and cos from exact-math.ts (same bits in every JavaScript engine)', () => {
  // Sampling, initialisers and loss units included: a shared link must give the same text and the same
  // numbers in every browser.
  const core = files(root).filter((f) => !f.endsWith('exact-math.ts'));
  const offences: string[] = [];
  for (const f of core) {
    code(readFileSync(f, 'utf8')).split('\n').forEach((line, k) => {
      if (/Math\s*\.\s*(exp|expm1|log|log1p|log2|log10|tanh|sinh|cosh|sin|cos|tan|pow|atan2?)\s*\(/.test(line)) {
        offences.push(`${f.slice(root.length)}:${k + 1}: ${line.trim()}`);
      }
    });
  }
  assert.ok(core.length >= 40, `expected the engine's files, found ${core.length}`);
  assert.deepEqual(offences, []);
});
