/**
 * <cell-explorer>: the live part of the cell explorer (chapters 3 and 4). Loaded lazily by
 * components/CellExplorer.astro when the figure comes on screen.
 *
 * Sliders set x_t, h_{t-1} and C_{t-1}; a grid of number fields holds every weight and bias in the chapter's
 * notation; presets pin gates open or shut. Each change runs one lstmStep (model.ts) and refreshes the
 * <output> readouts, their bars, a sentence per unit and the six equations with the numbers substituted
 * (KaTeX, imported on first use). Numbers in the equations and readouts highlight each other on hover and focus.
 */
import type katexType from 'katex';
import { button, copyLinkControl, el, integerControl, nextFrame, rangeControl, selectControl, uid, urlBinding } from '../shared/dom.ts';
import {
	GATES_AS_READ,
	PRESETS,
	QUANTITIES,
	RANGES,
	biasIndex,
	cellSchema,
	computeCell,
	defaultsFor,
	equationsTex,
	formatNumber,
	normalize,
	presetWeights,
	sizes,
	weightIndex,
	type CellState,
	type Gate,
	type Mode,
	type StepExample,
} from './model.ts';
import { EQUATION_NAMES, langOf, textFor, type CellText } from './labels.ts';

type Katex = typeof katexType;
let katexModule: Promise<Katex> | null = null;
/** KaTeX arrives with the first render, not with the page. */
function loadKatex(): Promise<Katex> {
	katexModule ??= import('katex').then((m) => (m as unknown as { default: Katex }).default ?? (m as unknown as Katex));
	return katexModule;
}

const WEIGHT_NAMES: Record<Gate, [string, string]> = { i: ['W_i', 'b_i'], f: ['W_f', 'b_f'], g: ['W_C', 'b_C'], o: ['W_o', 'b_o'] };

export class CellExplorerElement extends HTMLElement {
	#text: CellText = textFor('en');
	#lang: 'en' | 'zh-cn' = 'en';
	#state: CellState = defaultsFor('pair');
	#binding!: ReturnType<typeof urlBinding<typeof cellSchema>>;
	#modeSelect!: HTMLSelectElement;
	#seed!: ReturnType<typeof integerControl>;
	#inputsBox!: HTMLDivElement;
	#editorBox!: HTMLDivElement;
	#readoutBox!: HTMLDivElement;
	#equationsBox!: HTMLDivElement;
	#description!: HTMLParagraphElement;
	#status!: HTMLParagraphElement;
	/** Says which number the arrow keys reached inside an equation (KaTeX's visual layer is hidden from screen readers). */
	#termStatus!: HTMLParagraphElement;
	#outputs = new Map<string, HTMLOutputElement>();
	#bars = new Map<string, HTMLSpanElement>();
	#inputSetters: ((s: CellState) => void)[] = [];
	#weightInputs: { input: HTMLInputElement; kind: 'w' | 'b'; index: number }[] = [];
	#renderToken = 0;
	/** The TeX each equation box shows now, by equation id: unchanged equations are not typeset again. */
	#typeset = new Map<string, string>();
	#hot: string | null = null;

	connectedCallback(): void {
		if (this.dataset.ready !== undefined) return;
		this.#lang = langOf(this.dataset.lang ?? document.documentElement.lang);
		this.#text = textFor(this.#lang);
		const anchor = this.closest('figure')?.id || 'cell-explorer';
		this.#binding = urlBinding(cellSchema, 'cell', anchor);
		this.#state = normalize(this.#binding.load());
		this.#build();
		this.dataset.ready = '';
		this.#update(false);
	}

	disconnectedCallback(): void {
		this.#binding?.cancel();
	}

	#build(): void {
		const t = this.#text;
		this.replaceChildren();

