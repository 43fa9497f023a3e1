/**
 * The engine boundary: widget and studio code imports the engine only through its public entry
 * (src/engine/index.ts), never a file behind it, so the engine can reorganise its files and the math a widget
 * shows is the math the engine documents and tests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const engine = join(repo, 'src/engine');
/** The engine's public entry points (README, "Engine API"). */
const ENTRIES = [join(engine, 'index.ts')];
const CLIENTS = ['src/widgets', 'src/studio'].map((d) => join(repo, d));

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mts|js|mjs|astro)$/.test(name) ? [p] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic import() calls in a source text. */
function specifiers(src: string): string[] {
  const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found: string[] = [];
  for (const re of [/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bimport\s+['"]([^'"]+)['"]/g]) {
    for (const m of code.matchAll(re)) found.push(m[1]);
  }
  return found;
}

/** The deep engine paths `file` imports: relative specifiers that resolve inside src/engine but not to an entry. */
function deepImports(file: string, src: string): string[] {
  return specifiers(src).filter((s) => {
    if (!s.startsWith('.')) return false;
    const target = resolve(dirname(file), s);
    return target.startsWith(engine + '/') && !ENTRIES.includes(target);
  });
}

test('src/widgets and src/studio import the engine only from src/engine/index.ts', () => {
  const all = CLIENTS.flatMap(files);
  assert.ok(all.length >= 20, `expected widget sources, found ${all.length}`);
  const offences = all.flatMap((f) => deepImports(f, readFileSync(f, 'utf8')).map((s) => `${relative(repo, f)}: '${s}'`));
  assert.deepEqual(offences, [], 'import these from the engine entry (src/engine/index.ts) instead');
  // The scan sees the imports that are allowed, so an empty list above is not an empty scan.
  const viaEntry = all.filter((f) => specifiers(readFileSync(f, 'utf8')).some((s) => s.startsWith('.') && ENTRIES.includes(resolve(dirname(f), s))));
  assert.ok(viaEntry.length >= 5, `expected widgets that use the engine entry, found ${viaEntry.length}`);
});

test('the boundary check is not vacuous: it flags deep imports of every form and allows the entry', () => {
  const file = join(repo, 'src/widgets/example/model.ts');
  const bad = [
    "import { Rng } from '../../engine/rng.ts';",
    "import type { LstmStepParams } from '../../engine/lstm-step.ts';",
    "export { LSTM } from '../../engine/nn/lstm.ts';",
    "const m = await import('../../engine/kernels/gemm.ts');",
    "import {\n  tanh,\n  sigmoid,\n} from '../../engine/ops/activation.ts';",
  ];
  for (const line of bad) assert.equal(deepImports(file, line).length, 1, line);
  assert.deepEqual(deepImports(file, "import { Rng, LSTM } from '../../engine/index.ts';"), []);
  assert.deepEqual(deepImports(file, "// import { Rng } from '../../engine/rng.ts';"), []);
  assert.deepEqual(deepImports(file, "import { el } from '../shared/dom.ts';"), []);
});
