import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lstmStep } from '../../../src/engine/lstm-step.ts';
import { CharLSTM } from '../../../src/engine/train/char-model.ts';
import { Rng } from '../../../src/engine/rng.ts';
import { defaultState, parseState, readState, writeState } from '../../../src/widgets/shared/url-state.ts';
import { CLEAR_STEPS, READ_STEPS, WRITE_STEPS, latchParams, pulseTrain } from '../../../src/widgets/sequence-stepper/latch.ts';
import { MAX_TEXT, loadCharModel, nextCharProbabilities, prepareText, topK, embed, type CharCheckpoint } from '../../../src/widgets/sequence-stepper/char-model.ts';
import { chapterProse } from '../../../src/widgets/sequence-stepper/corpus.ts';
import {
	DEFAULT_SEED,
	DEFAULT_TEXT,
	MAX_UNITS,
	charSteps,
	clampToTrace,
	latchSteps,
	stepperSchema,
	traceFor,
	traceSync,
} from '../../../src/widgets/sequence-stepper/model.ts';

const CHECKPOINT_PATH = join(import.meta.dirname, '../../../src/widgets/sequence-stepper/char-model.json');
const checkpoint = JSON.parse(readFileSync(CHECKPOINT_PATH, 'utf8')) as CharCheckpoint;

test('latch: writes the value, holds it through idle steps with h ≈ 0, shows it on read, forgets it on clear', () => {
	for (const seed of [1, 7, 123]) {
		const xs = pulseTrain(seed);
		const steps = traceSync('latch', 2, latchSteps(seed)).steps;
		assert.equal(steps.length, xs.length);
		let held: number | null = null;
		steps.forEach((s, t) => {
			const [value, write, read, clear] = xs[t];
			if (write) held = Math.tanh(2 * value);
			if (clear) held = 0;
			const C = s.c[0];
			if (held === null) assert.ok(Math.abs(C) < 1e-3, `t=${t}: nothing written yet, C = ${C}`);
			else assert.ok(Math.abs(C - held) < 0.01, `seed ${seed}, t=${t}: C = ${C}, expected the latched ${held}`);
			if (read) assert.ok(Math.abs(s.h[0] - Math.tanh(C)) < 0.01, `t=${t}: read shows tanh(C)`);
			else assert.ok(Math.abs(s.h[0]) < 0.01, `t=${t}: output gate shut, h = ${s.h[0]}`);
			// Unit 2 has no memory: it follows the value at every step.
			assert.ok(Math.abs(s.c[1] - Math.tanh(2 * value)) < 0.01);
		});
	}
	assert.ok(WRITE_STEPS.length > 0 && READ_STEPS.length > 0 && CLEAR_STEPS.length > 0);
});

test('latch: a read after a clear finds an empty memory; a written value is at least 0.5', () => {
	const xs = pulseTrain(7);
	for (const t of WRITE_STEPS) assert.ok(Math.abs(xs[t][0]) >= 0.5);
	const steps = traceSync('latch', 2, latchSteps(7)).steps;
	const readAfterClear = READ_STEPS.find((r) => CLEAR_STEPS.some((c) => c < r) && !WRITE_STEPS.some((w) => w > Math.max(...CLEAR_STEPS.filter((c) => c < r)) && w < r));
	assert.ok(readAfterClear !== undefined);
	assert.ok(Math.abs(steps[readAfterClear].h[0]) < 0.01);
});

test('latch: the trace is the engine’s lstmStep, step by step', () => {
	const p = latchParams();
	const xs = pulseTrain(3);
	const steps = traceSync('latch', 2, latchSteps(3)).steps;
	let h: ArrayLike<number> = [0, 0];
	let c: ArrayLike<number> = [0, 0];
	xs.forEach((x, t) => {
		const r = lstmStep(p, x, h, c);
		assert.deepEqual(Array.from(steps[t].c), Array.from(r.c));
		assert.deepEqual(Array.from(steps[t].f), Array.from(r.f));
		h = r.h;
		c = r.c;
	});
});

