/**
 * Property tests of the loaders: random corruptions of a valid state dict, optimizer state and Keras weight
 * list (keys dropped or added, shapes changed, NaN, ±Infinity, strings and other non-numbers written into the
 * data, arrays cut short or made longer) either load, or throw a message that names a corrupted key, and a
 * throw leaves every parameter and the optimizer's state bit for bit as it was. Seeds are fixed, so a run
 * repeats exactly; fast-check prints the failing corruption if one is found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Adam, CharLSTM, Rng, crossEntropy, dense, lstm, sequential, type OptimizerState, type Tensor } from '../../../src/engine/index.ts';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json } | undefined;

/** Values that must never load as a number (plus finite numbers, which may). */
const strangeValue = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, '0x10', 'abc', '', '1', null, undefined, true, {}, [1], { length: 3 }),
  fc.string({ maxLength: 4 }),
  fc.double(),
);

/** The exact bits of every parameter, to compare before and after. */
function bits(params: readonly Tensor[]): string[] {
  return params.map((p) => Buffer.from(p.data.buffer, p.data.byteOffset, p.data.byteLength).toString('hex'));
}

const clone = <T>(v: T): T => structuredClone(v);

/** One corruption of an object whose values are { shape, data } entries: what it does and the key it touches. */
const entryCorruption = fc.record({
  kind: fc.constantFrom('drop', 'add', 'shape-dim', 'shape-rank', 'shape-text', 'value', 'truncate', 'extend', 'data-object', 'entry'),
  pick: fc.nat(),
  at: fc.nat(),
  value: strangeValue,
  extraName: fc.constantFrom<string>('fc.scale', 'lstm.weight_ih_l1', 'embed.bias', 'x'),
});

type EntryCorruption = typeof entryCorruption extends fc.Arbitrary<infer T> ? T : never;

/** Applies `c` to a record of name → { shape, data }; returns the name it touched. */
function corruptEntries(sd: Record<string, { shape: Json; data: Json }>, c: EntryCorruption): string {
  const names = Object.keys(sd);
  if (names.length === 0 || c.kind === 'add') {
    sd[c.extraName] = { shape: [1], data: [0] };
    return c.extraName;
  }
  const name = names[c.pick % names.length];
  const entry = sd[name];
  // An entry an earlier corruption already broke stays broken; this one only records the name again.
  if (!entry || typeof entry !== 'object' || !Array.isArray(entry.shape) || !Array.isArray(entry.data)) return name;
  const data = entry.data as Json[];
  const shape = entry.shape as number[];
  switch (c.kind) {
    case 'drop':
      delete sd[name];
      return name;
    case 'shape-dim':
      entry.shape = shape.map((d, k) => (k === c.at % shape.length ? d + 1 + (c.at % 3) : d));
      return name;
    case 'shape-rank':
      entry.shape = [...shape, 1 + (c.at % 2)];
      return name;
    case 'shape-text':
      entry.shape = shape.map((d) => String(d));
      return name;
    case 'value':
      if (data.length > 0) data[c.at % data.length] = c.value as Json;
      return name;
    case 'truncate':
      entry.data = data.slice(0, c.at % Math.max(1, data.length));
      return name;
    case 'extend':
      entry.data = [...data, 0.5];
      return name;
    case 'data-object':
      entry.data = { length: data.length };
      return name;
    case 'entry':
      sd[name] = c.value as never;
      return name;
  }
}

const charModel = () => new CharLSTM({ vocabSize: 4, embeddingDim: 2, hiddenSize: 3, rng: new Rng(5), dtype: 'float64' });
const plainState = (m: CharLSTM) => Object.fromEntries(Object.entries(m.stateDict()).map(([k, t]) => [k, { shape: [...t.shape], data: Array.from(t.data) as Json }]));

