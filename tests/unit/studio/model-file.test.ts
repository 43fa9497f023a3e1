import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Rng } from '../../../src/engine/index.ts';
import { defaultHyper } from '../../../src/studio/hyper.ts';
import { StudioModel } from '../../../src/studio/model.ts';
import { StudioVocab } from '../../../src/studio/vocab.ts';
import { ModelFileError, decodeBase64, encodeBase64, encodeFloats, parseModelFile, serializeModel } from '../../../src/studio/model-file.ts';

const vocab = StudioVocab.fromText('hello, 世界 🌍 cell state');
const hyper = { ...defaultHyper(), hidden: 12, layers: 2, seed: 5 };
const model = StudioModel.fromHyper(hyper, vocab.size);
const lossHistory = [{ step: 1, trainBits: 4.1 }, { step: 2, trainBits: 3.9, validationBits: 4 }];
const file = serializeModel({ model, vocab, hyper, lossHistory, info: { corpus: 'test' } });

/** The file as an object, changed by `edit`, back to text. */
function edited(edit: (f: any) => void): string {
  const f = JSON.parse(file);
  edit(f);
  return JSON.stringify(f);
}

test('a model file round-trips exactly: weights, vocabulary, hyperparameters, history', () => {
  const back = parseModelFile(file);
  assert.deepEqual(back.hyper, hyper);
  assert.deepEqual(back.vocab.chars, vocab.chars);
  assert.deepEqual(back.lossHistory, lossHistory);
  assert.deepEqual(back.info, { corpus: 'test' });
  const a = model.stateDict();
  const b = back.model.stateDict();
  assert.deepEqual(Object.keys(b), Object.keys(a));
  for (const k of Object.keys(a)) assert.deepEqual(b[k].data, a[k].data, k);
  assert.deepEqual(Object.keys(JSON.parse(file).stateDict), [
    'embed.weight',
    'lstm.weight_ih_l0', 'lstm.weight_hh_l0', 'lstm.bias_ih_l0', 'lstm.bias_hh_l0',
    'lstm.weight_ih_l1', 'lstm.weight_hh_l1', 'lstm.bias_ih_l1', 'lstm.bias_hh_l1',
    'fc.weight', 'fc.bias',
  ]);
});

test('float16 files are half the size and within half-precision rounding of the weights', () => {
  const half = serializeModel({ model, vocab, hyper, lossHistory, precision: 'float16' });
  const back = parseModelFile(half).model.stateDict();
  for (const [k, t] of Object.entries(model.stateDict())) {
    t.data.forEach((x, i) => assert.ok(Math.abs(back[k].data[i] - x) <= Math.abs(x) * 2 ** -11 + 2 ** -25, `${k}[${i}]`));
  }
  const bytes = (s: string) => Object.values(JSON.parse(s).stateDict as Record<string, { data: string }>).reduce((n, t) => n + t.data.length, 0);
  assert.ok(Math.abs(bytes(half) / bytes(file) - 0.5) < 0.01);
});

test('weights can also be plain arrays of numbers (as a hand-written file might have)', () => {
  const plain = edited((f) => {
    for (const [name, t] of Object.entries(model.stateDict())) f.stateDict[name].data = Array.from(t.data);
  });
  assert.deepEqual(parseModelFile(plain).model.stateDict()['fc.bias'].data, model.stateDict()['fc.bias'].data);
});