test('checkpoint: loads strictly into CharLSTM, is small, and says how it was made', () => {
	assert.ok(readFileSync(CHECKPOINT_PATH).length < 200 * 1024, 'char-model.json under 200 KB');
	const model = loadCharModel(checkpoint);
	assert.equal(model.hiddenSize, 32);
	assert.deepEqual(Object.keys(checkpoint.stateDict).sort(), ['embed.weight', 'fc.bias', 'fc.weight', 'lstm.bias_hh_l0', 'lstm.bias_ih_l0', 'lstm.weight_hh_l0', 'lstm.weight_ih_l0']);
	assert.equal(typeof checkpoint.seed, 'number');
	assert.match(checkpoint.corpus, /chapters/);
	// Strict: a missing or extra key is an error, not a silent partial load.
	const { ['fc.bias']: _dropped, ...missing } = checkpoint.stateDict;
	assert.throws(() => loadCharModel({ ...checkpoint, stateDict: missing }), /missing key 'fc\.bias'/);
	assert.throws(() => loadCharModel({ ...checkpoint, stateDict: { ...checkpoint.stateDict, extra: { shape: [1], data: [0] } } }), /unexpected key 'extra'/);
});

test('checkpoint: bits per character on its own corpus sample are far below the uniform log2 V', () => {
	const model = loadCharModel(checkpoint);
	const text = checkpoint.sample;
	assert.ok(text.length >= 1000);
	const steps = traceSync('char', model.hiddenSize, charSteps(model, text)).steps;
	const ids = model.vocab.encode(text);
	let bits = 0;
	for (let t = 0; t + 1 < ids.length; t++) {
		const p = nextCharProbabilities(model, steps[t].h);
		bits -= Math.log2(p[ids[t + 1]]);
	}
	bits /= ids.length - 1;
	const uniform = Math.log2(model.vocab.size);
	assert.ok(bits < uniform - 2, `${bits.toFixed(3)} bits/char vs uniform ${uniform.toFixed(3)}`);
	assert.ok(Math.abs(bits - checkpoint.finalBitsPerChar) < 0.6, `sample ${bits.toFixed(3)} vs reported ${checkpoint.finalBitsPerChar}`);
});

test('checkpoint: per-step gates equal the engine’s own LSTM forward on the same weights', () => {
	const model = loadCharModel(checkpoint);
	const text = 'the cell state';
	const steps = traceSync('char', model.hiddenSize, charSteps(model, text)).steps;
	// Reference: the engine's CharLSTM generator (a different code path: LstmStepper + Linear).
	const ref = new CharLSTM({ vocabSize: model.vocab.size, embeddingDim: model.inputSize, hiddenSize: 32, rng: new Rng(0), dtype: 'float64' });
	ref.loadStateDict(checkpoint.stateDict);
	const gen = ref.generator();
	model.vocab.encode(text).forEach((id, t) => {
		const logits = gen.step(id);
		const p = nextCharProbabilities(model, steps[t].h);
		const max = Math.max(...logits);
		const z = Array.from(logits, (l) => Math.exp(l - max));
		const total = z.reduce((a, b) => a + b, 0);
		for (let v = 0; v < z.length; v++) assert.ok(Math.abs(p[v] - z[v] / total) < 1e-12);
	});
	assert.equal(steps[0].top!.length, 3);
	assert.ok(steps[0].top![0].p >= steps[0].top![1].p && steps[0].top![1].p >= steps[0].top![2].p);
	assert.equal(embed(model, 0).length, model.inputSize);
	assert.deepEqual(topK(model, new Float64Array(model.vocab.size).fill(1 / model.vocab.size), 2).map((t) => t.char), model.vocab.chars.slice(0, 2));
});

test('a reader’s text is mapped into the model’s alphabet and capped', () => {
	const model = loadCharModel(checkpoint);
	const r = prepareText(model, 'Gates “open” — 门 ok');
	assert.equal(r.text, 'Gates "open" -   ok');
	assert.deepEqual(r.replaced, ['门']);
	assert.equal([...prepareText(model, 'a'.repeat(500)).text].length, 200);
	assert.ok(prepareText(model, DEFAULT_TEXT).replaced.length === 0);
});

