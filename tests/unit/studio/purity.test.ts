/** The studio's core runs in a Web Worker and in Node: no DOM, and no randomness but the seeded Rng. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../src/studio/', import.meta.url));
const FORBIDDEN = /Math\s*\.\s*random|\bwindow\b|\bdocument\b|\blocalStorage\b|\bnode:/;

test('src/studio (outside build/) uses neither the DOM, Node modules nor Math.random', () => {
  const files = readdirSync(root).filter((f) => f.endsWith('.ts'));
  assert.ok(files.length >= 10, `expected the studio's modules, found ${files.length}`);
  const offences: string[] = [];
  for (const f of files) {
    const code = readFileSync(join(root, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    code.split('\n').forEach((line, k) => {
      if (FORBIDDEN.test(line)) offences.push(`${f}:${k + 1}: ${line.trim()}`);
    });
  }
  assert.deepEqual(offences, []);
  for (const bad of ["import { x } from 'node:fs';", 'Math.random()', 'document.title']) assert.ok(FORBIDDEN.test(bad), bad);
});
