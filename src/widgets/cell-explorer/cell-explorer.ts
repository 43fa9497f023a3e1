/**
 * <cell-explorer>: the live part of the cell explorer, on the widget runtime (declaration.ts; markup in
 * components/CellExplorer.astro, rendered on the server for both sizes).
 *
 * Sliders set x_t, h_{t-1} and C_{t-1}; a small grid per gate holds W and b; presets pin gates open or shut.
 * Each change runs one lstmStep (model.ts) and refreshes the <output> readouts and their bars, a sentence
 * per unit, the numbers on the cell diagram's wires and the six equations with the numbers substituted
 * (KaTeX, imported on first use). A wire, an equation number and a readout highlight each other on hover
 * and focus; the stage control dims the wires outside the chosen stage.
 */
import type katexType from 'katex';
import { WidgetElement, defineElement } from '../runtime/element.ts';
import { nextFrame } from '../shared/dom.ts';
import { DiagramView } from '../cell-diagram/diagram.ts';
import { diagramText } from '../cell-diagram/labels.ts';
import { WIRES, nextStage, type Stage, type Wire } from '../cell-diagram/model.ts';
import declaration from './declaration.ts';
import { QUANTITIES, RANGES, computeCell, defaultsFor, equationsTex, formatNumber, normalize, presetWeights, type CellState, type Mode, type Preset, type StepExample } from './model.ts';
import { textFor, type CellText } from './labels.ts';

type Katex = typeof katexType;
let katexModule: Promise<Katex> | null = null;
/** KaTeX arrives with the first render, not with the page. */
function loadKatex(): Promise<Katex> {
	katexModule ??= import('katex').then((m) => (m as unknown as { default: Katex }).default ?? (m as unknown as Katex));
	return katexModule;
}

/** "f1" (f_t[1]), "hp2" (h_{t-1}[2]) → the wire that carries it. */
function wireOf(term: string): Wire | null {
	const key = /^([a-z]+)\d+$/.exec(term)?.[1];
	return (WIRES as readonly string[]).includes(key ?? '') ? (key as Wire) : null;
}

type Vec = 'x' | 'h' | 'c';

export class CellExplorerElement extends WidgetElement<typeof declaration.schema> {
	protected readonly declaration = declaration;
	#text: CellText = textFor('en');
	#diagram: DiagramView | null = null;
	#shape!: HTMLElement;
	#presetStatus!: HTMLElement;
	#equationsBox!: HTMLElement;
	/** Says which number the arrow keys reached inside an equation (KaTeX's visual layer is hidden from screen readers). */
	#termStatus!: HTMLElement;
	#renderToken = 0;
	/** The TeX each equation box shows now, by equation id: unchanged equations are not typeset again. */
	#typeset = new Map<string, string>();
	/** The highlighted place: a term ("f1") or a whole wire ("f"). */
	#hot: string | null = null;
	#resetting = false;

