/**
 * "Continue in PyTorch": runs the generated script with Debian's python3-torch on a small model and text,
 * checks that its first validation loss is the studio's, and that the file it saves loads back here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultHyper } from '../../../src/studio/hyper.ts';
import { StudioTrainer, evaluateBits } from '../../../src/studio/trainer.ts';
import { parseModelFile, serializeModel } from '../../../src/studio/model-file.ts';
import { pytorchScript } from '../../../src/studio/pytorch-script.ts';
import { splitHoldout } from '../../../src/studio/corpus.ts';

const PYTHON = '/usr/bin/python3';
const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
const skip = probe.status === 0 ? false : `needs ${PYTHON} with torch (${(probe.error?.message ?? probe.stderr).trim().split('\n').pop()})`;

test('the PyTorch script reproduces the validation loss and saves a file the studio loads', { skip, timeout: 180_000 }, () => {
  const text = ('Cell state, "hidden state" and (gates): 细胞状态 🙂.\nThe forget gate decides. ').repeat(40);
  const hyper = { ...defaultHyper(), hidden: 16, layers: 2, batch: 4, seqLen: 12, lr: 0.01, seed: 11 };
  const trainer = new StudioTrainer({ text, hyper });
  for (let k = 0; k < 25; k++) trainer.step();
  const bits = trainer.validationBits();
  const dir = mkdtempSync(join(tmpdir(), 'studio-torch-'));
  try {
    writeFileSync(join(dir, 'corpus.txt'), text);
    writeFileSync(join(dir, 'model.json'), serializeModel({ model: trainer.model, vocab: trainer.vocab, hyper, lossHistory: trainer.lossHistory }));
    writeFileSync(join(dir, 'continue.py'), pytorchScript({ hyper, corpusFileName: 'corpus.txt', modelFileName: 'model.json' }));
    const run = spawnSync(PYTHON, ['continue.py', '--steps', '30', '--eval-every', '30', '--device', 'cpu'], { cwd: dir, encoding: 'utf8', timeout: 170_000 });
    assert.equal(run.status, 0, run.stderr);
    const first = Number(/validation loss before training: ([\d.]+) bits per character/.exec(run.stdout)?.[1]);
    assert.ok(Math.abs(first - bits) < 1e-4, `PyTorch ${first}, studio ${bits}`);
    const last = Number(/step 55 {2}train [\d.]+ {2}validation ([\d.]+)/.exec(run.stdout)?.[1]);
    assert.ok(last < first, `PyTorch training did not lower the loss: ${first} → ${last}\n${run.stdout}`);

    const back = parseModelFile(readFileSync(join(dir, 'model-pytorch.json'), 'utf8'));
    assert.deepEqual(back.hyper, hyper);
    assert.deepEqual(back.vocab.chars, trainer.vocab.chars);
    assert.equal(back.lossHistory.at(-1)!.step, 55);
    assert.match(String(back.info?.trainedWith), /^PyTorch /);
    // The weights PyTorch saved give, in the engine, the loss PyTorch printed for them.
    const ids = back.vocab.encode(splitHoldout(text).validation);
    const { streams, chars } = trainer.validationDescription;
    assert.ok(Math.abs(evaluateBits(back.model, ids, streams, chars / streams) - last) < 1e-3 + 1e-4);

    // The studio's plateau rule runs there too: with a patience of 2 steps and an unreachable gain, the
    // reading at step 27 halves lr (and returns to the weights of step 25).
    const script = pytorchScript({ hyper, corpusFileName: 'corpus.txt', modelFileName: 'model.json' });
    const eager = script.replace(/^PLATEAU_PATIENCE = \d+$/m, 'PLATEAU_PATIENCE = 2').replace(/^PLATEAU_MIN_DELTA = .*$/m, 'PLATEAU_MIN_DELTA = 100');
    assert.notEqual(eager, script);
    writeFileSync(join(dir, 'eager.py'), eager);
    const halving = spawnSync(PYTHON, ['eager.py', '--steps', '6', '--eval-every', '2', '--device', 'cpu', '--save', 'eager.json'], { cwd: dir, encoding: 'utf8', timeout: 170_000 });
    assert.equal(halving.status, 0, halving.stderr);
    assert.match(halving.stdout, /step 27: no gain for 2 steps, lr 0\.005\n/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