test('state dict: every corruption loads or throws naming the key, and a throw changes no parameter bit', () => {
  const valid = plainState(charModel());
  const model = charModel();
  model.fc.bias!.data.fill(0.125); // differs from `valid`, so a partial copy would show
  const seen = { loaded: 0, threw: 0 };
  fc.assert(
    fc.property(fc.array(entryCorruption, { minLength: 1, maxLength: 3 }), fc.boolean(), (corruptions, strict) => {
      const sd = clone(valid);
      const touched = corruptions.map((c) => corruptEntries(sd, c));
      const before = bits(model.parameters());
      let message: string | null = null;
      try {
        model.loadStateDict(sd as never, { strict });
      } catch (e) {
        message = (e as Error).message;
      }
      seen[message === null ? 'loaded' : 'threw']++;
      if (message === null) {
        // It loaded: every parameter now holds the given numbers (as the parameter's dtype), and the model is
        // reset for the next case.
        for (const [name, p] of model.namedParameters()) {
          if (name in sd) assert.deepEqual(Array.from(p.data), (sd[name] as { data: number[] }).data, name);
        }
        model.loadStateDict(valid as never);
        model.fc.bias!.data.fill(0.125);
        return;
      }
      assert.deepEqual(bits(model.parameters()), before, `unchanged after: ${message}`);
      assert.ok(touched.some((name) => message!.includes(`'${name}'`)), `"${message}" names one of ${touched.join(', ')}`);
    }),
    { numRuns: 300, seed: 20261207 },
  );
  // Both outcomes happen, so neither branch of the property is vacuous.
  assert.ok(seen.loaded > 0 && seen.threw > 0, JSON.stringify(seen));
});

/** A corruption of a saved optimizer state, and the path its message must name. */
const stateCorruption = fc.record({
  kind: fc.constantFrom('optimizer', 'lr', 'extra-key', 'params-cut', 'step', 'drop-buffers', 'drop-buffer', 'add-buffer', 'buffer-value', 'buffer-cut', 'buffers-value'),
  pick: fc.nat(),
  at: fc.nat(),
  value: strangeValue,
});

type StateCorruption = typeof stateCorruption extends fc.Arbitrary<infer T> ? T : never;

function corruptState(state: { [k: string]: Json }, c: StateCorruption): string {
  const params = state.params as { step: Json; buffers: { [k: string]: Json } }[];
  const k = c.pick % Math.max(1, params.length);
  const at = `state.params[${k}]`;
  const buffers = params[k]?.buffers;
  const names = buffers && typeof buffers === 'object' && !Array.isArray(buffers) ? Object.keys(buffers) : [];
  const bufferName = names[c.at % Math.max(1, names.length)];
  const values = (bufferName !== undefined ? buffers[bufferName] : undefined) as Json[];
  // A part an earlier corruption removed or broke: corrupt the top level instead.
  const broken = !buffers || !Array.isArray(values) || values.length === 0;
  if (broken && !['optimizer', 'lr', 'extra-key', 'params-cut'].includes(c.kind)) {
    state.lr = -1;
    return 'state.lr';
  }
  switch (c.kind) {
    case 'optimizer':
      state.optimizer = typeof c.value === 'string' && c.value !== 'Adam' ? c.value : 'SGD';
      return 'state.optimizer';
    case 'lr':
      state.lr = c.value as Json;
      return 'state.lr';
    case 'extra-key':
      state.epoch = 3;
      return 'state.epoch';
    case 'params-cut':
      state.params = params.slice(0, c.at % Math.max(1, params.length));
      return 'state.params';
    case 'step':
      params[k].step = c.value as Json;
      return `${at}.step`;
    case 'drop-buffers':
      delete (params[k] as { buffers?: unknown }).buffers;
      return `${at}.buffers`;
    case 'drop-buffer':
      delete buffers[bufferName];
      return `${at}.buffers`;
    case 'add-buffer':
      buffers.momentumBuffer = values.map(() => 0);
      return `${at}.buffers.momentumBuffer`;
    case 'buffer-value':
      values[c.at % values.length] = c.value as Json;
      return `${at}.buffers.${bufferName}`;
    case 'buffer-cut':
      buffers[bufferName] = values.slice(0, c.at % values.length);
      return `${at}.buffers.${bufferName}`;
    case 'buffers-value':
      buffers[bufferName] = c.value as Json;
      return `${at}.buffers.${bufferName}`;
  }
}

