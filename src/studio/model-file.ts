/**
 * One JSON file for a studio model: hyperparameters, vocabulary, weights under PyTorch's state_dict names and
 * layouts, and the loss history. The PyTorch script (pytorch-script.ts) reads and writes the same file.
 *
 *   {
 *     "format": "cell-state-studio-model/1",
 *     "architecture": { "vocabSize": V, "embedding": E, "hidden": H, "layers": L },
 *     "hyper": { "layers", "hidden", "seqLen", "batch", "lr", "optimizer", "clip", "seed" },
 *     "vocab": { "chars": ["\uFFFD", " ", "e", …] },            // id → character, 0 = unknown
 *     "stateDict": { "embed.weight": { "shape": [V, E], "dtype": "float32", "data": "<base64>" }, … },
 *     "lossHistory": [{ "step": 1, "trainBits": 6.6 }, { "step": 100, "validationBits": 3.1 }, …],
 *     "info": { … }                                           // optional free-form strings and numbers
 *   }
 *
 * `data` is the tensor's values in row-major order as little-endian float32 (or float16, "dtype": "float16",
 * for compact checkpoints), base64-encoded; a plain array of numbers is accepted too. Parsing checks
 * everything before building anything: a corrupt, truncated or mismatched file throws a ModelFileError naming
 * the key and the shapes, and the caller's current model is never touched.
 */
import { Rng } from '../engine/index.ts';
import { fromHalfBits, toHalfBits } from './float16.ts';
import { checkHyper, type StudioHyper } from './hyper.ts';
import { StudioModel } from './model.ts';
import type { LossPoint } from './trainer.ts';
import { StudioVocab } from './vocab.ts';

export const MODEL_FORMAT = 'cell-state-studio-model/1';
/** Loss points kept in a file; a longer history is thinned evenly (the last point always kept). */
export const MAX_HISTORY_POINTS = 2000;

export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

export interface StudioModelBundle {
  model: StudioModel;
  vocab: StudioVocab;
  hyper: StudioHyper;
  lossHistory: LossPoint[];
  info?: Record<string, string | number>;
}

export interface SerializeOptions extends StudioModelBundle {
  /** float32 (default) keeps the weights exactly; float16 halves the file. */
  precision?: 'float32' | 'float16';
}

/** The tensors a model of this architecture has, with their shapes, in PyTorch's order. */
export function expectedShapes(a: { vocabSize: number; embedding: number; hidden: number; layers: number }): [string, number[]][] {
  const { vocabSize: V, embedding: E, hidden: H, layers: L } = a;
  const out: [string, number[]][] = [['embed.weight', [V, E]]];
  for (let l = 0; l < L; l++) {
    out.push([`lstm.weight_ih_l${l}`, [4 * H, l === 0 ? E : H]], [`lstm.weight_hh_l${l}`, [4 * H, H]]);
    out.push([`lstm.bias_ih_l${l}`, [4 * H]], [`lstm.bias_hh_l${l}`, [4 * H]]);
  }
  out.push(['fc.weight', [V, H]], ['fc.bias', [V]]);
  return out;
}

/** The model, its vocabulary, hyperparameters and loss history as one JSON string. */
export function serializeModel(options: SerializeOptions): string {
  const { model, vocab, hyper, lossHistory, info, precision = 'float32' } = options;
  if (vocab.size !== model.vocabSize) throw new ModelFileError(`serializeModel: vocab has ${vocab.size} characters, the model ${model.vocabSize}`);
  const stateDict: Record<string, { shape: number[]; dtype: string; data: string }> = {};
  for (const [name, p] of model.namedParameters()) {
    stateDict[name] = { shape: [...p.shape], dtype: precision, data: encodeFloats(p.data, precision) };
  }
  const file = {
    format: MODEL_FORMAT,
    architecture: { vocabSize: model.vocabSize, embedding: model.embeddingDim, hidden: model.hiddenSize, layers: model.numLayers },
    hyper: checkHyper(hyper, 'serializeModel: hyper'),
    vocab: vocab.toJSON(),
    stateDict,
    lossHistory: thin(lossHistory, MAX_HISTORY_POINTS),
    ...(info ? { info } : {}),
  };
  return JSON.stringify(file);
}

