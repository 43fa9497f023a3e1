/**
 * What the sequence stepper computes, without the DOM: a sequence run through a small LSTM one step at a
 * time with the engine's lstmStep, keeping every gate of every unit at every step (the heatmaps' data).
 * Two models: the hand-set latch (latch.ts) on a pulse train, and the character model (char-model.ts) on
 * the reader's text. The page asks for a trace with a TraceRequest; sequence-stepper.service.ts answers it
 * with traceFor, in the compute worker.
 */
import { lstmStep, type LstmStepParams, type LstmStepResult } from '../../engine/index.ts';
import { LATCH_CHANNELS, LATCH_HIDDEN_SIZE, latchParams, pulseTrain } from './latch.ts';
import { embed, nextCharProbabilities, prepareText, topK, type CharModel } from './char-model.ts';
import { DEFAULT_SEED, DEFAULT_TEXT, MAX_UNITS, MODELS, SPEEDS, UNITS_PER_PAGE, stepperSchema, type ModelName, type StepperState } from './schema.ts';

export { DEFAULT_SEED, DEFAULT_TEXT, MAX_UNITS, MODELS, SPEEDS, UNITS_PER_PAGE, stepperSchema, type ModelName, type StepperState };


/** The quantities drawn as heatmaps, in PyTorch's order, then the two states. */
export const SERIES = ['i', 'f', 'g', 'o', 'c', 'h'] as const;
export type Series = (typeof SERIES)[number];
/** Gates live in (0, 1): a sequential colour scale; g, C and h are signed: a diverging one. */
export const SEQUENTIAL: ReadonlySet<Series> = new Set(['i', 'f', 'o']);

/** One time step: what went in and every gate, C_t and h_t of every unit (length H each). */
export interface StepRecord extends Pick<LstmStepResult, Series> {
	/** x_t (latch: [value, write, clear]; char: the embedding row, not shown). */
	x: number[];
	/** The character read at this step (char model). */
	char?: string;
	/** Most likely next characters after this step (char model). */
	top?: { char: string; p: number }[];
}

export interface Trace {
	model: ModelName;
	hiddenSize: number;
	steps: StepRecord[];
}

/** Runs `inputs` through an LSTM from h_0 = C_0 = 0, one lstmStep per element. */
function* stepThrough(
	params: LstmStepParams,
	inputs: readonly ArrayLike<number>[],
	decorate: (record: StepRecord, t: number) => void,
): Generator<StepRecord> {
	let h: ArrayLike<number> = new Float64Array(params.hiddenSize);
	let c: ArrayLike<number> = new Float64Array(params.hiddenSize);
	for (let t = 0; t < inputs.length; t++) {
		const r = lstmStep(params, inputs[t], h, c);
		const record: StepRecord = { x: Array.from(inputs[t]), i: r.i, f: r.f, g: r.g, o: r.o, c: r.c, h: r.h };
		decorate(record, t);
		h = r.h;
		c = r.c;
		yield record;
	}
}

/** The latch model on the pulse train of `seed`. */
export function latchSteps(seed: number): Generator<StepRecord> {
	return stepThrough(latchParams(), pulseTrain(seed), () => {});
}

/** The character model reading `text` (already prepared): per step the gates and the top-3 next characters. */
export function charSteps(model: CharModel, text: string): Generator<StepRecord> {
	const chars = [...text];
	const ids = model.vocab.encode(text);
	const inputs = Array.from(ids, (id) => embed(model, id));
	return stepThrough(model.lstm, inputs, (record, t) => {
		record.char = chars[t];
		record.x = []; // the embedding row is an implementation detail; the widget shows the character
		record.top = topK(model, nextCharProbabilities(model, record.h), 3);
	});
}

/** Collects every step (the worker traces a whole sequence at once; tests and the static figure too). */
export function traceSync(model: ModelName, hiddenSize: number, steps: Iterable<StepRecord>): Trace {
	return { model, hiddenSize, steps: [...steps] };
}

/** What the page asks to be traced: the latch on the pulse train of a seed, or the character model on a text. */
export type TraceRequest = { model: 'latch'; seed: number } | { model: 'char'; text: string };

/** A trace and what the page tells the reader about its input. */
export interface TraceResult {
	trace: Trace;
	/** Characters of the reader's text the model does not know, read as spaces (char model; else empty). */
	replaced: string[];
	/** The checkpoint's bits per character on its training text (char model; else null). */
	bitsPerChar: number | null;
}

/**
 * Answers a TraceRequest. `loadModel` supplies the character model (the worker loads the checkpoint once,
 * on the first character request); an empty text is read as one space so there is always a step to show.
 */
export async function traceFor(request: TraceRequest, loadModel: () => Promise<CharModel>): Promise<TraceResult> {
	if (request.model === 'latch') {
		return { trace: traceSync('latch', LATCH_HIDDEN_SIZE, latchSteps(request.seed)), replaced: [], bitsPerChar: null };
	}
	const model = await loadModel();
	const prepared = prepareText(model, request.text.length > 0 ? request.text : ' ');
	return {
		trace: traceSync('char', model.hiddenSize, charSteps(model, prepared.text)),
		replaced: prepared.replaced,
		bitsPerChar: model.checkpoint.finalBitsPerChar,
	};
}

/** Keeps t, unit and the heatmap window inside the trace (a link may predate a shorter text). */
export function clampToTrace(state: StepperState, T: number, H: number): StepperState {
	const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
	const pages = Math.max(1, Math.ceil(H / UNITS_PER_PAGE));
	const from = clamp(Math.floor((state.from - 1) / UNITS_PER_PAGE), 0, pages - 1) * UNITS_PER_PAGE + 1;
	return { ...state, t: clamp(state.t, 1, Math.max(1, T)), unit: clamp(state.unit, 1, H), from: H <= UNITS_PER_PAGE ? 1 : from };
}

/** Labels of the latch's input channels. */
export const CHANNELS = LATCH_CHANNELS;

/** Fixed decimals with a typographic minus (readouts). */
export function formatNumber(x: number, digits = 3): string {
	const s = x.toFixed(digits);
	if (/^-0\.?0*$/.test(s)) return s.slice(1);
	return s.replace('-', '\u2212');
}

/** A character as a reader sees it in a readout: spaces made visible. */
export function showChar(ch: string): string {
	return ch === ' ' ? '␣' : ch;
}
