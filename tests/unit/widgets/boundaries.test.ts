/**
 * The page never runs worker code: outside the compute worker, nothing imports a widget's service module or
 * a `*.worker.ts`, and no widget listens for `message` on `window` (any frame could post to it).
 * The one other worker script is the code cells' (src/widgets/notebook/cell.worker.ts): it evaluates the
 * reader's code, so it alone is served with a policy that allows it, and ending it must end every cell.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '../../..');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Worker scripts besides the compute worker, each with its reason above. */
const OTHER_WORKERS = new Set(['src/widgets/notebook/cell.worker.ts']);

const SOURCES = [...walk(join(ROOT, 'src')), ...walk(join(ROOT, 'components'))].filter((f) => /\.(ts|astro)$/.test(f));
const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1] ?? m[2]);
}

test('only the compute worker and other services import a service module; no *.worker.ts besides it', () => {
  const offenders: string[] = [];
  for (const file of SOURCES) {
    const rel = relative(ROOT, file);
    if (rel.endsWith('.worker.ts') && rel !== 'src/widgets/runtime/compute.worker.ts' && !OTHER_WORKERS.has(rel)) offenders.push(`${rel} is a second worker script`);
    if (rel.endsWith('.service.ts')) continue;
    for (const spec of importsOf(file)) if (/\.service(\.ts)?$/.test(spec) || /\.worker(\.ts)?$/.test(spec)) offenders.push(`${rel} imports ${spec}`);
  }
  assert.deepEqual(offenders, []);
});

test('no widget listens for messages on window', () => {
  const offenders = SOURCES.filter((f) => f.includes(`${join('src', 'widgets')}`) || f.includes('components'))
    .filter((f) => /(?:window|self|globalThis)\.addEventListener\(\s*['"]message['"]|(?:^|[^.\w])addEventListener\(\s*['"]message['"]/m.test(readFileSync(f, 'utf8')))
    .map((f) => relative(ROOT, f))
    .filter((rel) => rel !== 'src/widgets/runtime/compute.worker.ts' && rel !== 'src/widgets/runtime/channel.ts');
  assert.deepEqual(offenders, []);
});

test('the check sees an offender (it is not vacuous)', () => {
  assert.ok('import x from "./race.worker.ts"'.match(IMPORT));
  assert.ok(SOURCES.some((f) => f.endsWith('compute.worker.ts')));
});