test('chapter prose drops markup, math and components', () => {
	const mdx = `---\ntitle: "x"\n---\nimport Tex from '../../components/Tex.astro';\n\n## 2.1 The gate {/* #gate */}\n\nA **gate** scales $f_t$ by [the sigmoid](../04-math/#eq-forget-gate).\n\n$$\nf_t = \\sigma(z)\n$$\n\n<Tex expr={String.raw\`x\`} />\n- one\n- two`;
	assert.equal(chapterProse(mdx), '2.1 The gate A gate scales by the sigmoid. one two');
});

test('traceFor answers the page’s requests as the worker does: latch without the checkpoint, char with it', async () => {
	let loads = 0;
	const model = loadCharModel(checkpoint);
	const loadModel = async () => (loads++, model);

	const latch = await traceFor({ model: 'latch', seed: DEFAULT_SEED }, loadModel);
	assert.equal(loads, 0, 'the latch never loads the checkpoint');
	assert.deepEqual(latch.trace, traceSync('latch', 2, latchSteps(DEFAULT_SEED)));
	assert.deepEqual([latch.replaced, latch.bitsPerChar], [[], null]);

	const text = 'Gates — “open” ∑ and shut';
	const char = await traceFor({ model: 'char', text }, loadModel);
	assert.equal(loads, 1);
	const prepared = prepareText(model, text);
	assert.deepEqual(char.trace, traceSync('char', 32, charSteps(model, prepared.text)));
	assert.deepEqual(char.replaced, prepared.replaced);
	assert.ok(char.replaced.includes('∑'), 'a character outside the alphabet is reported');
	assert.equal(char.bitsPerChar, checkpoint.finalBitsPerChar);
	// What the worker posts survives structured cloning unchanged (typed arrays included).
	assert.deepEqual(structuredClone(char), char);

	const empty = await traceFor({ model: 'char', text: '' }, loadModel);
	assert.equal(empty.trace.steps.length, 1, 'an empty text is read as one space');
	const long = await traceFor({ model: 'char', text: 'x'.repeat(500) }, loadModel);
	assert.equal(long.trace.steps.length, 200, 'capped at MAX_TEXT');
	await assert.rejects(traceFor({ model: 'char', text }, async () => Promise.reject(new Error('checkpoint missing'))), /checkpoint missing/);
});

test('the state schema round-trips through the URL (text included) and clamps to the trace', () => {
	const schema = stepperSchema('latch');
	const state = { model: 'char', seed: 11, text: 'a & b = c? 50%', t: 9, unit: 17, from: 17, speed: '4' };
	const search = writeState(schema, 'seq', state, '?cell.seed=3');
	assert.match(search, /cell\.seed=3/);
	assert.deepEqual(readState(schema, 'seq', search), state);
	assert.equal(writeState(schema, 'seq', defaultState(schema), ''), '');
	assert.equal(readState(stepperSchema('char'), 'seq', '').model, 'char');
	const cut = parseState(schema, 'seq', `?seq.text=${'a'.repeat(201)}`);
	assert.equal(cut.state.text, 'a'.repeat(MAX_TEXT), 'too long is cut to what the model reads');
	assert.deepEqual(cut.notices.map((n) => n.reason), ['too-long']);
	// The step field takes any step of the longest text; the trace narrows it (clampToTrace, setBounds).
	assert.equal(parseState(schema, 'seq', '?seq.t=201').state.t, MAX_TEXT);
	// Unit fields reach every unit of the largest model, and no further.
	assert.equal(checkpoint.architecture.hiddenSize, MAX_UNITS);
	assert.equal(schema.unit.max, MAX_UNITS);
	assert.equal(parseState(schema, 'seq', `?seq.unit=${MAX_UNITS + 1}`).notices[0].reason, 'above-max');
	const clamped = clampToTrace({ ...state, t: 99, unit: 40, from: 30 }, 20, 32);
	assert.deepEqual([clamped.t, clamped.unit, clamped.from], [20, 32, 25]);
	assert.deepEqual([clampToTrace(state, 24, 2).unit, clampToTrace(state, 24, 2).from], [2, 1]);
});