	protected hydrate(): void {
		this.#text = textFor(this.pageLang);
		this.#presetStatus = this.querySelector('[data-preset-status]')!;
		this.#equationsBox = this.querySelector('.ce-equation-list')!;
		this.#termStatus = this.querySelector('[data-term-status]')!;
		const diagramRoot = this.querySelector('.ce-diagram');
		if (diagramRoot) {
			this.#diagram = new DiagramView(diagramRoot, diagramText(this.pageLang), (wire) => this.#highlight(wire), this.signal);
			this.#showStage();
		}
		for (const b of this.querySelectorAll<HTMLButtonElement>('[data-preset]')) {
			b.addEventListener('click', () => this.#applyPreset(b.dataset.preset as Preset), { signal: this.signal });
		}
		this.querySelector('[data-action="next-stage"]')?.addEventListener('click', () => this.update({ stage: nextStage(this.state.stage as Stage) }), { signal: this.signal });
		for (const shape of this.querySelectorAll<HTMLElement>('[data-shape]')) this.#wireShape(shape);
		for (const box of this.#equationsBox.querySelectorAll<HTMLElement>('.ce-equation')) this.#equationKeys(box);
		this.#showShape();
		// A link whose vectors do not fit its size gets that size's defaults (and the URL says so at once).
		this.update(normalize(this.state as CellState));
		this.#render();
	}

	protected changed(keys: string[]): void {
		if (keys.includes('mode') && !this.#resetting) {
			const d = defaultsFor(this.state.mode as Mode);
			this.update({ x: d.x, h: d.h, c: d.c, w: d.w, b: d.b });
		}
		if (keys.includes('mode')) this.#showShape();
		if (keys.includes('seed') && !this.#resetting) this.#applyPreset('random');
		if (keys.includes('stage')) this.#showStage();
		if (keys.some((k) => k !== 'stage')) this.#render();
	}

	protected override reset(): void {
		this.#resetting = true;
		super.reset();
		this.#resetting = false;
		this.#presetStatus.textContent = '';
		this.#render();
	}

	/** Dims the diagram's wires outside the chosen stage and says what the stage computes. */
	#showStage(): void {
		const stage = this.state.stage as Stage;
		this.#diagram?.stage(stage);
		const line = this.querySelector('[data-stage-text]');
		if (line) line.textContent = diagramText(this.pageLang).stages[stage];
	}

	/** Shows the controls of the state's size and hides the other's. */
	#showShape(): void {
		for (const shape of this.querySelectorAll<HTMLElement>('[data-shape]')) {
			shape.hidden = shape.dataset.shape !== this.state.mode;
			if (!shape.hidden) this.#shape = shape;
		}
	}

	/** Wires one size's sliders, weight fields and readouts (their values are written by #render). */
	#wireShape(shape: HTMLElement): void {
		const on = (target: EventTarget, type: string, listener: () => void) => target.addEventListener(type, listener, { signal: this.signal });
		const setEntry = (key: Vec | 'w' | 'b', index: number, v: number, commit: boolean) => {
			const next = [...this.state[key]];
			next[index] = v;
			this.update({ [key]: next }, commit);
		};
		for (const row of shape.querySelectorAll<HTMLElement>('.ce-range')) {
			const key = row.dataset.vec as Vec;
			const index = Number(row.dataset.index);
			const slider = row.querySelector<HTMLInputElement>('input[type=range]')!;
			const typed = row.querySelector<HTMLInputElement>('input[type=number]')!;
			on(slider, 'input', () => setEntry(key, index, Number(slider.value), false));
			on(slider, 'change', () => setEntry(key, index, Number(slider.value), true));
			this.#typedNumber(typed, RANGES[key], () => this.state[key][index], (v, commit) => setEntry(key, index, v, commit));
			this.#hoverLink(row, row.dataset.term!, true);
		}
		for (const input of shape.querySelectorAll<HTMLInputElement>('input[data-w], input[data-b]')) {
			const kind = input.dataset.w !== undefined ? 'w' : 'b';
			const index = Number(input.dataset[kind]);
			this.#typedNumber(input, RANGES.w, () => this.state[kind][index], (v, commit) => setEntry(kind, index, v, commit));
		}
		for (const out of shape.querySelectorAll<HTMLOutputElement>('output[data-term]')) this.#hoverLink(out, out.dataset.term!, true);
	}

