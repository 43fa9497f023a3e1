import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultHyper, type StudioHyper } from '../../../src/studio/hyper.ts';
import { StudioTrainer } from '../../../src/studio/trainer.ts';
import { packMoments, unpackMoments } from '../../../src/studio/packed-moments.ts';
import { parseModelFile, serializeModel } from '../../../src/studio/model-file.ts';
import type { OptimizerState } from '../../../src/engine/index.ts';

const TEXT = 'the cat sat on the mat. the dog sat on the log. a cat and a dog. '.repeat(40);
const small: StudioHyper = { ...defaultHyper(), hidden: 24, layers: 1, batch: 4, seqLen: 16, lr: 0.01, seed: 3 };

test('packed moments survive a structured clone bit for bit, as typed arrays, and resume the run exactly', () => {
  const t = new StudioTrainer({ text: TEXT, hyper: small });
  for (let k = 0; k < 5; k++) t.step();
  const state = t.optimizer.stateDict();
  const packed = structuredClone(packMoments(state)); // what postMessage and IndexedDB do to it
  for (const p of packed.params) for (const b of Object.values(p.buffers)) assert.ok(b instanceof Float64Array);
  assert.deepEqual(unpackMoments(packed), state);
  // Two runs resumed from copies of the same saved model: one from stateDict() as it is, one from the packed
  // moments. They must train on identically, and differ from a run resumed without moments.
  const resume = (optimizerState?: OptimizerState) => {
    const saved = parseModelFile(serializeModel({ model: t.model, vocab: t.vocab, hyper: t.hyper, lossHistory: t.lossHistory }));
    return new StudioTrainer({ text: TEXT, hyper: saved.hyper, vocab: saved.vocab, model: saved.model, lossHistory: saved.lossHistory, ...(optimizerState ? { optimizerState } : {}) });
  };
  const [plain, fromPacked, fresh] = [resume(state), resume(unpackMoments(packed)), resume()];
  const losses = (r: StudioTrainer) => Array.from({ length: 4 }, () => r.step().trainBits);
  const [a, b, c] = [losses(plain), losses(fromPacked), losses(fresh)];
  assert.deepEqual(b, a);
  assert.deepEqual(Array.from(fromPacked.model.parameters()[0].data), Array.from(plain.model.parameters()[0].data));
  assert.notDeepEqual(c, a, 'without the moments the run goes differently (so the comparison can fail)');
});

test('moments saved as plain arrays (before packing) still unpack; a malformed state is left for loadStateDict to name', () => {
  const t = new StudioTrainer({ text: TEXT, hyper: small });
  t.step();
  const state = t.optimizer.stateDict();
  assert.deepEqual(unpackMoments(structuredClone(state)), state);
  const bad = { optimizer: 'Adam', lr: 0.01, params: 'nope' } as never;
  assert.equal(unpackMoments(bad), bad);
  assert.throws(() => new StudioTrainer({ text: TEXT, hyper: small, vocab: t.vocab, model: t.model, optimizerState: unpackMoments(bad) }), /state.params expected/);
});
