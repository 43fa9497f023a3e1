/**
 * Numbers one chapter states about another chapter's model or about a widget, checked against the code they
 * describe: chapters 4 and 5 count the same Keras model, chapter 8 sizes chapter 5's character model, chapters
 * 1 and 4 describe what the gradient lab shows, and chapter 5's tables list the TypeScript examples' defaults.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { kerasModel } from '../../../src/chapters/worked-examples.ts';
import { CHAR_HIDDEN_SIZE, charModel, exampleCorpus, keras } from '../../../src/chapters/practice-numbers.ts';
import { DEFAULT_SETTINGS, gradientNorms } from '../../../src/widgets/gradient-lab/model.ts';
import { SCHEMA } from '../../../src/widgets/gradient-lab/state.ts';
import { tableRows } from './markdown-tables.ts';

const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');

describe("the article's Keras model has one parameter count", () => {
	test('chapter 4 counts the model chapter 5 trains', () => {
		assert.equal(kerasModel.inputSize, 10, 'chapter 5 feeds one-hot digits, I = 10');
		assert.deepEqual(
			kerasModel.layers.map((l) => l.keras),
			[...keras.layers],
			'chapter 4 (worked-examples.ts kerasModel) and chapter 5 (practice-numbers.ts keras) count different layers',
		);
		assert.equal(kerasModel.total, keras.total);
	});
});

describe("chapter 8's size of chapter 5's character model", () => {
	test('is the character example at its default hidden size', () => {
		const src = read('src/examples/char-model.ts');
		const m = /\bhiddenSize = (\d+)/.exec(src);
		assert.ok(m, 'src/examples/char-model.ts has a default hiddenSize');
		assert.equal(CHAR_HIDDEN_SIZE, Number(m[1]), 'practice-numbers.ts CHAR_HIDDEN_SIZE differs from the example default');
	});

	test('the parameter count is embedding + LSTM (two biases) + linear layer', () => {
		const V = exampleCorpus.vocabSize;
		const H = CHAR_HIDDEN_SIZE;
		const E = 32; // CharLSTM's default embedding width
		const expected = V * E + 4 * (H * (H + E) + 2 * H) + (H * V + V);
		assert.equal(charModel.params, expected);
		assert.equal(charModel.float32Bytes, 4 * expected);
	});

	test('both editions show the computed numbers, not typed-in ones', () => {
		for (const lang of ['en', 'zh-cn']) {
			const src = read(`content/${lang}/08-summary.mdx`);
			assert.match(src, /\{fmtInt\(charModel\.params\)\}/, `content/${lang}/08-summary.mdx does not print charModel.params`);
			assert.doesNotMatch(src, /65 symbols|65 个符号/, `content/${lang}/08-summary.mdx still sizes the character model with 65 symbols`);
		}
	});
});

/** ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ of the gradient lab at its default settings and recurrent weight scale s. */
function ratios(scale: number) {
	const r = gradientNorms({ ...DEFAULT_SETTINGS, scale });
	const first = (norms: Float64Array | null) => norms![0]! / norms![norms!.length - 1]!;
	return { rnn: first(r.rnn.norms.h), lstm: first(r.lstm.norms.h) };
}

