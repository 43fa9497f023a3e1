import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossEntropy, natsToBits, noGrad, tensor } from '../../../src/engine/index.ts';
import { defaultHyper, type StudioHyper } from '../../../src/studio/hyper.ts';
import { StudioTrainer, VALIDATION_STREAMS } from '../../../src/studio/trainer.ts';
import { splitHoldout } from '../../../src/studio/corpus.ts';
import { unigramBits } from '../../../src/studio/baseline.ts';

const TEXT = 'the cat sat on the mat. the dog sat on the log. a cat and a dog. '.repeat(40);
const small: StudioHyper = { ...defaultHyper(), hidden: 24, layers: 1, batch: 4, seqLen: 16, lr: 0.01, seed: 3 };

test('the training loss goes down with a fixed seed, and so does the validation loss', () => {
  const t = new StudioTrainer({ text: TEXT, hyper: small });
  const before = t.validationBits();
  const first = t.step();
  for (let k = 0; k < 150; k++) t.step();
  const recent = t.lossHistory.slice(-20).reduce((s, p) => s + (p.trainBits ?? 0), 0) / 20;
  const after = t.validationBits();
  assert.ok(first.ok && first.chars === 64 && first.step === 1);
  assert.ok(recent < first.trainBits - 2, `train ${first.trainBits.toFixed(3)} → ${recent.toFixed(3)}`);
  assert.ok(after < before - 2, `validation ${before.toFixed(3)} → ${after.toFixed(3)}`);
  assert.equal(t.stepCount, 151);
  assert.equal(t.charsSeen, 151 * 64);
  assert.deepEqual(t.lossHistory.at(-1), { step: 151, trainBits: t.lossHistory.at(-1)!.trainBits, validationBits: after });
});

test('the same seed gives the same run; another seed another', () => {
  const run = (seed: number) => {
    const t = new StudioTrainer({ text: TEXT, hyper: { ...small, seed } });
    return Array.from({ length: 40 }, () => t.step().trainBits);
  };
  assert.deepEqual(run(3), run(3));
  assert.notDeepEqual(run(3), run(4));
});

test('the held-out tenth is never trained on: changing it changes no training step', () => {
  const { train, validation } = splitHoldout(TEXT);
  const other = train + validation.replace(/cat/g, 'cow').replace(/dog/g, 'doe');
  assert.equal(Array.from(other).length, Array.from(TEXT).length);
  // The vocabulary comes from the training part only, so both runs see the same one.
  const a = new StudioTrainer({ text: TEXT, hyper: small });
  const b = new StudioTrainer({ text: other, hyper: small });
  assert.deepEqual(b.vocab.chars, a.vocab.chars);
  for (let k = 0; k < 130; k++) assert.equal(a.step().trainBits, b.step().trainBits); // > 2 passes over the text
  assert.notEqual(a.validationBits(), b.validationBits());
});

test('the validation loss is the mean over the stated streams, each read from a zero state', () => {
  const t = new StudioTrainer({ text: TEXT, hyper: small });
  for (let k = 0; k < 30; k++) t.step();
  const { streams, chars, heldOutChars, sampled } = t.validationDescription;
  const heldOut = t.vocab.encode(splitHoldout(TEXT).validation);
  assert.equal(heldOutChars, heldOut.length);
  assert.equal(streams, VALIDATION_STREAMS);
  assert.equal(chars, streams * Math.floor((heldOut.length - 1) / streams));
  assert.equal(sampled, chars < heldOut.length - 1);
  // Independently: every stream stepped one character at a time with the tape-free generator.
  const per = chars / streams;
  let nats = 0;
  const gen = t.model.generator();
  for (let s = 0; s < streams; s++) {
    gen.reset();
    for (let k = 0; k < per; k++) {
      const z = gen.step(heldOut[s * per + k]);
      nats += noGrad(() => crossEntropy(tensor(Array.from(z), { shape: [1, z.length] }), Int32Array.of(heldOut[s * per + k + 1])).item());
    }
  }
  assert.ok(Math.abs(t.validationBits() - natsToBits(nats / chars)) < 1e-5);
});

test('the unigram baseline is the add-one-smoothed character frequency of the training part', () => {
  // Train ids 0,0,1 over V = 3: p = (3/6, 2/6, 1/6).
  assert.ok(Math.abs(unigramBits([0, 0, 1], [0, 2], 3) - (-Math.log2(3 / 6) - Math.log2(1 / 6)) / 2) < 1e-12);
  const t = new StudioTrainer({ text: TEXT, hyper: small });
  const u = t.unigramBits();
  assert.ok(u > 3 && u < Math.log2(t.vocab.size), `${u}`);
});