/** Reads a model file; throws ModelFileError naming the key (and the shapes) of the first problem. */
export function parseModelFile(text: string): StudioModelBundle {
  if (typeof text !== 'string' || text.trim() === '') throw new ModelFileError('The model file is empty');
  let file: Record<string, unknown>;
  try {
    file = JSON.parse(text);
  } catch (e) {
    throw new ModelFileError(`The model file is not valid JSON (truncated or corrupt?): ${(e as Error).message}`);
  }
  if (!isObject(file)) throw new ModelFileError('The model file expected a JSON object at the top level');
  if (file.format !== MODEL_FORMAT) {
    throw new ModelFileError(`format: expected ${JSON.stringify(MODEL_FORMAT)}, got ${file.format === undefined ? 'nothing' : JSON.stringify(file.format)}`);
  }
  const hyper = wrap(() => checkHyper(file.hyper, 'hyper'));
  const arch = readArchitecture(file.architecture);
  if (arch.hidden !== hyper.hidden || arch.layers !== hyper.layers) {
    throw new ModelFileError(`architecture: hidden ${arch.hidden}, layers ${arch.layers} do not match hyper.hidden ${hyper.hidden}, hyper.layers ${hyper.layers}`);
  }
  const vocab = wrap(() => StudioVocab.fromJSON(file.vocab));
  if (vocab.size !== arch.vocabSize) throw new ModelFileError(`vocab.chars: has ${vocab.size} characters, architecture.vocabSize is ${arch.vocabSize}`);
  const sd = file.stateDict;
  if (!isObject(sd)) throw new ModelFileError('stateDict: expected an object of tensors, got ' + describe(sd));
  const expected = expectedShapes(arch);
  const tensors: Record<string, { shape: number[]; data: Float32Array }> = {};
  for (const [name, shape] of expected) {
    const entry = sd[name];
    if (entry === undefined) throw new ModelFileError(`stateDict: missing ${JSON.stringify(name)} (expected shape [${shape.join(', ')}])`);
    tensors[name] = { shape, data: readTensor(name, entry, shape) };
  }
  for (const name of Object.keys(sd)) {
    if (!expected.some(([n]) => n === name)) {
      throw new ModelFileError(`stateDict: unexpected key ${JSON.stringify(name)} for a ${arch.layers}-layer model`);
    }
  }
  const lossHistory = readHistory(file.lossHistory);
  const info = isObject(file.info) ? (Object.fromEntries(Object.entries(file.info).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<string, string | number>) : undefined;
  const model = new StudioModel({ vocabSize: arch.vocabSize, hidden: arch.hidden, layers: arch.layers, embedding: arch.embedding, rng: new Rng(0) });
  wrap(() => model.loadStateDict(tensors)); // shapes were checked above; this cannot fail half-way
  return { model, vocab, hyper, lossHistory, ...(info ? { info } : {}) };
}

function readArchitecture(a: unknown): { vocabSize: number; embedding: number; hidden: number; layers: number } {
  if (!isObject(a)) throw new ModelFileError(`architecture: expected { vocabSize, embedding, hidden, layers }, got ${describe(a)}`);
  const out: Record<string, number> = {};
  for (const key of ['vocabSize', 'embedding', 'hidden', 'layers'] as const) {
    const v = a[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ModelFileError(`architecture.${key}: expected a positive integer, got ${describe(v)}`);
    out[key] = v;
  }
  if (out.layers > 3) throw new ModelFileError(`architecture.layers: expected 1 to 3, got ${out.layers}`);
  return out as { vocabSize: number; embedding: number; hidden: number; layers: number };
}

function readTensor(name: string, entry: unknown, shape: number[]): Float32Array {
  const key = `stateDict[${JSON.stringify(name)}]`;
  if (!isObject(entry)) throw new ModelFileError(`${key}: expected { shape, dtype, data }, got ${describe(entry)}`);
  const got = entry.shape;
  if (!Array.isArray(got) || got.length !== shape.length || got.some((d, k) => d !== shape[k])) {
    throw new ModelFileError(`${key}: shape ${Array.isArray(got) ? `[${got.join(', ')}]` : describe(got)} does not match the model's [${shape.join(', ')}]`);
  }
  const n = shape.reduce((a, b) => a * b, 1);
  const dtype = entry.dtype ?? 'float32';
  let data: Float32Array;
  if (Array.isArray(entry.data)) {
    if (entry.data.length !== n) throw new ModelFileError(`${key}: data has ${entry.data.length} values, shape [${shape.join(', ')}] needs ${n}`);
    const bad = (entry.data as unknown[]).findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
    if (bad >= 0) throw new ModelFileError(`${key}: value ${bad} is ${describe(entry.data[bad])}, expected a finite number`);
    data = Float32Array.from(entry.data as number[]);
  } else if (typeof entry.data === 'string') {
    if (dtype !== 'float32' && dtype !== 'float16') throw new ModelFileError(`${key}: dtype expected "float32" or "float16", got ${describe(dtype)}`);
    const bytes = decodeBase64(entry.data);
    if (!bytes) throw new ModelFileError(`${key}: data is not valid base64`);
    const width = dtype === 'float16' ? 2 : 4;
    if (bytes.length !== n * width) {
      throw new ModelFileError(`${key}: data has ${Math.floor(bytes.length / width)} ${dtype} values, shape [${shape.join(', ')}] needs ${n}`);
    }
    data = decodeFloats(bytes, dtype);
  } else throw new ModelFileError(`${key}: data expected base64 text or an array of numbers, got ${describe(entry.data)}`);
  for (let k = 0; k < n; k++) {
    if (!Number.isFinite(data[k])) throw new ModelFileError(`${key}: value ${k} is ${data[k]}, expected a finite number`);
  }
  return data;
}

function readHistory(h: unknown): LossPoint[] {
  if (h === undefined) return [];
  if (!Array.isArray(h)) throw new ModelFileError(`lossHistory: expected an array, got ${describe(h)}`);
  return h.map((p, k) => {
    if (!isObject(p) || typeof p.step !== 'number' || !Number.isInteger(p.step) || p.step < 0) {
      throw new ModelFileError(`lossHistory[${k}]: expected { step, trainBits?, validationBits? } with an integer step ≥ 0`);
    }
    const point: LossPoint = { step: p.step };
    for (const key of ['trainBits', 'validationBits'] as const) {
      if (p[key] === undefined || p[key] === null) continue;
      if (typeof p[key] !== 'number' || !Number.isFinite(p[key])) throw new ModelFileError(`lossHistory[${k}].${key}: expected a finite number, got ${describe(p[key])}`);
      point[key] = p[key] as number;
    }
    return point;
  });
}

/** Evenly spaced points of a history (validation points always kept), the last one included. */
function thin(history: readonly LossPoint[], max: number): LossPoint[] {
  const points = history.map((p) => ({ ...p }));
  if (points.length <= max) return points;
  const stride = points.length / max;
  return points.filter((p, k) => p.validationBits !== undefined || k === points.length - 1 || Math.floor(k / stride) !== Math.floor((k - 1) / stride));
}

/** Row-major values → little-endian float32 or float16 bytes → base64. */
export function encodeFloats(values: ArrayLike<number>, dtype: 'float32' | 'float16'): string {
  const width = dtype === 'float16' ? 2 : 4;
  const view = new DataView(new ArrayBuffer(values.length * width));
  for (let k = 0; k < values.length; k++) {
    if (dtype === 'float16') view.setUint16(2 * k, toHalfBits(values[k]), true);
    else view.setFloat32(4 * k, values[k], true);
  }
  return encodeBase64(new Uint8Array(view.buffer));
}

function decodeFloats(bytes: Uint8Array, dtype: 'float32' | 'float16'): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = dtype === 'float16' ? 2 : 4;
  const out = new Float32Array(bytes.length / width);
  for (let k = 0; k < out.length; k++) out[k] = dtype === 'float16' ? fromHalfBits(view.getUint16(2 * k, true)) : view.getFloat32(4 * k, true);
  return out;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const INDEX = new Int16Array(128).fill(-1);
for (let k = 0; k < ALPHABET.length; k++) INDEX[ALPHABET.charCodeAt(k)] = k;

/** Standard base64 with padding (what Python's base64.b64encode writes). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let k = 0;
  for (; k + 2 < bytes.length; k += 3) {
    const n = (bytes[k] << 16) | (bytes[k + 1] << 8) | bytes[k + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - k;
  if (rest === 1) {
    const n = bytes[k] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + '==';
  } else if (rest === 2) {
    const n = (bytes[k] << 16) | (bytes[k + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + '=';
  }
  return out;
}

/** Base64 → bytes, or null when the text is not padded standard base64. */
export function decodeBase64(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let k = 0; k < text.length; k += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) {
      const code = text.charCodeAt(k + j);
      const isPad = code === 61 && k + j >= text.length - pad;
      const v = isPad ? 0 : code < 128 ? INDEX[code] : -1;
      if (v < 0) return null;
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError((e as Error).message);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  return typeof v === 'object' ? 'an object' : String(v);
}