describe("chapter 1's account of the gradient lab", () => {
	const claims = {
		en: { flat: /around\s+\$s = ([\d.]+)\$/i, climbs: /from about\s+\$s = ([\d.]+)\$/ },
		'zh-cn': { flat: /在 \$s = ([\d.]+)\$ 附近/, climbs: /要到 \$s = ([\d.]+)\$ 左右/ },
	} as const;

	for (const [lang, re] of Object.entries(claims)) {
		test(`${lang}: falls at s = 1, is nearly flat where it says, climbs from where it says; the LSTM stays flatter`, () => {
			const src = read(`content/${lang}/01-background.mdx`);
			const flat = re.flat.exec(src);
			const climbs = re.climbs.exec(src);
			assert.ok(flat && climbs, `content/${lang}/01-background.mdx no longer states where the RNN's curve is flat and where it climbs`);
			assert.equal(DEFAULT_SETTINGS.scale, 1, 'the chapter describes the default scale s = 1');
			const atDefault = ratios(1);
			assert.ok(atDefault.rnn < 1e-3, `at s = 1 the RNN ratio is ${atDefault.rnn}, not a fall`);
			const atFlat = ratios(Number(flat[1]));
			assert.ok(atFlat.rnn > 0.1 && atFlat.rnn < 10, `at s = ${flat[1]} the RNN ratio is ${atFlat.rnn}, not nearly flat`);
			const atClimb = ratios(Number(climbs[1]));
			assert.ok(atClimb.rnn > 1e3, `at s = ${climbs[1]} the RNN ratio is ${atClimb.rnn}, not a steep climb`);
			const below = ratios(Number(climbs[1]) - 0.1);
			assert.ok(below.rnn < 1e3, `the RNN already climbs steeply at s = ${Number(climbs[1]) - 0.1}; "from about ${climbs[1]}" is late`);
			for (const r of [atDefault, atFlat, atClimb]) {
				const spread = Math.abs(Math.log10(r.lstm));
				assert.ok(spread < Math.abs(Math.log10(r.rnn)) || spread < 1, `the LSTM ratio ${r.lstm} is not flatter than the RNN's ${r.rnn}`);
			}
		});
	}
});

describe("chapter 4's account of the gradient lab", () => {
	test('the lab starts with ‖∂L/∂h_t‖ and T is printed from its defaults', () => {
		assert.equal(SCHEMA.q.default, 'h', "chapter 4 says the lab starts with ‖∂L/∂h_t‖");
		for (const lang of ['en', 'zh-cn']) {
			const src = read(`content/${lang}/04-math.mdx`);
			assert.match(src, /\$T = \$ \{gradientLab\.T\}/, `content/${lang}/04-math.mdx does not print the lab's default T`);
			assert.doesNotMatch(src, /200 steps|200 步/, `content/${lang}/04-math.mdx still says 200 steps`);
		}
	});
});

/** Default values destructured in `run(options)` of an example: `{ seed = 7, units = 32, … } = options`. */
function runDefaults(source: string): Map<string, string> {
	const m = /const \{([^}]*)\} = options;/.exec(source);
	assert.ok(m, 'the example destructures its options with defaults');
	return new Map([...m[1]!.matchAll(/(\w+) = ([\w.]+)/g)].map((d) => [d[1]!, d[2]!]));
}

describe("chapter 5's tables of what the TypeScript examples change", () => {
	const examples = [
		{ file: 'src/examples/keras-model.ts', section: '#keras-typescript', options: ['units', 'steps', 'samples', 'epochs'] },
		{ file: 'src/examples/pytorch-model.ts', section: '#pytorch-typescript', options: ['hiddenSize', 'numLayers', 'steps', 'samples', 'numEpochs', 'lr', 'batchSize'] },
	];
	for (const lang of ['en', 'zh-cn']) {
		const chapter = read(`content/${lang}/05-practice.mdx`);
		for (const { file, section, options } of examples) {
			test(`${lang}: the table in ${section} gives ${file}'s defaults`, () => {
				const start = chapter.indexOf(`{/* ${section} */}`);
				assert.ok(start >= 0, `content/${lang}/05-practice.mdx has no section ${section}`);
				const next = chapter.indexOf('<Code', start);
				const rows = tableRows(chapter.slice(start, next));
				const defaults = runDefaults(read(file));
				for (const name of options) {
					const row = rows.find((r) => r[0]!.includes(`\`${name}\``));
					assert.ok(row, `content/${lang}/05-practice.mdx ${section}: no table row for \`${name}\``);
					const value = defaults.get(name);
					assert.ok(value, `${file} has no default for ${name}`);
					const cell = row[2]!.replace(/,/g, '');
					assert.ok(
						new RegExp(`(^|[^\\d.])${value.replace('.', '\\.')}($|[^\\d.])`).test(cell),
						`content/${lang}/05-practice.mdx ${section}: \`${name}\` is ${value} in ${file}, the table says "${row[2]}"`,
					);
				}
			});
		}
	}
});
