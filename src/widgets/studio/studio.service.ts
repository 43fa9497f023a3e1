/**
 * The studio's service in the compute worker: it holds the model and its trainer, trains in short chunks
 * between which commands and the heartbeat get through, and answers generation, inspection and export
 * requests. Nothing here touches the page; the page hears only the small events of protocol.ts.
 *
 * Pacing (so the page stays responsive and the chart moves): one batch per chunk (a step is tens of ms),
 * a progress event at most every PROGRESS_MS, the validation loss every VALIDATION_MS of training and when
 * training pauses, and a fresh sample every SAMPLE_MS.
 */
import { Rng, type OptimizerState } from '../../engine/index.ts';
import { defineService, yieldToEvents, type Run } from '../runtime/service.ts';
import { checkCorpusText } from '../../studio/corpus.ts';
import { generate, generateString } from '../../studio/generate.ts';
import type { StudioHyper } from '../../studio/hyper.ts';
import { rankUnits, traceStates, MAX_TRACE_CHARS } from '../../studio/inspector.ts';
import { parseModelFile, serializeModel, type StudioModelBundle } from '../../studio/model-file.ts';
import { packMoments, unpackMoments } from '../../studio/packed-moments.ts';
import { StudioModel } from '../../studio/model.ts';
import { StudioTrainer, type LossPoint } from '../../studio/trainer.ts';
import { isStudioCommand, type CandidateChar, type ModelInfo, type ModelSource, type StudioCommand, type StudioEvent, type TextSource } from './protocol.ts';

const PROGRESS_MS = 250;
/** Longest stretch of validation work between two yields. */
const SLICE_MS = 50;
const VALIDATION_MS = 3000;
const SAMPLE_MS = 4000;
/** Characters of each sample shown while training. */
const SAMPLE_LENGTH = 200;
/** Generated characters per streamed message (or fewer, when CHUNK_MS has passed). */
const CHUNK_CHARS = 48;
const CHUNK_MS = 30;
/** Refused steps in a row after which training pauses (the settings, not bad luck, are then the cause). */
const REFUSALS_TO_PAUSE = 3;

type StudioRun = Run<StudioEvent>;

/** What the worker holds between commands. */
const studio = {
  trainer: null as StudioTrainer | null,
  source: 'fresh' as ModelSource,
  text: '',
  running: false,
  /** Milliseconds spent training this model in this session. */
  elapsedMs: 0,
  /** The generation request being answered; another id stops it. */
  generating: -1,
  /** The validation being read, in slices; training waits for it (a step between slices would mix two models). */
  validation: Promise.resolve() as Promise<unknown>,
};

export default defineService<StudioCommand, StudioEvent>({
  isCommand: isStudioCommand,
  async handle(command, run) {
    switch (command.type) {
      case 'open':
        return open(command, run);
      case 'fresh':
        if (!studio.text) return; // no text yet: the next open makes the model
        return replace(newTrainer(studio.text, command.hyper), 'fresh', run);
      case 'train':
        return train(run);
      case 'pause':
        studio.running = false;
        return;
      case 'step':
        return stepOnce(run);
      case 'generate':
        return streamGeneration(command.id, command.settings, run);
      case 'stop':
        if (studio.generating === command.id) studio.generating = -1;
        return;
      case 'trace':
        return trace(command, run);
      case 'rank':
        return rank(command, run);
      case 'export':
        return exportModel(command.id, run);
      case 'load-model':
        return loadModel(command.id, command.file, run);
    }
  },
});