	/** A typed number: a valid value in range applies at once; on change the field shows what was kept. */
	#typedNumber(input: HTMLInputElement, range: { min: number; max: number }, current: () => number, set: (v: number, commit: boolean) => void): void {
		input.addEventListener(
			'input',
			() => {
				const v = input.valueAsNumber;
				if (input.value.trim() === '' || !Number.isFinite(v) || v < range.min || v > range.max) return;
				set(v, false);
			},
			{ signal: this.signal },
		);
		input.addEventListener(
			'change',
			() => {
				const v = input.valueAsNumber;
				const kept = Number.isFinite(v) ? Math.min(range.max, Math.max(range.min, v)) : current();
				input.value = String(kept);
				set(kept, true);
			},
			{ signal: this.signal },
		);
	}

	#applyPreset(preset: Preset): void {
		const flat = presetWeights(preset, this.state.mode as Mode, this.state.seed);
		this.update({ w: flat.w, b: flat.b });
		this.#presetStatus.textContent = this.#text.presetApplied(this.#text.preset[preset], this.#text.presetHelp[preset]);
		this.#render();
	}

	/** Recomputes the step and refreshes everything that shows it. */
	#render(): void {
		const state = normalize(this.state as CellState);
		const s = computeCell(state);
		const shape = this.#shape;
		for (const row of shape.querySelectorAll<HTMLElement>('.ce-range')) {
			const v = String(state[row.dataset.vec as Vec][Number(row.dataset.index)]);
			for (const input of row.querySelectorAll<HTMLInputElement>('input')) if (document.activeElement !== input || input.type === 'range') input.value = v;
		}
		for (const input of shape.querySelectorAll<HTMLInputElement>('input[data-w], input[data-b]')) {
			if (document.activeElement === input) continue;
			const kind = input.dataset.w !== undefined ? 'w' : 'b';
			input.value = String(state[kind][Number(input.dataset[kind])]);
		}
		for (const q of QUANTITIES) {
			s[q.key].forEach((v, j) => {
				const cell = shape.querySelector<HTMLElement>(`td.ce-readout[data-term="${q.key}${j + 1}"]`);
				if (!cell) return;
				cell.querySelector('output')!.value = formatNumber(v);
				this.#drawBar(cell.querySelector<HTMLElement>('.ce-bar-fill')!, v, q.range);
			});
		}
		const fmt = (x: number) => formatNumber(x, 3);
		shape.querySelector('[data-description]')!.textContent = s.c
			.map((_, j) => this.#text.describe(j + 1, { f: fmt(s.f[j]), cp: fmt(s.cPrev[j]), i: fmt(s.i[j]), g: fmt(s.g[j]), c: fmt(s.c[j]), o: fmt(s.o[j]), h: fmt(s.h[j]) }))
			.join(' ');
		this.#diagram?.show(s);
		void this.#renderEquations(s);
	}

	#drawBar(fill: HTMLElement, v: number, range: 'unit' | 'signed' | 'cell'): void {
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
			for (const term of terms) this.#hoverLink(term, term.dataset.term!, false);
			const active = box.dataset.active;
			if (active !== undefined) terms[Number(active)]?.classList.add('ce-active');
			if (this.#hot) this.#highlight(this.#hot);
		}
	}

	/** Hovering (and, with `focus`, focusing) `node` highlights every place that shows `term`. */
	#hoverLink(node: HTMLElement, term: string, focus: boolean): void {
		const opts = { signal: this.signal };
		node.addEventListener('pointerenter', () => this.#highlight(term), opts);
		node.addEventListener('pointerleave', () => this.#highlight(null), opts);
		if (focus) {
			node.addEventListener('focusin', () => this.#highlight(term), opts);
			node.addEventListener('focusout', () => this.#highlight(null), opts);
		}
	}

	/**
	 * Highlights a term ("f1": that number wherever it is shown, and its wire) or a whole wire ("f": the
	 * wire and every number of f_t), or nothing.
	 */
	#highlight(place: string | null): void {
		this.#hot = place;
		for (const n of this.querySelectorAll('.ce-hot')) n.classList.remove('ce-hot');
		const wire = place === null ? null : (WIRES as readonly string[]).includes(place) ? (place as Wire) : wireOf(place);
		this.#diagram?.highlight(wire);
		if (!place) return;
		const selector = place === wire ? `[data-term^="${wire}"]` : `[data-term="${place}"]`;
		for (const n of this.querySelectorAll<HTMLElement>(selector)) {
			if (place !== wire || wireOf(n.dataset.term!) === wire) n.classList.add('ce-hot');
		}
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
			const out = this.#shape.querySelector<HTMLOutputElement>(`output[data-term="${term}"]`);
			const [, key, index] = /^([a-z]+)(\d+)$/.exec(term) ?? [];
			const inputName = { hp: 'h_{t-1}', x: 'x_t', cp: 'C_{t-1}' }[key ?? ''];
			this.#termStatus.textContent = out
				? `${out.getAttribute('aria-label')} = ${out.value}`
				: `${inputName ? `${inputName}[${index}] = ` : ''}${terms[next].textContent ?? ''}`;
		};
		const opts = { signal: this.signal };
		box.addEventListener('focus', () => move(0), opts);
		box.addEventListener(
			'blur',
			() => {
				delete box.dataset.active;
				for (const n of box.querySelectorAll('.ce-active')) n.classList.remove('ce-active');
				this.#highlight(null);
			},
			opts,
		);
		box.addEventListener(
			'keydown',
			(e) => {
				if (e.key === 'ArrowRight' || e.key === 'ArrowDown') move(1);
				else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') move(-1);
				else return;
				e.preventDefault();
			},
			opts,
		);
	}
}

defineElement('cell-explorer', CellExplorerElement);