test('a short text shrinks the batch to fit; continuing a run keeps counting steps', () => {
  const text = 'abcdefghij'.repeat(100); // 900 training characters
  const t = new StudioTrainer({ text, hyper: { ...small, batch: 64, seqLen: 64 } });
  assert.deepEqual(t.batchShape, { batch: 14, seqLen: 64 }); // ⌊898 / 64⌋ streams
  for (let k = 0; k < 50; k++) assert.ok(t.step().ok); // several passes
  const more = new StudioTrainer({ text, hyper: t.hyper, vocab: t.vocab, model: t.model, lossHistory: t.lossHistory });
  assert.equal(more.step().step, 51);
  assert.throws(() => new StudioTrainer({ text: 'tiny text', hyper: small }), /StudioTrainer: text expected at least 18 characters, got 9/);
  assert.throws(() => new StudioTrainer({ text, hyper: { ...small, layers: 4 } }), /StudioTrainer: hyper.layers: expected an integer in \[1, 3\], got 4/);
  assert.throws(() => new StudioTrainer({ text, hyper: { ...small, hidden: 8 }, model: t.model, vocab: t.vocab }), /does not match/);
});

test('every optimizer trains', () => {
  for (const optimizer of ['adam', 'adamw', 'rmsprop', 'sgd'] as const) {
    const lr = optimizer === 'sgd' ? 0.5 : optimizer === 'rmsprop' ? 0.003 : 0.01;
    const t = new StudioTrainer({ text: TEXT, hyper: { ...small, optimizer, lr, layers: 2 } });
    const first = t.step().trainBits;
    for (let k = 0; k < 60; k++) t.step();
    const last = t.step().trainBits;
    assert.ok(last < first - 1, `${optimizer}: ${first.toFixed(2)} → ${last.toFixed(2)}`);
  }
});

test('a continued run can take over the optimizer state; a mismatched one is refused', () => {
  const t = new StudioTrainer({ text: TEXT, hyper: small });
  for (let k = 0; k < 5; k++) t.step();
  const state = t.optimizer.stateDict();
  const more = new StudioTrainer({ text: TEXT, hyper: small, vocab: t.vocab, model: t.model, lossHistory: t.lossHistory, optimizerState: state });
  assert.deepEqual(more.optimizer.stateDict(), state);
  const other = new StudioTrainer({ text: TEXT, hyper: { ...small, layers: 2 } });
  assert.throws(() => new StudioTrainer({ text: TEXT, hyper: other.hyper, vocab: other.vocab, model: other.model, optimizerState: state }), /Adam.loadStateDict: state.params expected 11 entries, got 7/);
});

test('a step with a non-finite loss is refused: no weight, count or history changes', () => {
  const t = new StudioTrainer({ text: TEXT, hyper: small });
  t.step();
  t.model.fc.bias!.data[0] = NaN; // poisons every logit row's softmax
  const before = t.model.stateDict()['lstm.weight_hh_l0'].data.slice();
  const r = t.step();
  assert.equal(r.ok, false);
  assert.match(r.message!, /loss is NaN; parameters and optimizer state left unchanged/);
  assert.equal(r.step, 1);
  assert.equal(t.stepCount, 1);
  assert.equal(t.charsSeen, 64);
  assert.equal(t.lossHistory.length, 1);
  assert.deepEqual(t.model.stateDict()['lstm.weight_hh_l0'].data, before);
});

test('validationRun gives the same number in slices, with the fraction done after each', () => {
  const text = 'a slow and steady stream of characters. '.repeat(200); // 800 held out: 16 streams of 49
  const t = new StudioTrainer({ text, hyper: small });
  for (let k = 0; k < 10; k++) t.step();
  const fractions: number[] = [];
  const run = t.validationRun();
  let r = run.next();
  for (; !r.done; r = run.next()) fractions.push(r.value);
  assert.equal(t.validationDescription.chars / t.validationDescription.streams, 49); // one chunk of 128 holds it
  assert.deepEqual(fractions, []);
  assert.equal(r.value, t.validationBits());
  const long = new StudioTrainer({ text: text.repeat(4), hyper: small }); // 3 200 held out: 16 streams of 199
  const slices = [...(function* () { yield* long.validationRun(); })()];
  assert.deepEqual(slices, [128 / 199]);
  assert.equal(long.lossHistory.at(-1)!.validationBits, long.validationBits());
});
