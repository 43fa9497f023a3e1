import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STUDIO_HYPER_SCHEMA, checkHyper, defaultHyper, embeddingDim } from '../../../src/studio/hyper.ts';
import { readState, writeState } from '../../../src/widgets/shared/url-state.ts';

test('the defaults pass their own check and survive the URL round trip', () => {
  const d = defaultHyper();
  assert.deepEqual(checkHyper(d), d);
  const changed = { ...d, hidden: 64, optimizer: 'rmsprop', lr: 0.0005 };
  const search = writeState(STUDIO_HYPER_SCHEMA, 'studio', changed, '');
  assert.equal(search, '?studio.hidden=64&studio.lr=0.0005&studio.optimizer=rmsprop');
  assert.deepEqual(readState(STUDIO_HYPER_SCHEMA, 'studio', search), changed);
  assert.equal(writeState(STUDIO_HYPER_SCHEMA, 'studio', d, ''), '');
  assert.equal(readState(STUDIO_HYPER_SCHEMA, 'studio', '?studio.layers=4').layers, d.layers); // out of range: default
});

test('checkHyper names the key, the range and the value', () => {
  const d = defaultHyper();
  assert.throws(() => checkHyper({ ...d, layers: 0 }), { message: 'hyper.layers: expected an integer in [1, 3], got 0' });
  assert.throws(() => checkHyper({ ...d, seed: 1.5 }), { message: 'hyper.seed: expected an integer in [0, 99999], got 1.5' });
  assert.throws(() => checkHyper({ ...d, lr: '0.1' }), { message: 'hyper.lr: expected a number in [0.00001, 1], got "0.1"' });
  assert.throws(() => checkHyper({ ...d, optimizer: 'lion' }), { message: 'hyper.optimizer: expected one of adam, rmsprop, sgd, adamw, got "lion"' });
  assert.throws(() => checkHyper({ ...d, momentum: 0.9 }), { message: 'hyper: unexpected key "momentum"' });
  const { clip: _, ...noClip } = d;
  assert.throws(() => checkHyper(noClip), { message: 'hyper.clip: expected a number in [0, 100], got nothing' });
  assert.throws(() => checkHyper(null), /hyper: expected an object with layers, hidden, seqLen, batch, lr, optimizer, clip, seed, got null/);
});

test('the embedding width follows the hidden size within [16, 64]', () => {
  assert.deepEqual([8, 64, 128, 256, 1024].map(embeddingDim), [16, 16, 32, 64, 64]);
});