async function open(command: Extract<StudioCommand, { type: 'open' }>, run: StudioRun): Promise<void> {
  studio.running = false;
  studio.generating = -1;
  studio.trainer = null;
  let text: string;
  try {
    text = await readSource(command.source);
  } catch (error) {
    return run.emit({ type: 'error', scope: 'open', message: messageOf(error) });
  }
  if (!run.isCurrent()) return;
  studio.text = text;
  if (command.modelFile) {
    try {
      return replace(bundleTrainer(text, parseModelFile(command.modelFile), command.optimizerState && unpackMoments(command.optimizerState)), 'saved', run);
    } catch (error) {
      run.emit({ type: 'error', scope: 'load-model', message: messageOf(error) });
    }
  }
  const url = command.source.kind === 'corpus' ? command.source.checkpointUrl : undefined;
  if (command.pretrained && url) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const bundle = parseModelFile(await response.text());
      if (!run.isCurrent()) return;
      return replace(bundleTrainer(text, bundle), 'pretrained', run);
    } catch (error) {
      // Without the pretrained model the studio still trains; the page says why it starts untrained.
      run.emit({ type: 'error', scope: 'pretrained', message: messageOf(error) });
    }
  }
  return replace(newTrainer(text, command.hyper), 'fresh', run);
}

async function readSource(source: TextSource): Promise<string> {
  const raw = source.kind === 'text' ? source.text : await fetchText(source.url);
  const check = checkCorpusText(raw);
  if (!check.ok) throw new Error(`the text cannot be trained on (${check.reason})`);
  return check.text;
}

async function fetchText(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}

function newTrainer(text: string, hyper: StudioHyper): StudioTrainer {
  return new StudioTrainer({ text, hyper });
}

function bundleTrainer(text: string, bundle: StudioModelBundle, optimizerState?: OptimizerState): StudioTrainer {
  const options = { text, hyper: bundle.hyper, vocab: bundle.vocab, model: bundle.model, lossHistory: bundle.lossHistory };
  try {
    return new StudioTrainer({ ...options, ...(optimizerState ? { optimizerState } : {}) });
  } catch (error) {
    // Moments that do not fit (another optimizer) are dropped: the weights alone still resume the run.
    if (!optimizerState) throw error;
    return new StudioTrainer(options);
  }
}

/** Makes `trainer` the studio's model and tells the page everything about it, validation loss included. */
function replace(trainer: StudioTrainer, source: ModelSource, run: StudioRun): void {
  studio.running = false;
  studio.generating = -1;
  studio.trainer = trainer;
  studio.source = source;
  studio.elapsedMs = 0;
  run.emit({ type: 'model', info: infoOf(trainer, source) });
  // A model with no validation loss at its step gets one, as a task of its own: the page can use the model
  // (generate, press Train) while the held-out text is read, which takes seconds for a large model.
  const last = trainer.lossHistory[trainer.lossHistory.length - 1];
  if (!last || last.validationBits === undefined || last.step !== trainer.stepCount) {
    void validate(trainer, run);
  }
}

function hasValidationNow(trainer: StudioTrainer): boolean {
  const last = trainer.lossHistory[trainer.lossHistory.length - 1];
  return last !== undefined && last.step === trainer.stepCount && last.validationBits !== undefined;
}

function infoOf(trainer: StudioTrainer, source: ModelSource): ModelInfo {
  const d = trainer.validationDescription;
  const textChars = Array.from(studio.text).length;
  const trainPart = Array.from(studio.text).slice(0, textChars - d.heldOutChars).join('');
  return {
    source,
    hyper: { ...trainer.hyper },
    vocabSize: trainer.vocab.size,
    parameters: trainer.model.parameterCount,
    textChars,
    heldOutChars: d.heldOutChars,
    validationChars: d.chars,
    sampled: d.sampled,
    unknownChars: trainer.vocab.unknownCount(trainPart),
    unigramBits: trainer.unigramBits(),
    steps: trainer.stepCount,
    history: trainer.lossHistory.map((p) => ({ ...p })),
    batch: trainer.batchShape.batch,
    seqLen: trainer.batchShape.seqLen,
  };
}

