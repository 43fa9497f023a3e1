/**
 * The sequence stepper's character model: the checkpoint written by scripts/train-stepper-model.ts
 * (Embedding(V, E) → LSTM(E, H) → Linear(H, V), PyTorch state-dict names), loaded strictly into the engine's
 * CharLSTM, then read one character at a time with lstmStep so every gate of every unit can be shown.
 */
import { CharLSTM, CharVocab, Rng, samplingDistribution, type LstmStepParams } from '../../engine/index.ts';
import { toPlainAscii } from './corpus.ts';
import { MAX_TEXT } from './schema.ts';

export { MAX_TEXT };

/** The checkpoint file's shape (char-model.json). */
export interface CharCheckpoint {
	format: string;
	architecture: { embeddingDim: number; hiddenSize: number; numLayers: number };
	vocab: string[];
	seed: number;
	corpus: string;
	training: Record<string, unknown>;
	finalBitsPerChar: number;
	sample: string;
	stateDict: Record<string, { shape: number[]; data: number[] }>;
}

/** A loaded character model: the engine module plus float64 views for stepping. */
export interface CharModel {
	checkpoint: CharCheckpoint;
	module: CharLSTM;
	vocab: CharVocab;
	/** E: width of x_t (an embedding row). */
	inputSize: number;
	/** H: LSTM units. */
	hiddenSize: number;
	lstm: LstmStepParams;
	/** [V, E] */
	embedding: Float64Array;
	/** [V, H] and [V] */
	fcWeight: Float64Array;
	fcBias: Float64Array;
}

/**
 * Builds the model from a checkpoint. loadStateDict is strict: a missing, unexpected or misshaped tensor
 * throws with its name, so a stale file cannot load silently.
 */
export function loadCharModel(checkpoint: CharCheckpoint): CharModel {
	const { embeddingDim, hiddenSize, numLayers } = checkpoint.architecture;
	if (numLayers !== 1) throw new Error(`loadCharModel: expected a one-layer LSTM, got ${numLayers} layers`);
	const vocab = new CharVocab(checkpoint.vocab);
	// The initial weights are overwritten by loadStateDict; the rng only fills them first.
	const module = new CharLSTM({ vocabSize: vocab.size, embeddingDim, hiddenSize, rng: new Rng(0), dtype: 'float64' });
	module.loadStateDict(checkpoint.stateDict);
	const sd = module.stateDict();
	const f64 = (name: string) => sd[name].data as Float64Array;
	return {
		checkpoint,
		module,
		vocab,
		inputSize: embeddingDim,
		hiddenSize,
		lstm: {
			inputSize: embeddingDim,
			hiddenSize,
			weightIh: f64('lstm.weight_ih_l0'),
			weightHh: f64('lstm.weight_hh_l0'),
			biasIh: f64('lstm.bias_ih_l0'),
			biasHh: f64('lstm.bias_hh_l0'),
		},
		embedding: f64('embed.weight'),
		fcWeight: f64('fc.weight'),
		fcBias: f64('fc.bias'),
	};
}

/** x_t for character id: its embedding row, [E]. */
export function embed(model: CharModel, id: number): Float64Array {
	const E = model.inputSize;
	return model.embedding.subarray(id * E, (id + 1) * E);
}

/** p(next character | h_t) = softmax(W·h_t + b), [V]: the model's output layer, then the sampler's softmax at τ = 1. */
export function nextCharProbabilities(model: CharModel, h: ArrayLike<number>): Float64Array {
	return samplingDistribution(model.module.fc.forwardInto(h));
}

/** The k most likely next characters, most likely first (ties towards the lower id). */
export function topK(model: CharModel, p: Float64Array, k = 3): { char: string; p: number }[] {
	const ids = Array.from(p.keys()).sort((a, b) => p[b] - p[a] || a - b);
	return ids.slice(0, k).map((id) => ({ char: model.vocab.chars[id], p: p[id] }));
}


/**
 * A reader's text as the model can read it: typographic punctuation to ASCII, any other character the
 * vocabulary lacks replaced by a space, at most MAX_TEXT characters. `replaced` lists what was swapped out.
 */
export function prepareText(model: CharModel, text: string): { text: string; replaced: string[] } {
	const replaced = new Set<string>();
	let out = '';
	for (const ch of [...text].slice(0, MAX_TEXT)) {
		const ascii = toPlainAscii(ch === '\n' ? ' ' : ch);
		if (ascii.length === 0) {
			replaced.add(ch);
			out += ' ';
			continue;
		}
		for (const c of ascii) {
			if (model.vocab.has(c)) out += c;
			else {
				replaced.add(c);
				out += ' ';
			}
		}
	}
	return { text: [...out].slice(0, MAX_TEXT).join(''), replaced: [...replaced] };
}
