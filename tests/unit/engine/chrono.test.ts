import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LSTM, LSTMCell, LstmVariant, Rng, chronoInit } from '../../../src/engine/index.ts';

test('chronoInit: b_f = log u with u in [1, T − 1], b_i = −b_f, the bias_hh rows zero, in every layer', () => {
  const T = 62;
  const H = 8;
  const lstm = new LSTM({ inputSize: 3, hiddenSize: H, numLayers: 2, rng: new Rng(1) });
  chronoInit(lstm, T, new Rng(2));
  const layer0 = Array.from(lstm.layerWeights(0).biasIh.data.slice(H, 2 * H));
  for (let l = 0; l < 2; l++) {
    const { biasIh, biasHh } = lstm.layerWeights(l);
    for (let j = 0; j < H; j++) {
      const bf = biasIh.data[H + j];
      assert.ok(bf >= 0 && bf <= Math.log(T - 1) + 1e-6, `layer ${l}: b_f ${bf}`);
      assert.equal(biasIh.data[j], -bf);
      assert.equal(biasHh.data[H + j], 0);
      assert.equal(biasHh.data[j], 0);
    }
  }
  // Layers draw in order from the one rng, so the second layer's values differ from the first's.
  assert.notDeepEqual(Array.from(lstm.layerWeights(1).biasIh.data.slice(H, 2 * H)), layer0);
  // The other gates' rows (g, o) keep their PyTorch initialisation.
  const fresh = new LSTM({ inputSize: 3, hiddenSize: H, numLayers: 2, rng: new Rng(1) });
  assert.deepEqual(lstm.layerWeights(0).biasIh.data.slice(2 * H), fresh.layerWeights(0).biasIh.data.slice(2 * H));
});

test('chronoInit on an LSTMCell draws what LstmVariant’s chrono init draws for the same rng', () => {
  const H = 5;
  // LstmVariant draws its weights first (4H·I + 4H·H + 8H values), then the chrono biases from the same rng.
  const variant = new LstmVariant({ inputSize: 2, hiddenSize: H, variant: 'vanilla', rng: new Rng(7), dtype: 'float64', init: { chronoT: 20 } });
  const afterWeights = new Rng(7);
  for (let k = 0; k < 4 * H * 2 + 4 * H * H + 8 * H; k++) afterWeights.uniform(0, 1);
  const cell = new LSTMCell({ inputSize: 2, hiddenSize: H, rng: new Rng(1), dtype: 'float64' });
  chronoInit(cell, 20, afterWeights);
  const vb = (variant.stateDict().bias_ih_l0 as { data: ArrayLike<number> }).data;
  assert.deepEqual(Array.from(cell.bias_ih.data.slice(0, 2 * H)), Array.from(vb).slice(0, 2 * H));
  assert.throws(() => chronoInit(cell, 2, new Rng(1)), { message: 'chronoInit: T expected a finite number > 2, got 2' });
  assert.throws(() => chronoInit({} as never, 10, new Rng(1)), { message: 'chronoInit: lstm expected an LSTM or LSTMCell, got object' });
});