test('corrupt, truncated and mismatched files name the key and the shapes', () => {
  const cases: [string, string | RegExp][] = [
    ['', 'The model file is empty'],
    [file.slice(0, file.length / 2), /^The model file is not valid JSON \(truncated or corrupt\?\)/],
    ['[1, 2]', 'The model file expected a JSON object at the top level'],
    [edited((f) => (f.format = 'other/1')), 'format: expected "cell-state-studio-model/1", got "other/1"'],
    [edited((f) => (f.stateDict['lstm.weight_hh_l1'].shape = [48, 13])), 'stateDict["lstm.weight_hh_l1"]: shape [48, 13] does not match the model\'s [48, 12]'],
    [edited((f) => delete f.stateDict['fc.bias']), `stateDict: missing "fc.bias" (expected shape [${vocab.size}])`],
    [edited((f) => (f.stateDict['lstm.weight_ih_l2'] = f.stateDict['lstm.weight_ih_l1'])), 'stateDict: unexpected key "lstm.weight_ih_l2" for a 2-layer model'],
    [edited((f) => (f.stateDict['fc.bias'].data = f.stateDict['fc.bias'].data.slice(0, 8))), `stateDict["fc.bias"]: data has 1 float32 values, shape [${vocab.size}] needs ${vocab.size}`],
    [edited((f) => (f.stateDict['fc.bias'].data = '@@@@')), 'stateDict["fc.bias"]: data is not valid base64'],
    [edited((f) => (f.stateDict['fc.bias'].data = [NaN, ...Array(vocab.size - 1).fill(0)])), 'stateDict["fc.bias"]: value 0 is null, expected a finite number'],
    [edited((f) => (f.stateDict['fc.bias'].data = encodeFloats([0, 0, Infinity, ...Array(vocab.size - 3).fill(0)], 'float32'))), 'stateDict["fc.bias"]: value 2 is Infinity, expected a finite number'],
    [edited((f) => (f.stateDict['fc.bias'].dtype = 'int8')), 'stateDict["fc.bias"]: dtype expected "float32" or "float16", got "int8"'],
    [edited((f) => f.vocab.chars.pop()), `vocab.chars: has ${vocab.size - 1} characters, architecture.vocabSize is ${vocab.size}`],
    [edited((f) => (f.hyper.optimizer = 'lion')), 'hyper.optimizer: expected one of adam, rmsprop, sgd, adamw, got "lion"'],
    [edited((f) => (f.hyper.hidden = 16)), 'architecture: hidden 12, layers 2 do not match hyper.hidden 16, hyper.layers 2'],
    [edited((f) => (f.architecture.layers = 4)), 'architecture.layers: expected 1 to 3, got 4'],
    [edited((f) => (f.lossHistory = [{ step: 1, trainBits: 'x' }])), 'lossHistory[0].trainBits: expected a finite number, got "x"'],
  ];
  for (const [text, message] of cases) {
    assert.throws(() => parseModelFile(text), (e: unknown) => {
      assert.ok(e instanceof ModelFileError, `not a ModelFileError: ${e}`);
      if (typeof message === 'string') assert.equal(e.message, message);
      else assert.match(e.message, message);
      return true;
    });
  }
});

test('a file with a different vocabulary and embedding width loads as its own model', () => {
  const v = StudioVocab.fromText('abc');
  const m = new StudioModel({ vocabSize: v.size, hidden: 8, layers: 1, embedding: 5, rng: new Rng(1) });
  const back = parseModelFile(serializeModel({ model: m, vocab: v, hyper: { ...defaultHyper(), hidden: 8, layers: 1 }, lossHistory: [] }));
  assert.equal(back.model.embeddingDim, 5);
  assert.equal(back.model.vocabSize, 4);
});

test('base64 matches the standard alphabet with padding and rejects anything else', () => {
  const bytes = Uint8Array.from({ length: 256 }, (_, k) => (k * 37) & 255);
  for (let n = 0; n <= 7; n++) {
    const b64 = encodeBase64(bytes.subarray(0, n));
    assert.equal(b64, Buffer.from(bytes.subarray(0, n)).toString('base64'));
    assert.deepEqual(decodeBase64(b64), bytes.subarray(0, n));
  }
  assert.equal(encodeBase64(bytes), Buffer.from(bytes).toString('base64'));
  for (const bad of ['abc', 'ab=c', 'a===', '€€€€', 'ab c']) assert.equal(decodeBase64(bad), null, bad);
});

test('a file written by PyTorch (tests/fixtures/torch/studio_model.json) predicts what PyTorch predicted', () => {
  const fixture = JSON.parse(readFileSync(new URL('../../fixtures/torch/studio_model.json', import.meta.url), 'utf8'));
  for (const dtype of ['float32', 'float16'] as const) {
    const { model, vocab } = parseModelFile(JSON.stringify(fixture[dtype].file));
    assert.deepEqual([...vocab.encode(fixture.text)], fixture.ids); // 'z' is unknown: id 0
    const gen = model.generator();
    fixture.ids.forEach((id: number, t: number) => {
      const z = gen.step(id);
      const max = Math.max(...z);
      const logSum = Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
      z.forEach((v, k) => assert.ok(Math.abs(v - logSum - fixture[dtype].logProbs[t][k]) < 1e-5, `${dtype} t=${t} k=${k}`));
    });
  }
});
