/**
 * The studio's quality bars (issue 10) where a reader meets them: the studio's own trainer (src/studio/trainer.ts)
 * in a Web Worker in headless Chromium, trained for a wall-clock budget (training plus validation, the studio's
 * "Elapsed time"), printing the validation loss every ~10 s, steps, characters per second and the machine's load
 * average at the start and the end.
 *
 *   npm run bench:studio -- corpus=en-book seconds=300 [every=10] [out=FILE] [name=KEY] [hidden=256 lr=0.005 …]
 *
 * corpus: en-book | zh-book | zh-poetry | prose | moby-dick | sotu (bench/outside-prose.ts: English prose nobody
 * here wrote) | a file path. Any key of STUDIO_HYPER_SCHEMA overrides that default; plateau=off (constant η) and restoreBest=off
 * (halve η but keep the current weights) switch the trainer's learning-rate rule off for comparisons. out (default bench/studio-quality-browser.json)
 * collects runs under `name` (default corpus-seconds). Bars: en-book ≤ 2.5 bits/char at 60 s and ≤ 2.2 at 300 s;
 * zh-poetry at least 1 bit/char below its unigram baseline at 300 s. bench/studio-quality.ts (Node, CPU-time
 * budget, so the machine's other work does not count) stays the tool for comparing settings.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { bundleForBrowser } from './browser-peer.ts';
import { OUTSIDE_PROSE, outsideProse, type OutsideProseId } from './outside-prose.ts';
import { checkHyper, defaultHyper, type StudioHyper } from '../src/studio/hyper.ts';
import { corpusText } from '../src/studio/build/corpus-text.ts';
import type { CurvePoint, QualityRequest } from './studio-quality-worker.ts';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const ORIGIN = 'http://bench.invalid';
const here = path.dirname(fileURLToPath(import.meta.url));

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=', 2) as [string, string]));
const corpus = args.corpus ?? 'en-book';
const seconds = Number(args.seconds ?? 300);
const every = Number(args.every ?? 10);
const out = args.out ?? path.join(here, 'studio-quality-browser.json');
const name = args.name ?? `${corpus}-${seconds}s`;
const overrides: Record<string, unknown> = {};
for (const key of Object.keys(defaultHyper())) {
  if (args[key] !== undefined) overrides[key] = key === 'optimizer' ? args[key] : Number(args[key]);
}
const hyper: StudioHyper = checkHyper({ ...defaultHyper(), ...overrides }, 'bench:studio');

function readCorpus(id: string): { text: string; source: string } {
  if (id === 'en-book' || id === 'zh-book' || id === 'zh-poetry') return { text: corpusText(id), source: id };
  if ((OUTSIDE_PROSE as readonly string[]).includes(id)) return outsideProse(id as OutsideProseId);
  return { text: readFileSync(id, 'utf8'), source: id };
}

const { text, source } = readCorpus(corpus);
const script = await bundleForBrowser(path.join(here, 'studio-quality-worker.ts'));
const browser = await chromium.launch(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {});
const page = await browser.newPage();
await page.route(`${ORIGIN}/**`, (route) =>
  route.request().url().endsWith('/worker.js')
    ? route.fulfill({ contentType: 'text/javascript', body: script })
    : route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench:studio</title>' }),
);
await page.goto(`${ORIGIN}/`);

const curve: CurvePoint[] = [];
let info: Record<string, unknown> = {};
const loadStart = loadavg();
// Each worker message comes back through the page's console, so the curve prints while the run goes on.
const finished = new Promise<void>((resolve, reject) => {
  page.on('console', (m) => {
    if (!m.text().startsWith('{')) return;
    const msg = JSON.parse(m.text());
    if (msg.kind === 'start') {
      info = msg;
      console.log(
        `${corpus}: ${[...text].length} chars, V = ${msg.vocabSize}, ${msg.parameters} parameters, batch ${msg.batch.batch}×${msg.batch.seqLen}, ` +
          `validation ${msg.validation.chars} chars, unigram ${msg.unigramBits.toFixed(3)} bits/char, SIMD ${msg.simd}, load ${loadStart.map((l) => l.toFixed(2)).join(' ')}`,
      );
      console.log(JSON.stringify(hyper));
    } else if (msg.kind === 'point') {
      const p: CurvePoint = msg.point;
      curve.push(p);
      console.log(
        `${p.seconds.toFixed(0).padStart(4)} s  step ${String(p.step).padStart(5)}  ${Math.round(p.charsPerSecond)} chars/s  ` +
          `train ${p.trainBits.toFixed(3)}  validation ${p.validationBits.toFixed(3)}  lr ${p.lr}  (eval ${p.evalMs.toFixed(0)} ms, load ${loadavg()[0].toFixed(2)})`,
      );
    } else if (msg.kind === 'refused') console.log(`step ${msg.step} refused: ${msg.message}`);
    else if (msg.kind === 'done') resolve();
    else if (msg.kind === 'error') reject(new Error(`studio worker: ${msg.error}`));
  });
});
const rule = { plateau: args.plateau !== 'off', restoreBest: args.restoreBest !== 'off' };
const request: QualityRequest = { text, hyper, seconds, every, ...rule };
await page.evaluate((req) => {
  const worker = new Worker('/worker.js');
  worker.onmessage = (e) => console.log(JSON.stringify(e.data));
  worker.onerror = (e) => console.log(JSON.stringify({ kind: 'error', error: e.message }));
  worker.postMessage(req);
}, request);
await finished;
const loadEnd = loadavg();
await browser.close();

const last = curve.at(-1)!;
const at = (s: number) => curve.filter((p) => p.seconds <= s + every / 2).at(-1)?.validationBits;
const result = {
  corpus,
  source,
  chars: [...text].length,
  seconds,
  clock: 'wall (training + validation) in a Web Worker, headless Chromium',
  chromium: browser.version(),
  hyper,
  rule,
  vocabSize: info.vocabSize,
  parameters: info.parameters,
  unigramBits: info.unigramBits,
  validationAt60s: at(60),
  finalValidationBits: last.validationBits,
  bestValidationBits: Math.min(...curve.map((p) => p.validationBits)),
  steps: last.step,
  loadAverage: { start: loadStart, end: loadEnd },
  curve,
};
console.log(
  `final: validation ${last.validationBits.toFixed(3)} bits/char after ${last.seconds.toFixed(0)} s (60 s: ${result.validationAt60s?.toFixed(3)}, ` +
    `best ${result.bestValidationBits.toFixed(3)}, unigram ${(info.unigramBits as number).toFixed(3)}), load ${loadEnd.map((l) => l.toFixed(2)).join(' ')}`,
);
const all = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { '//': 'bench/studio-quality-browser.ts runs (npm run bench:studio); see README, Studio.', runs: {} };
all.runs[name] = result;
writeFileSync(out, JSON.stringify(all, null, 1) + '\n');