test('optimizer state: every corruption loads or throws naming the key, and a throw changes neither state nor parameters', () => {
  const model = charModel();
  const opt = new Adam(model.parameters(), { lr: 0.01 });
  const ids = Int32Array.from([0, 1, 2, 3, 2, 1]);
  const loss = crossEntropy(model.forward(ids.subarray(0, 5), 1, 5).logits, ids.subarray(1));
  loss.backward();
  opt.step();
  const valid = opt.stateDict() as unknown as { [k: string]: Json };
  const params = model.parameters();
  const seen = { loaded: 0, threw: 0 };
  fc.assert(
    fc.property(fc.array(stateCorruption, { minLength: 1, maxLength: 2 }), (corruptions) => {
      const state = clone(valid);
      const touched = corruptions.map((c) => corruptState(state, c));
      const before = JSON.stringify(opt.stateDict());
      const weights = bits(params);
      let message: string | null = null;
      try {
        opt.loadStateDict(state as unknown as OptimizerState);
      } catch (e) {
        message = (e as Error).message;
      }
      assert.deepEqual(bits(params), weights, 'loading a state never touches the parameters');
      seen[message === null ? 'loaded' : 'threw']++;
      if (message === null) {
        assert.equal(JSON.stringify(opt.stateDict()), JSON.stringify(state));
        opt.loadStateDict(valid as unknown as OptimizerState);
        return;
      }
      assert.equal(JSON.stringify(opt.stateDict()), before, `unchanged after: ${message}`);
      assert.ok(touched.some((path) => message!.includes(path)), `"${message}" names one of ${touched.join(', ')}`);
    }),
    { numRuns: 300, seed: 20261208 },
  );
  // Both outcomes happen, so neither branch of the property is vacuous.
  assert.ok(seen.loaded > 0 && seen.threw > 0, JSON.stringify(seen));
});

const kerasModel = () => sequential([lstm(3), dense(2, { activation: 'softmax' })], { rng: new Rng(7), dtype: 'float64' });

test('Keras weights: every corruption loads or throws naming the weight; an unbuilt model stays unbuilt, a built one unchanged', () => {
  const source = kerasModel();
  source.build([null, 4]);
  const valid = Object.fromEntries(source.exportKerasWeights().map((w) => [w.name, { shape: w.shape as Json, data: w.data as Json }]));
  const built = kerasModel();
  built.build([null, 4]);
  const seen = { loaded: 0, threw: 0 };
  fc.assert(
    fc.property(fc.array(entryCorruption, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), (corruptions, asList, unbuilt) => {
      const record = clone(valid);
      const touched = corruptions.map((c) => corruptEntries(record, { ...c, extraName: c.extraName.replace('.', '/') }));
      const weights = asList ? Object.entries(record).map(([name, w]) => (w && typeof w === 'object' ? { ...w, name } : w)) : record;
      const model = unbuilt ? kerasModel() : built;
      const before = model.built ? bits(model.parameters()) : null;
      let message: string | null = null;
      try {
        model.loadKerasWeights(weights as never);
      } catch (e) {
        message = (e as Error).message;
      }
      seen[message === null ? 'loaded' : 'threw']++;
      if (message === null) {
        for (const w of model.exportKerasWeights()) assert.deepEqual(w.data, (record[w.name] as { data: number[] }).data, w.name);
        if (!unbuilt) built.loadKerasWeights(valid as never);
        return;
      }
      if (unbuilt) assert.equal(model.built, false, `still unbuilt after: ${message}`);
      else assert.deepEqual(bits(model.parameters()), before, `unchanged after: ${message}`);
      // A list entry broken beyond having a name is named by its position instead.
      const order = Object.keys(record);
      const labels = touched.flatMap((name) => (asList && order.includes(name) ? [name, `weights[${order.indexOf(name)}]`] : [name]));
      assert.ok(labels.some((label) => message!.includes(label)), `"${message}" names one of ${labels.join(', ')}`);
    }),
    { numRuns: 300, seed: 20261209 },
  );
  // Both outcomes happen, so neither branch of the property is vacuous.
  assert.ok(seen.loaded > 0 && seen.threw > 0, JSON.stringify(seen));
});
