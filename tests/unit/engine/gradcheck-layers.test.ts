/** Finite-difference gradient checks (float64) for every layer, through parameters and inputs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Rng, Tensor, Module, randn, reshape, crossEntropy, LSTM, LSTMCell, RNN, GRU, Linear, Embedding,
} from '../../../src/engine/index.ts';
import { gradcheck } from './gradcheck.ts';

const dtype = 'float64' as const;
const rng = new Rng(7);
const r = (...shape: number[]): Tensor => randn(shape, rng, { dtype, requiresGrad: true });

function expectExact(res: ReturnType<typeof gradcheck>): void {
  assert.ok(res.checked > 0);
  assert.ok(res.maxRelError <= 1e-6, `max relative error ${res.maxRelError.toExponential(2)} (${res.worst})`);
}

for (const numLayers of [1, 2]) {
  for (const batchFirst of [false, true]) {
    test(`gradcheck: LSTM numLayers=${numLayers} batchFirst=${batchFirst} (out, hN, cN; params, x, h0, c0)`, () => {
      const lstm = new LSTM({ inputSize: 3, hiddenSize: 4, numLayers, batchFirst, rng, dtype });
      const x = batchFirst ? r(2, 5, 3) : r(5, 2, 3);
      const h0 = r(numLayers, 2, 4);
      const c0 = r(numLayers, 2, 4);
      expectExact(gradcheck((x, h0, c0) => {
        const [out, [hN, cN]] = lstm.forward(x, [h0, c0]);
        return [out, hN, cN];
      }, [x, h0, c0, ...lstm.parameters()]));
    });
  }
}

test('gradcheck: LSTM with the default zero state', () => {
  const lstm = new LSTM({ inputSize: 2, hiddenSize: 3, numLayers: 2, rng, dtype });
  expectExact(gradcheck((x) => lstm.forward(x)[0], [r(4, 3, 2), ...lstm.parameters()]));
});

test('gradcheck: LSTMCell (h, c; params, x, h, c)', () => {
  const cell = new LSTMCell({ inputSize: 3, hiddenSize: 4, rng, dtype });
  expectExact(gradcheck((x, h, c) => cell.forward(x, [h, c]), [r(2, 3), r(2, 4), r(2, 4), ...cell.parameters()]));
});

test('gradcheck: LSTMCell unrolled over 3 steps', () => {
  const cell = new LSTMCell({ inputSize: 2, hiddenSize: 3, rng, dtype });
  expectExact(gradcheck((x1, x2, x3) => {
    let s = cell.forward(x1);
    s = cell.forward(x2, s);
    return cell.forward(x3, s);
  }, [r(2, 2), r(2, 2), r(2, 2), ...cell.parameters()]));
});

for (const [name, Layer] of [['RNN', RNN], ['GRU', GRU]] as const) {
  for (const batchFirst of [false, true]) {
    test(`gradcheck: ${name} numLayers=2 batchFirst=${batchFirst} (out, hN; params, x, h0)`, () => {
      const net = new Layer({ inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst, rng, dtype });
      const x = batchFirst ? r(2, 4, 3) : r(4, 2, 3);
      expectExact(gradcheck((x, h0) => net.forward(x, h0), [x, r(2, 2, 4), ...net.parameters()]));
    });
  }
}

test('gradcheck: Linear and Embedding modules', () => {
  const fc = new Linear({ inFeatures: 3, outFeatures: 2, rng, dtype });
  expectExact(gradcheck((x) => fc.forward(x), [r(4, 3), ...fc.parameters()]));
  const fcNoBias = new Linear({ inFeatures: 3, outFeatures: 2, bias: false, rng, dtype });
  expectExact(gradcheck((x) => fcNoBias.forward(x), [r(4, 3), ...fcNoBias.parameters()]));
  const emb = new Embedding({ numEmbeddings: 6, embeddingDim: 3, rng, dtype });
  expectExact(gradcheck(() => emb.forward([[0, 5, 5], [2, 2, 1]]), emb.parameters()));
});

test('gradcheck: Embedding → LSTM → Linear character model with cross-entropy', () => {
  class CharModel extends Module {
    embed = new Embedding({ numEmbeddings: 7, embeddingDim: 3, rng, dtype });
    lstm = new LSTM({ inputSize: 3, hiddenSize: 4, numLayers: 2, batchFirst: true, rng, dtype });
    fc = new Linear({ inFeatures: 4, outFeatures: 7, rng, dtype });
  }
  const m = new CharModel();
  const ids = [[1, 4, 6, 0], [3, 3, 2, 5]];
  const targets = [4, 6, 0, 2, 3, 2, 5, 1];
  expectExact(gradcheck(() => {
    const [out] = m.lstm.forward(m.embed.forward(ids));
    return crossEntropy(reshape(m.fc.forward(out), [-1, 7]), targets);
  }, m.parameters()));
});