async function train(run: StudioRun): Promise<void> {
  const trainer = studio.trainer;
  if (!trainer || studio.running) return;
  studio.running = true;
  run.emit({ type: 'running', running: true });
  let points: LossPoint[] = [];
  let lastProgress = performance.now();
  let lastValidation = lastProgress;
  let lastSample = lastProgress - SAMPLE_MS; // the first sample comes after the first progress
  let windowStart = lastProgress;
  let windowChars = 0;
  let charsPerSecond = 0;
  let refusals = 0;
  let trainBits = NaN;
  let validationMs = 0;
  while (studio.running && run.isCurrent() && studio.trainer === trainer) {
    await studio.validation;
    if (!studio.running || studio.trainer !== trainer) break;
    const t0 = performance.now();
    const r = trainer.step();
    if (r.ok) {
      refusals = 0;
      trainBits = r.trainBits;
      windowChars += r.chars;
      points.push({ step: r.step, trainBits: r.trainBits });
    } else {
      refusals++;
      const paused = refusals >= REFUSALS_TO_PAUSE;
      if (paused) studio.running = false;
      run.emit({ type: 'refused', step: r.step, message: r.message ?? 'the loss or a gradient was not a finite number', paused });
    }
    const now = performance.now();
    studio.elapsedMs += now - t0;
    if (now - windowStart > 2000) {
      charsPerSecond = (windowChars * 1000) / (now - windowStart);
      windowStart = now;
      windowChars = 0;
    } else if (charsPerSecond === 0 && now > windowStart) charsPerSecond = (windowChars * 1000) / (now - windowStart);
    if (now - lastProgress >= PROGRESS_MS) {
      run.emit({ type: 'progress', steps: trainer.stepCount, trainBits, charsPerSecond, elapsedMs: studio.elapsedMs, points });
      points = [];
      lastProgress = now;
    }
    // Reading the held-out text costs several steps' time: it takes at most a fifth of the training time.
    if (now - lastValidation >= Math.max(VALIDATION_MS, 4 * validationMs)) {
      validationMs = await validate(trainer, run);
      lastValidation = performance.now();
    }
    if (now - lastSample >= SAMPLE_MS) {
      emitSample(trainer, run);
      lastSample = performance.now();
    }
    await yieldToEvents();
  }
  if (!run.isCurrent() || studio.trainer !== trainer) return;
  studio.running = false;
  run.emit({ type: 'progress', steps: trainer.stepCount, trainBits, charsPerSecond, elapsedMs: studio.elapsedMs, points });
  run.emit({ type: 'running', running: false });
  if (!hasValidationNow(trainer)) await validate(trainer, run);
}

async function stepOnce(run: StudioRun): Promise<void> {
  const trainer = studio.trainer;
  if (!trainer || studio.running) return;
  await studio.validation;
  if (studio.trainer !== trainer || studio.running) return;
  const t0 = performance.now();
  const r = trainer.step();
  studio.elapsedMs += performance.now() - t0;
  if (!r.ok) run.emit({ type: 'refused', step: r.step, message: r.message ?? 'the loss or a gradient was not a finite number', paused: true });
  const points = r.ok ? [{ step: r.step, trainBits: r.trainBits }] : [];
  run.emit({ type: 'progress', steps: trainer.stepCount, trainBits: r.trainBits, charsPerSecond: 0, elapsedMs: studio.elapsedMs, points });
  emitSample(trainer, run);
  await validate(trainer, run);
}

/**
 * Reads the held-out text in slices (trainer.validationRun), yielding between them so the heartbeat and
 * commands get through even when the whole read takes seconds; records and reports the loss. Returns the
 * milliseconds it took (0 when the model was replaced meanwhile and the reading was dropped).
 */
function validate(trainer: StudioTrainer, run: StudioRun): Promise<number> {
  const reading = studio.validation.then(async () => {
    if (studio.trainer !== trainer || !run.isCurrent() || hasValidationNow(trainer)) return 0;
    const t0 = performance.now();
    const slices = trainer.validationRun();
    let since = t0;
    let r = slices.next();
    while (!r.done) {
      if (performance.now() - since > SLICE_MS) {
        await yieldToEvents();
        if (studio.trainer !== trainer || !run.isCurrent()) return 0;
        since = performance.now();
      }
      r = slices.next();
    }
    const ms = performance.now() - t0;
    if (studio.running) studio.elapsedMs += ms;
    run.emit({ type: 'validation', step: trainer.stepCount, bits: r.value });
    return ms;
  });
  studio.validation = reading.catch(() => undefined);
  return reading;
}

