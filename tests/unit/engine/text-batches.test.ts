import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Rng } from '../../../src/engine/rng.ts';
import { charBatches, streamBatches } from '../../../src/engine/text/batches.ts';

const corpus = Int32Array.from({ length: 23 }, (_, k) => k); // ids 0..22, so targets are easy to read

test('charBatches: targets are inputs shifted by one, every window is used once', () => {
  const batches = charBatches(corpus, { batchSize: 2, seqLen: 5, rng: new Rng(1) });
  // ⌊(23 − 1) / 5⌋ = 4 windows → 2 batches of 2 rows
  assert.equal(batches.length, 2);
  const starts: number[] = [];
  for (const b of batches) {
    assert.equal(b.inputs.length, b.batchSize * 5);
    for (let r = 0; r < b.batchSize; r++) {
      starts.push(b.inputs[r * 5]);
      for (let t = 0; t < 5; t++) {
        assert.equal(b.inputs[r * 5 + t], b.inputs[r * 5] + t);
        assert.equal(b.targets[r * 5 + t], b.inputs[r * 5 + t] + 1);
      }
    }
  }
  assert.deepEqual(starts.sort((a, b) => a - b), [0, 5, 10, 15]);
});

test('charBatches: the shuffle is seeded, and shuffle: false keeps corpus order', () => {
  const order = (seed: number) => charBatches(corpus, { batchSize: 1, seqLen: 2, rng: new Rng(seed) }).map((b) => b.inputs[0]);
  assert.deepEqual(order(7), order(7));
  assert.notDeepEqual(order(7), order(8));
  const plain = charBatches(corpus, { batchSize: 3, seqLen: 5, shuffle: false });
  assert.deepEqual(plain.map((b) => b.batchSize), [3, 1]);
  assert.deepEqual([...plain[0].inputs.subarray(0, 5)], [0, 1, 2, 3, 4]);
  assert.equal(charBatches(corpus, { batchSize: 3, seqLen: 5, shuffle: false, dropLast: true }).length, 1);
});

test('charBatches: clear errors for empty and too-short corpora', () => {
  assert.throws(() => charBatches(new Int32Array(0), { batchSize: 2, seqLen: 4, rng: new Rng(0) }), {
    message: 'charBatches: corpus expected at least seqLen + 1 characters, got 0',
  });
  assert.throws(() => charBatches(new Int32Array(4), { batchSize: 2, seqLen: 4, rng: new Rng(0) }), {
    message: 'charBatches: corpus expected at least seqLen + 1 = 5 characters (inputs and their next characters), got 4',
  });
  assert.throws(() => charBatches(corpus, { batchSize: 2, seqLen: 4 }), /options.rng expected an Rng when shuffle is true, got none/);
  assert.throws(() => charBatches(corpus, { batchSize: 0, seqLen: 4, rng: new Rng(0) }), /options.batchSize expected a positive integer, got 0/);
});

test('streamBatches: row b of batch j+1 continues row b of batch j', () => {
  const batches = streamBatches(corpus, { batchSize: 2, seqLen: 3 });
  // L = ⌊22 / 2⌋ = 11 characters per stream, ⌊11 / 3⌋ = 3 batches
  assert.equal(batches.length, 3);
  assert.deepEqual([...batches[0].inputs], [0, 1, 2, 11, 12, 13]);
  assert.deepEqual([...batches[1].inputs], [3, 4, 5, 14, 15, 16]);
  assert.deepEqual([...batches[2].targets], [7, 8, 9, 18, 19, 20]);
  for (let j = 0; j + 1 < batches.length; j++) {
    for (let b = 0; b < 2; b++) assert.equal(batches[j + 1].inputs[b * 3], batches[j].targets[b * 3 + 2]);
  }
});

test('streamBatches: a corpus too short for B streams of T characters is an error', () => {
  assert.throws(() => streamBatches(new Int32Array(10), { batchSize: 4, seqLen: 3 }), {
    message:
      'streamBatches: corpus expected at least batchSize · seqLen + 1 = 13 characters (4 streams of at least 3), got 10 (4 streams of 2)',
  });
  assert.throws(() => streamBatches([], { batchSize: 1, seqLen: 3 }), /corpus expected at least seqLen \+ 1 characters, got 0/);
});
