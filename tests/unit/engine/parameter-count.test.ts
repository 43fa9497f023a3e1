import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GRU, LSTM, LSTMCell, Linear, RNN, RNNCell, Rng, gruParameterCount, linearParameterCount, lstmParameterCount, rnnParameterCount,
} from '../../../src/engine/index.ts';

test('closed-form parameter counts equal the layers’ numParameters() (eq-param-count)', () => {
  const rng = new Rng(0);
  for (const [I, H, L] of [[1, 1, 1], [9, 16, 1], [5, 7, 3], [65, 128, 2]]) {
    const size = { inputSize: I, hiddenSize: H, numLayers: L };
    assert.equal(lstmParameterCount(size), new LSTM({ ...size, rng }).numParameters(), `LSTM ${I}/${H}/${L}`);
    assert.equal(gruParameterCount(size), new GRU({ ...size, rng }).numParameters(), `GRU ${I}/${H}/${L}`);
    assert.equal(rnnParameterCount(size), new RNN({ ...size, rng }).numParameters(), `RNN ${I}/${H}/${L}`);
    assert.equal(linearParameterCount({ inFeatures: I, outFeatures: H }), new Linear({ inFeatures: I, outFeatures: H, rng }).numParameters());
    assert.equal(linearParameterCount({ inFeatures: I, outFeatures: H, bias: false }), new Linear({ inFeatures: I, outFeatures: H, bias: false, rng }).numParameters());
  }
  assert.equal(lstmParameterCount({ inputSize: 3, hiddenSize: 4 }), new LSTMCell({ inputSize: 3, hiddenSize: 4, rng }).numParameters());
  assert.equal(rnnParameterCount({ inputSize: 3, hiddenSize: 4 }), new RNNCell({ inputSize: 3, hiddenSize: 4, rng }).numParameters());
  // The chapter's worked number: 4H(I + H) + 8H for I = 9, H = 16.
  assert.equal(lstmParameterCount({ inputSize: 9, hiddenSize: 16 }), 4 * 16 * (9 + 16) + 8 * 16);
  assert.throws(() => lstmParameterCount({ inputSize: 0, hiddenSize: 4 }), { message: 'lstmParameterCount: inputSize expected a positive integer, got 0' });
});