/** A sample from a line start at τ = 0.8, seeded by the step, so the same run shows the same samples. */
function emitSample(trainer: StudioTrainer, run: StudioRun): void {
  const text = generateString({ model: trainer.model, vocab: trainer.vocab, startText: '', length: SAMPLE_LENGTH, temperature: 0.8, seed: trainer.stepCount });
  run.emit({ type: 'sample', step: trainer.stepCount, text });
}

/** A copy of the weights as they are now, so generation and tracing do not change as training goes on. */
function snapshot(model: StudioModel): StudioModel {
  const copy = new StudioModel({ vocabSize: model.vocabSize, hidden: model.hiddenSize, layers: model.numLayers, embedding: model.embeddingDim, rng: new Rng(0) });
  copy.loadStateDict(model.stateDict());
  return copy;
}

async function streamGeneration(id: number, settings: Extract<StudioCommand, { type: 'generate' }>['settings'], run: StudioRun): Promise<void> {
  const trainer = studio.trainer;
  if (!trainer) return run.emit({ type: 'error', scope: 'generate', id, message: 'no model is loaded yet' });
  studio.generating = id;
  let chars: Generator<CandidateChar, void, undefined>;
  try {
    chars = generate({ model: snapshot(trainer.model), vocab: trainer.vocab, ...settings });
  } catch (error) {
    return run.emit({ type: 'error', scope: 'generate', id, message: messageOf(error) });
  }
  let batch: CandidateChar[] = [];
  let since = performance.now();
  for (const c of chars) {
    batch.push(c);
    if (batch.length >= CHUNK_CHARS || performance.now() - since >= CHUNK_MS) {
      run.emit({ type: 'chars', id, chars: batch, done: false });
      batch = [];
      await yieldToEvents();
      if (studio.generating !== id || !run.isCurrent()) return;
      since = performance.now();
    }
  }
  if (studio.generating === id) studio.generating = -1;
  run.emit({ type: 'chars', id, chars: batch, done: true });
}

function trace(command: Extract<StudioCommand, { type: 'trace' }>, run: StudioRun): void {
  const trainer = studio.trainer;
  if (!trainer) return;
  const text = Array.from(command.text).slice(0, MAX_TRACE_CHARS).join('');
  const states = traceStates(snapshot(trainer.model), trainer.vocab, text);
  const unit = Math.min(command.unit, trainer.model.hiddenSize - 1);
  const values = states[command.state].map((v) => v[unit]);
  run.emit({ type: 'trace', id: command.id, chars: states.chars, values, unit, state: command.state });
}

function rank(command: Extract<StudioCommand, { type: 'rank' }>, run: StudioRun): void {
  const trainer = studio.trainer;
  if (!trainer) return;
  const text = Array.from(command.text).slice(0, MAX_TRACE_CHARS).join('');
  const states = traceStates(snapshot(trainer.model), trainer.vocab, text);
  const units = rankUnits(states, text, command.feature, { state: command.state }).slice(0, 8);
  run.emit({ type: 'rank', id: command.id, feature: command.feature, state: command.state, units });
}

function exportModel(id: number, run: StudioRun): void {
  const trainer = studio.trainer;
  if (!trainer) return run.emit({ type: 'error', scope: 'export', id, message: 'no model is loaded yet' });
  const file = serializeModel({ model: trainer.model, vocab: trainer.vocab, hyper: trainer.hyper, lossHistory: trainer.lossHistory });
  run.emit({ type: 'exported', id, file, optimizerState: packMoments(trainer.optimizer.stateDict()) });
}

/** A model file from the reader: checked in full first, so a bad file leaves the current model as it was. */
function loadModel(id: number, file: string, run: StudioRun): void {
  let trainer: StudioTrainer;
  try {
    trainer = bundleTrainer(studio.text, parseModelFile(file));
  } catch (error) {
    return run.emit({ type: 'error', scope: 'load-model', id, message: messageOf(error) });
  }
  replace(trainer, 'file', run);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
