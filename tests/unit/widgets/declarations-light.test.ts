/**
 * A widget's declaration is what every page with the widget runs on load (its component's <script> imports
 * the declaration and mountWhenVisible), before any reader scrolls to it. So a declaration, with everything it
 * imports statically, must stay free of the engine and of the chapters' worked numbers: those belong to the
 * widget's module, which `load()` imports once the figure comes near the screen. (Chapter 4 once evaluated
 * the whole engine on load for the equation view's URL schema: 0.15 s of main thread, 0.6 s at a 4× CPU
 * slowdown.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = join(import.meta.dirname, '../../..');
const WIDGETS = join(ROOT, 'src/widgets');
const DECLARATIONS = readdirSync(WIDGETS)
  .map((dir) => join(WIDGETS, dir, 'declaration.ts'))
  .filter((f) => existsSync(f) && !f.includes(`${join('runtime', 'declaration.ts')}`));
/** What a declaration may not pull in statically. */
const HEAVY = [/^src\/engine\//, /^src\/chapters\/worked-examples\.ts$/, /^node_modules\/@observablehq\//, /^node_modules\/katex\//];

/** `load: () => import(…)` is the lazy part: left out of the bundle, as the page leaves it until needed. */
const lazyImportsStayOut: Plugin = {
  name: 'lazy-imports-stay-out',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

/**
 * Source files (relative to the repository) whose code ends up in a module's bundle through static imports,
 * after tree shaking (a file imported only for a type or an unused name adds no byte and does not count).
 */
async function staticInputs(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, outdir: 'out', metafile: true, format: 'esm', platform: 'browser', logLevel: 'silent', plugins: [lazyImportsStayOut], absWorkingDir: ROOT });
  const [output] = Object.values(result.metafile!.outputs);
  return Object.entries(output.inputs)
    .filter(([, use]) => use.bytesInOutput > 0)
    .map(([p]) => relative(ROOT, join(ROOT, p)));
}

test('every widget declaration loads without the engine, the worked examples, Plot or KaTeX', async () => {
  assert.ok(DECLARATIONS.length >= 10, `expected the widgets' declarations, found ${DECLARATIONS.length}`);
  const offenders: string[] = [];
  for (const file of DECLARATIONS) {
    const heavy = (await staticInputs(file)).filter((p) => HEAVY.some((re) => re.test(p)));
    if (heavy.length) offenders.push(`${relative(ROOT, file)} pulls in ${heavy.slice(0, 3).join(', ')}${heavy.length > 3 ? ` and ${heavy.length - 3} more` : ''}`);
  }
  assert.deepEqual(offenders, []);
});

test('the check sees the engine behind a widget module (it is not vacuous)', async () => {
  const inputs = await staticInputs(join(WIDGETS, 'equation-view/model.ts'));
  assert.ok(inputs.some((p) => p.startsWith('src/engine/')), inputs.join(', '));
});