		const toolbar = el('div', 'ce-toolbar');
		const mode = selectControl(
			t.size,
			(['pair', 'scalar'] as const).map((m) => ({ value: m, text: t.sizes[m] })),
			this.#state.mode,
			(value) => this.#setMode(value as Mode),
		);
		this.#modeSelect = mode.select;
		toolbar.append(
			mode.root,
			copyLinkControl(t, () => this.#binding.link(this.#state)),
			button(t.reset, () => this.#reset()),
		);

		const presets = el('fieldset', 'ce-presets');
		presets.append(el('legend', '', t.presets));
		const presetButtons = el('div', 'ce-preset-buttons');
		for (const p of PRESETS) {
			const b = button(t.preset[p], () => this.#applyPreset(p));
			b.title = t.presetHelp[p];
			presetButtons.append(b);
		}
		this.#seed = integerControl({
			label: t.seed,
			min: 0,
			max: 2 ** 31 - 1,
			value: this.#state.seed,
			onChange: (v) => {
				this.#state.seed = v;
				this.#applyPreset('random');
			},
		});
		this.#seed.input.classList.add('ce-seed');
		presetButtons.append(this.#seed.root);
		presets.append(presetButtons);
		this.#status = el('p', 'ce-status');
		this.#status.setAttribute('role', 'status');
		presets.append(this.#status);

		const inputs = el('fieldset', 'ce-inputs');
		inputs.append(el('legend', '', t.inputs));
		this.#inputsBox = el('div', 'ce-input-grid');
		inputs.append(this.#inputsBox);

		const weights = el('fieldset', 'ce-weights');
		weights.append(el('legend', '', t.weights));
		this.#editorBox = el('div', 'ce-editor');
		weights.append(this.#editorBox, el('p', 'ce-note', t.weightsNote));

		const results = el('section', 'ce-results');
		const resultsId = uid('ce-results');
		const resultsTitle = el('p', 'ce-section-title', t.readouts);
		resultsTitle.id = resultsId;
		results.setAttribute('aria-labelledby', resultsId);
		this.#readoutBox = el('div', 'ce-readouts');
		this.#description = el('p', 'w-description ce-description');
		this.#description.setAttribute('aria-live', 'polite');
		results.append(resultsTitle, this.#readoutBox, this.#description);

		const eqs = el('section', 'ce-equations');
		const eqTitleId = uid('ce-eq');
		const eqTitle = el('p', 'ce-section-title', t.equations);
		eqTitle.id = eqTitleId;
		eqs.setAttribute('aria-labelledby', eqTitleId);
		this.#equationsBox = el('div', 'ce-equation-list');
		this.#termStatus = el('p', 'ce-visually-hidden');
		this.#termStatus.setAttribute('role', 'status');
		eqs.append(eqTitle, this.#equationsBox, this.#termStatus);

		const top = el('div', 'ce-top');
		top.append(inputs, results);
		this.append(toolbar, presets, top, weights, eqs);
		this.#buildSized();
	}

	/** The parts whose shape depends on I and H: input sliders, the weight grid, readouts, equations. */
	#buildSized(): void {
		const t = this.#text;
		const { I, H } = sizes(this.#state.mode as Mode);

		// Inputs: x_t, h_{t-1}, C_{t-1}, one slider + number field per entry.
		this.#inputsBox.replaceChildren();
		this.#inputSetters = [];
		const addRange = (key: 'x' | 'h' | 'c', n: number, name: string, term: string) => {
			for (let k = 0; k < n; k++) {
				const r = rangeControl({
					label: `${name}[${k + 1}]`,
					...RANGES[key],
					value: this.#state[key][k],
					onInput: (v) => {
						this.#state[key][k] = v;
						this.#update();
					},
				});
				r.root.dataset.term = `${term}${k + 1}`;
				this.#hoverLink(r.root, `${term}${k + 1}`);
				this.#inputsBox.append(r.root);
				this.#inputSetters.push((s) => r.set(s[key][k]));
			}
		};
		addRange('x', I, 'x_t', 'x');
		addRange('h', H, 'h_{t-1}', 'hp');
		addRange('c', H, 'C_{t-1}', 'cp');

		// Weight editor: one table per gate, rows = units, columns = [h_{t-1}, x_t] then b.
		this.#editorBox.replaceChildren();
		this.#weightInputs = [];
		const colNames = [...Array.from({ length: H }, (_, k) => `h_{t-1}[${k + 1}]`), ...Array.from({ length: I }, (_, k) => `x_t[${k + 1}]`)];
		for (const gate of GATES_AS_READ) {
			const [wName, bName] = WEIGHT_NAMES[gate];
			const table = el('table', 'ce-matrix');
			const caption = el('caption', '', `${wName} · [h_{t-1}, x_t] + ${bName}`);
			const head = el('tr');
			head.append(el('td'));
			// Short headers keep the grid narrow; each field's accessible name spells the column out.
			const shortNames = [...Array.from({ length: H }, (_, k) => `h[${k + 1}]`), ...Array.from({ length: I }, (_, k) => `x[${k + 1}]`)];
			for (const [k, c] of shortNames.entries()) {
				const th = el('th', '', c);
				th.title = colNames[k];
				th.scope = 'col';
				head.append(th);
			}
			const bth = el('th', 'ce-bias-col', bName);
			bth.scope = 'col';
			head.append(bth);
			const thead = el('thead');
			thead.append(head);
			const tbody = el('tbody');
			for (let r = 0; r < H; r++) {
				const tr = el('tr');
				// "unit 1" for assistive technology, "1" on screen: the grid stays narrow on phones.
				const th = el('th');
				th.scope = 'row';
				th.append(el('span', 'ce-visually-hidden', t.rowHeader(r + 1)));
				const shown = el('span', '', String(r + 1));
				shown.setAttribute('aria-hidden', 'true');
				th.append(shown);
				tr.append(th);
				for (let c = 0; c < H + I; c++) {
					const index = weightIndex(gate, r, c, I, H);
					const td = el('td');
					td.append(this.#weightInput(t.weightLabel(wName, r + 1, c + 1, colNames[c]), 'w', index));
					tr.append(td);
				}
				const td = el('td', 'ce-bias-col');
				td.append(this.#weightInput(t.biasLabel(bName, r + 1), 'b', biasIndex(gate, r, H)));
				tr.append(td);
				tbody.append(tr);
			}
			table.append(caption, thead, tbody);
			const wrap = el('div', 'ce-matrix-wrap');
			wrap.append(table);
			this.#editorBox.append(wrap);
		}

		// Readouts: a table of <output>s (one per quantity and unit) with a bar each.
		this.#readoutBox.replaceChildren();
		this.#outputs.clear();
		this.#bars.clear();
		const table = el('table', 'ce-readout-table');
		const head = el('tr');
		const corner = el('th', 'ce-visually-hidden', t.quantity);
		corner.scope = 'col';
		head.append(corner);
		for (let j = 0; j < H; j++) {
			const th = el('th', '', t.unit(j + 1));
			th.scope = 'col';
			head.append(th);
		}
		const thead = el('thead');
		thead.append(head);
		const tbody = el('tbody');
		for (const q of QUANTITIES) {
			const tr = el('tr', `ce-q-${q.key}`);
			const th = el('th', 'ce-symbol', q.name);
			th.scope = 'row';
			tr.append(th);
			for (let j = 0; j < H; j++) {
				const term = `${q.key}${j + 1}`;
				const td = el('td', 'ce-readout');
				td.dataset.term = term;
				const out = el('output');
				out.setAttribute('aria-label', `${q.name}[${j + 1}]`);
				out.setAttribute('aria-live', 'off');
				out.tabIndex = 0;
				this.#hoverLink(out, term);
				const bar = el('span', `ce-bar ce-bar-${q.range}`);
				bar.setAttribute('aria-hidden', 'true');
				const fill = el('span', 'ce-bar-fill');
				bar.append(fill);
				td.append(out, bar);
				tr.append(td);
				this.#outputs.set(term, out);
				this.#bars.set(term, fill);
			}
			tbody.append(tr);
		}
		table.append(thead, tbody);
		this.#readoutBox.append(table, el('p', 'ce-note', t.barsNote));

		// Equations: one focusable group each; KaTeX fills them on update.
		this.#equationsBox.replaceChildren();
		this.#typeset.clear();
		for (const id of Object.keys(EQUATION_NAMES)) {
			const box = el('div', 'ce-equation');
			box.dataset.eq = id;
			box.tabIndex = 0;
			box.setAttribute('role', 'group');
			box.setAttribute('aria-label', t.equationLabel(EQUATION_NAMES[id][this.#lang]));
			this.#equationKeys(box);
			this.#equationsBox.append(box);
		}
	}

	#weightInput(label: string, kind: 'w' | 'b', index: number): HTMLInputElement {
		const input = el('input', 'ce-weight');
		input.type = 'number';
		input.min = String(RANGES.w.min);
		input.max = String(RANGES.w.max);
		input.step = String(RANGES.w.step);
		input.setAttribute('aria-label', label);
		input.value = String(this.#state[kind][index]);
		input.addEventListener('input', () => {
			const v = input.valueAsNumber;
			if (input.value.trim() === '' || !Number.isFinite(v) || v < RANGES.w.min || v > RANGES.w.max) return;
			this.#state[kind][index] = v;
			this.#update();
		});
		input.addEventListener('change', () => {
			const v = input.valueAsNumber;
			const clamped = Number.isFinite(v) ? Math.min(RANGES.w.max, Math.max(RANGES.w.min, v)) : this.#state[kind][index];
			input.value = String(clamped);
			this.#state[kind][index] = clamped;
			this.#update();
		});
		this.#weightInputs.push({ input, kind, index });
		return input;
	}

	#setMode(mode: Mode): void {
		const seed = this.#state.seed;
		this.#state = { ...defaultsFor(mode), seed };
		this.#buildSized();
		this.#update();
	}

	#reset(): void {
		this.#state = defaultsFor('pair');
		this.#modeSelect.value = 'pair';
		this.#seed.set(this.#state.seed);
		this.#status.textContent = '';
		this.#buildSized();
		this.#update();
	}

	#applyPreset(preset: (typeof PRESETS)[number]): void {
		const flat = presetWeights(preset, this.#state.mode as Mode, this.#state.seed);
		this.#state.w = flat.w;
		this.#state.b = flat.b;
		for (const { input, kind, index } of this.#weightInputs) input.value = String(this.#state[kind][index]);
		this.#status.textContent = this.#text.presetApplied(this.#text.preset[preset], this.#text.presetHelp[preset]);
		this.#update();
	}

	/** Recomputes the step and refreshes everything that shows it; `save` writes the state to the URL. */
	#update(save = true): void {
		const s = computeCell(this.#state);
		for (const set of this.#inputSetters) set(this.#state);
		for (const q of QUANTITIES) {
			s[q.key].forEach((v, j) => {
				const term = `${q.key}${j + 1}`;
				this.#outputs.get(term)!.value = formatNumber(v);
				this.#drawBar(this.#bars.get(term)!, v, q.range);
			});
		}
		const fmt = (x: number) => formatNumber(x, 3);
		this.#description.textContent = s.c
			.map((_, j) =>
				this.#text.describe(j + 1, { f: fmt(s.f[j]), cp: fmt(s.cPrev[j]), i: fmt(s.i[j]), g: fmt(s.g[j]), c: fmt(s.c[j]), o: fmt(s.o[j]), h: fmt(s.h[j]) }),
			)
			.join(' ');
		void this.#renderEquations(s);
		if (save) {
			this.#binding.saveSoon(this.#state);
		}
	}

	#drawBar(fill: HTMLSpanElement, v: number, range: 'unit' | 'signed' | 'cell'): void {
		const span = range === 'cell' ? 2 : 1; // C_t is unbounded: its bar spans ±2 and saturates beyond
		if (range === 'unit') {
			fill.style.insetInlineStart = '0%';
			fill.style.width = `${Math.min(1, Math.max(0, v)) * 100}%`;
		} else {
			const r = Math.min(1, Math.abs(v) / span) * 50;
			fill.style.insetInlineStart = v >= 0 ? '50%' : `${50 - r}%`;
			fill.style.width = `${r}%`;
		}
		fill.classList.toggle('ce-negative', v < 0);
	}

	/**
	 * Typesets the six equations with the step's numbers: only those whose numbers changed, one per animation
	 * frame, because all six at once (KaTeX, then style and layout of its output) take longer than a frame.
	 * A newer update supersedes this one between frames.
	 */
	async #renderEquations(s: StepExample): Promise<void> {
		const token = ++this.#renderToken;
		let katex: Katex;
		try {
			katex = await loadKatex();
		} catch (error) {
			this.#equationsBox.textContent = `${this.#text.mathError} ${String(error)}`;
			return;
		}
		if (token !== this.#renderToken) return; // a newer update will draw
		const boxes = new Map([...this.#equationsBox.querySelectorAll<HTMLElement>('.ce-equation')].map((b) => [b.dataset.eq!, b]));
		let first = true;
		for (const eq of equationsTex(s, { marks: true })) {
			const box = boxes.get(eq.id);
			if (!box || this.#typeset.get(eq.id) === eq.tex) continue;
			if (!first) await nextFrame();
			if (token !== this.#renderToken) return;
			first = false;
			katex.render(eq.tex, box, {
				displayMode: true,
				throwOnError: false,
				output: 'htmlAndMathml',
				strict: 'ignore',
				trust: (context) => context.command === '\\htmlData',
			});
			this.#typeset.set(eq.id, eq.tex);
			const terms = [...box.querySelectorAll<HTMLElement>('[data-term]')];
			for (const term of terms) this.#hoverLink(term, term.dataset.term!);
			const active = box.dataset.active;
			if (active !== undefined) terms[Number(active)]?.classList.add('ce-active');
			if (this.#hot) this.#highlight(this.#hot);
		}
	}

	/** Hovering or focusing `node` highlights every place that shows `term`. */
	#hoverLink(node: HTMLElement, term: string): void {
		node.addEventListener('pointerenter', () => this.#highlight(term));
		node.addEventListener('pointerleave', () => this.#highlight(null));
		if (node.tagName === 'OUTPUT' || node.classList.contains('w-range')) {
			node.addEventListener('focusin', () => this.#highlight(term));
			node.addEventListener('focusout', () => this.#highlight(null));
		}
	}

	#highlight(term: string | null): void {
		this.#hot = term;
		for (const n of this.querySelectorAll('.ce-hot')) n.classList.remove('ce-hot');
		if (!term) return;
		for (const n of this.querySelectorAll(`[data-term="${term}"]`)) n.classList.add('ce-hot');
	}

	/** Arrow keys move an active number through an equation (its terms sit in KaTeX's aria-hidden layer). */
	#equationKeys(box: HTMLElement): void {
		const move = (delta: number) => {
			const terms = [...box.querySelectorAll<HTMLElement>('[data-term]')];
			if (terms.length === 0) return;
			const current = box.dataset.active === undefined ? -1 : Number(box.dataset.active);
			const next = current < 0 ? (delta > 0 ? 0 : terms.length - 1) : (current + delta + terms.length) % terms.length;
			for (const n of box.querySelectorAll('.ce-active')) n.classList.remove('ce-active');
			box.dataset.active = String(next);
			terms[next].classList.add('ce-active');
			const term = terms[next].dataset.term!;
			this.#highlight(term);
			const out = this.#outputs.get(term);
			const [, key, index] = /^([a-z]+)(\d+)$/.exec(term) ?? [];
			const inputName = { hp: 'h_{t-1}', x: 'x_t', cp: 'C_{t-1}' }[key ?? ''];
			this.#termStatus.textContent = out
				? `${out.getAttribute('aria-label')} = ${out.value}`
				: `${inputName ? `${inputName}[${index}] = ` : ''}${terms[next].textContent ?? ''}`;
		};
		box.addEventListener('focus', () => move(0));
		box.addEventListener('blur', () => {
			delete box.dataset.active;
			for (const n of box.querySelectorAll('.ce-active')) n.classList.remove('ce-active');
			this.#highlight(null);
		});
		box.addEventListener('keydown', (e) => {
			if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(1);
			else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(-1);
			else return;
			e.preventDefault();
		});
	}
}

if (!customElements.get('cell-explorer')) customElements.define('cell-explorer', CellExplorerElement);
