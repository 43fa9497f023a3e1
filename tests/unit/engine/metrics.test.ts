import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracy, tensor } from '../../../src/engine/index.ts';

test('accuracy: the fraction of rows whose argmax is the target, ties to the lower class', () => {
  const logits = tensor([[0.1, 2, 0.3], [5, 1, 1], [1, 1, 0], [0, 0, 3]]);
  assert.equal(accuracy(logits, [1, 0, 0, 2]), 1);
  assert.equal(accuracy(logits, [1, 0, 1, 0]), 0.5); // row 2 is a tie: class 0, not 1
  assert.equal(accuracy(logits, new Int32Array([2, 2, 2, 1])), 0);
  assert.throws(() => accuracy(logits, [1, 0, 0]), { message: 'accuracy: targets expected 4 class ids (one per row of [4, 3]), got 3' });
  assert.throws(() => accuracy(logits, [1, 0, 0, 3]), { message: 'accuracy: targets[3] expected an integer id in [0, 3), got 3' });
});
