/**
 * <sequence-stepper>: the live part of the sequence stepper (chapters 2 and 3). Loaded lazily by
 * components/SequenceStepper.astro when the figure comes on screen.
 *
 * A sequence runs through a small LSTM (model.ts): every step's gates, C_t and h_t are computed with the
 * engine in a Web Worker (stepper.worker.ts), which also loads the character checkpoint. Heatmaps
 * (Observable Plot cell marks) show each quantity per unit over time with the current step outlined; a line
 * chart follows C_t of one unit; <output>s and a sentence give the numbers at the current step. Step,
 * play/pause, speed and every choice live in the URL.
 */
import * as Plot from '@observablehq/plot';
import { PLOT_RULES, plotChart } from '../shared/plot.ts';
import { defaultState } from '../shared/url-state.ts';
import { WorkerRuns } from '../shared/worker-channel.ts';
import { button, copyLinkControl, el, integerControl, nextFrame, rangeControl, selectControl, uid, urlBinding } from '../shared/dom.ts';
import { MAX_TEXT } from './char-model.ts';
import type { StepperCommand, StepperEvent } from './stepper.worker.ts';
import {
	CHANNELS,
	SEQUENTIAL,
	SERIES,
	SPEEDS,
	UNITS_PER_PAGE,
	clampToTrace,
	formatNumber,
	showChar,
	stepperSchema,
	type ModelName,
	type Series,
	type StepperState,
	type Trace,
	type TraceResult,
} from './model.ts';
import { SERIES_SYMBOL, textFor, type StepperText } from './labels.ts';

/** Styles of the heatmaps' shadow root; colours still come from the page's custom properties. */
const MAPS_CSS = `${PLOT_RULES}
.maps { display: grid; gap: 0.2rem; color: var(--sl-color-gray-2); }
.ss-map { contain: layout paint style; }
.ss-map-title { font-size: var(--sl-text-sm, 0.875rem); color: var(--sl-color-white); margin: 0.2rem 0 0; display: flex; flex-wrap: wrap; gap: 0 1em; align-items: center; }
.key { display: inline-flex; align-items: center; gap: 0.3em; font-size: 0.85em; color: var(--sl-color-gray-2); font-variant-numeric: tabular-nums; }
.ramp { display: inline-block; width: 5em; height: 0.7em; border: 1px solid var(--sl-color-gray-5); }
.key-sequential .ramp { background: linear-gradient(to right, var(--ss-seq-lo), var(--ss-seq-hi)); }
.key-diverging .ramp { background: linear-gradient(to right, var(--ss-div-neg), var(--ss-div-mid), var(--ss-div-pos)); }
svg { display: block; max-width: 100%; height: auto; }
.ss-marker { fill: none; stroke: var(--ss-marker); stroke-width: 2px; }
@media (prefers-reduced-motion: no-preference) { .ss-marker { transition: x 120ms linear; } }
`;

/**
 * Plot names each mark's <g> with aria-label ("cell", "line", "x-axis tick"); a <g> has no role, so those
 * names are not allowed. The chart's own aria-label on the <svg> carries the text alternative instead.
 */
function dropGroupLabels(svg: Element): void {
	for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
}

interface Heatmap {
	svg: SVGSVGElement;
	/** Text alternative for step t. */
	label: (t: number) => string;
	marker: SVGRectElement;
	x: (t: number) => number;
}

export class SequenceStepperElement extends HTMLElement {
	#text: StepperText = textFor('en');
	#schema = stepperSchema('latch');
	#state!: StepperState;
	#binding!: ReturnType<typeof urlBinding<ReturnType<typeof stepperSchema>>>;
	#trace: Trace | null = null;
	#runs!: WorkerRuns<StepperCommand, StepperEvent>;
	/** Whether the trace being computed should write the state to the URL when it arrives (not on first load). */
	#saveWhenTraced = false;
	#drawToken = 0;
	#timer: ReturnType<typeof setInterval> | undefined;
	#heatmaps: Heatmap[] = [];
	#lastWidth = 0;
	#observers: { disconnect(): void }[] = [];
	#textTimer: ReturnType<typeof setTimeout> | undefined;
	/** Font size in px when the charts were drawn: they scale with it (projectors, zoom). */
	#fontSize = 16;
	#lineMarker: (t: number) => void = () => {};
	#currentChar = -1;

	// controls and views
	#modelSelect!: HTMLSelectElement;
	#seedBox!: HTMLDivElement;
	#seed!: ReturnType<typeof integerControl>;
	#textBox!: HTMLDivElement;
	#textInput!: HTMLInputElement;
	#textNote!: HTMLParagraphElement;
	#replaced!: HTMLParagraphElement;
	#step!: ReturnType<typeof rangeControl>;
	#stepNumber!: HTMLInputElement;
	#playButton!: HTMLButtonElement;
	#speedSelect!: HTMLSelectElement;
	#unitSelect!: HTMLSelectElement;
	#windowBox!: HTMLDivElement;
	#windowSelect!: HTMLSelectElement;
	#busy!: HTMLParagraphElement;
	#now!: HTMLDivElement;
	#description!: HTMLParagraphElement;
	#note!: HTMLParagraphElement;
	#strip!: HTMLDivElement;
	#maps!: HTMLDivElement;
	#mapsBox!: HTMLDivElement;
	#line!: HTMLDivElement;
	#outputs = new Map<string, HTMLOutputElement>();

	connectedCallback(): void {
		if (this.dataset.ready !== undefined) return;
		this.#text = textFor(this.dataset.lang ?? document.documentElement.lang);
		const defaultModel = (this.dataset.model === 'char' ? 'char' : 'latch') as ModelName;
		this.#schema = stepperSchema(defaultModel);
		const anchor = this.closest('figure')?.id || 'sequence-stepper';
		this.#binding = urlBinding(this.#schema, 'seq', anchor);
		this.#state = this.#binding.load();
		this.#runs = new WorkerRuns<StepperCommand, StepperEvent>(
			() => new Worker(new URL('./stepper.worker.ts', import.meta.url), { type: 'module' }),
			(event) => void this.#onEvent(event),
			(message) => this.#fail(message),
		);
		this.#build();
		this.dataset.ready = '';
		// Colours come from CSS: redraw when the theme changes; redraw on a real width change.
		const themeObserver = new MutationObserver(() => this.#drawCharts());
		themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
		const resizeObserver = new ResizeObserver(() => {
			const w = this.#maps.clientWidth;
			if (Math.abs(w - this.#lastWidth) > 24) this.#drawCharts();
		});
		resizeObserver.observe(this.#maps);
		this.#observers.push(themeObserver, resizeObserver);
		this.#recompute(false);
	}

	disconnectedCallback(): void {
		this.#stop();
		this.#runs?.terminate();
		this.#binding?.cancel();
		for (const o of this.#observers) o.disconnect();
	}

	#build(): void {
		const t = this.#text;
		this.replaceChildren();

		const setup = el('div', 'ss-setup');
		const model = selectControl(
			t.model,
			(['latch', 'char'] as const).map((m) => ({ value: m, text: t.models[m] })),
			this.#state.model,
			(value) => {
				this.#state.model = value as ModelName;
				this.#state.t = 1;
				this.#state.unit = 1;
				this.#state.from = 1;
				this.#recompute();
			},
		);
		this.#modelSelect = model.select;

		this.#seed = integerControl({
			label: t.seed,
			min: 0,
			max: 2 ** 31 - 1,
			value: this.#state.seed,
			onChange: (v) => {
				this.#state.seed = v;
				this.#recompute();
			},
		});
		this.#seedBox = this.#seed.root;
		this.#seedBox.classList.add('ss-seed');

		this.#textBox = el('div', 'ss-text');
		const textId = uid('ss-text');
		const textLabel = el('label', 'w-label', t.text);
		textLabel.htmlFor = textId;
		this.#textInput = el('input', 'ss-text-input');
		this.#textInput.type = 'text';
		this.#textInput.id = textId;
		this.#textInput.maxLength = MAX_TEXT;
		this.#textInput.spellcheck = false;
		this.#textNote = el('p', 'ss-note');
		this.#textNote.id = uid('ss-text-note');
		this.#textInput.setAttribute('aria-describedby', this.#textNote.id);
		this.#replaced = el('p', 'ss-note');
		this.#textInput.addEventListener('input', () => {
			clearTimeout(this.#textTimer);
			this.#textTimer = setTimeout(() => this.#setText(this.#textInput.value), 300);
		});
		this.#textInput.addEventListener('change', () => {
			clearTimeout(this.#textTimer);
			this.#setText(this.#textInput.value);
		});
		this.#textBox.append(textLabel, this.#textInput, this.#textNote, this.#replaced);

		const tools = el('div', 'ss-tools');
		tools.append(
			copyLinkControl(t, () => this.#binding.link(this.#state)),
			button(t.reset, () => this.#reset()),
		);
		setup.append(model.root, this.#seedBox, tools);

		const transport = el('div', 'ss-transport');
		this.#step = rangeControl({
			label: t.stepSlider,
			min: 1,
			max: 2,
			step: 1,
			value: 1,
			onInput: (v) => {
				this.#stop();
				this.#goTo(v);
			},
		});
		this.#stepNumber = this.#step.root.querySelector('.w-number')!;
		this.#step.root.classList.add('ss-step');
		const back = button(t.back, () => {
			this.#stop();
			this.#goTo(this.#state.t - 1);
		});
		back.setAttribute('aria-keyshortcuts', 'ArrowLeft');
		this.#playButton = button(t.play, () => (this.#timer === undefined ? this.#play() : this.#stop()));
		this.#playButton.classList.add('ss-play');
		const forward = button(t.forward, () => {
			this.#stop();
			this.#goTo(this.#state.t + 1);
		});
		const speed = selectControl(
			t.speed,
			SPEEDS.map((s) => ({ value: s, text: s })),
			this.#state.speed,
			(value) => {
				this.#state.speed = value;
				if (this.#timer !== undefined) {
					this.#stop();
					this.#play();
				}
				this.#save();
			},
		);
		this.#speedSelect = speed.select;
		const buttons = el('div', 'ss-buttons');
		buttons.append(back, this.#playButton, forward, speed.root);
		transport.append(buttons, this.#step.root);

		const views = el('div', 'ss-views');
		const unit = selectControl(t.unit, [], '1', (value) => {
			this.#state.unit = Number(value);
			this.#drawLine();
			this.#showStep();
		});
		this.#unitSelect = unit.select;
		const win = selectControl(t.window, [], '1', (value) => {
			this.#state.from = Number(value);
			this.#drawCharts();
			this.#save();
		});
		this.#windowSelect = win.select;
		this.#windowBox = win.root;
		views.append(unit.root, win.root);

		this.#busy = el('p', 'ss-busy');
		this.#busy.setAttribute('role', 'status');
		this.#note = el('p', 'ss-note');
		this.#now = el('div', 'ss-now');
		this.#description = el('p', 'w-description ss-description');
		this.#description.setAttribute('aria-live', 'polite');
		this.#strip = el('div', 'ss-strip');
		this.#strip.setAttribute('aria-hidden', 'true');
		this.#maps = el('div', 'ss-maps');
		this.#maps.setAttribute('role', 'group');
		this.#maps.setAttribute('aria-label', t.heatmapsLabel);
		// The heatmaps hold thousands of <rect>s: in a shadow root the page's (Starlight's) selectors never
		// have to be matched against them, which keeps each redraw's style recalculation small.
		// A constructed stylesheet, not a <style>: the site's Content-Security-Policy allows no inline <style>
		// it has not hashed at build time, and CSSOM sheets are outside its reach.
		const shadow = this.#maps.attachShadow({ mode: 'open' });
		const sheet = new CSSStyleSheet();
		sheet.replaceSync(MAPS_CSS);
		shadow.adoptedStyleSheets = [sheet];
		this.#mapsBox = el('div', 'maps');
		shadow.append(this.#mapsBox);
		this.#line = el('div', 'w-chart ss-line');

		this.append(setup, this.#textBox, transport, views, this.#busy, this.#now, this.#description, this.#strip, this.#maps, this.#line, this.#note);

		this.addEventListener('keydown', (e) => {
			// ← / → step through time anywhere in the widget except inside fields that use the arrows themselves.
			const target = e.target as HTMLElement;
			if (target.matches('input, select, textarea')) return;
			if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
			e.preventDefault();
			this.#stop();
			this.#goTo(this.#state.t + (e.key === 'ArrowRight' ? 1 : -1));
		});
	}

	#setText(value: string): void {
		if (value === this.#state.text) return;
		this.#state.text = value;
		this.#state.t = 1;
		this.#recompute();
	}

	#reset(): void {
		this.#stop();
		this.#state = defaultState(this.#schema);
		this.#recompute();
	}

	/** Asks the worker to run the whole sequence through the chosen model; #onEvent draws the answer. */
	#recompute(save = true): void {
		this.#stop();
		const s = this.#state;
		this.#modelSelect.value = s.model;
		this.#seed.set(s.seed);
		this.#textInput.value = s.text;
		this.#speedSelect.value = s.speed;
		this.#seedBox.hidden = s.model !== 'latch';
		this.#textBox.hidden = s.model !== 'char';
		this.#busy.textContent = this.#text.computing;
		this.#saveWhenTraced = save;
		this.#runs.start({ type: 'trace', request: s.model === 'char' ? { model: 'char', text: s.text } : { model: 'latch', seed: s.seed } });
	}

	async #onEvent(event: StepperEvent): Promise<void> {
		if (event.type === 'error') return this.#fail(event.message);
		await this.#show(event);
	}

	#fail(message: string): void {
		this.#busy.textContent = `${this.#text.loadError} ${message}`;
	}

	/** Takes a trace from the worker: notes about the input, controls sized to it, charts, readouts. */
	async #show({ trace, replaced, bitsPerChar }: TraceResult): Promise<void> {
		const t = this.#text;
		if (trace.model === 'char') {
			this.#textNote.textContent = t.textNote(MAX_TEXT, (bitsPerChar ?? 0).toFixed(2));
			this.#replaced.textContent = replaced.length ? t.replaced(replaced.map(showChar).join(' ')) : '';
		}
		this.#trace = trace;
		this.#state = clampToTrace(this.#state, trace.steps.length, trace.hiddenSize);
		this.#busy.textContent = '';
		this.#note.textContent = trace.model === 'latch' ? t.latchNote : t.charNote;
		this.#configure(trace);
		this.#buildReadouts(trace);
		const drawn = await this.#drawCharts();
		if (!drawn || this.#trace !== trace) return;
		this.#showStep(this.#saveWhenTraced);
	}

	/** Slider range and the unit/window choices for this trace. */
	#configure(trace: Trace): void {
		const T = trace.steps.length;
		const H = trace.hiddenSize;
		for (const input of [this.#step.slider, this.#stepNumber]) input.max = String(T);
		this.#step.set(this.#state.t);
		this.#unitSelect.replaceChildren(
			...Array.from({ length: H }, (_, j) => {
				const o = el('option', '', this.#text.unitName(j + 1));
				o.value = String(j + 1);
				return o;
			}),
		);
		this.#unitSelect.value = String(this.#state.unit);
		const pages = Math.ceil(H / UNITS_PER_PAGE);
		this.#windowBox.hidden = pages <= 1;
		this.#windowSelect.replaceChildren(
			...Array.from({ length: pages }, (_, p) => {
				const a = p * UNITS_PER_PAGE + 1;
				const o = el('option', '', this.#text.windowName(a, Math.min(H, a + UNITS_PER_PAGE - 1)));
				o.value = String(a);
				return o;
			}),
		);
		this.#windowSelect.value = String(this.#state.from);
		// The character strip: one box per character read, the current one outlined.
		this.#strip.replaceChildren();
		this.#currentChar = -1;
		this.#strip.hidden = trace.model !== 'char';
		if (trace.model === 'char') {
			trace.steps.forEach((step, k) => {
				const span = el('span', 'ss-char', showChar(step.char ?? ''));
				span.addEventListener('click', () => {
					this.#stop();
					this.#goTo(k + 1);
				});
				this.#strip.append(span);
			});
		}
	}

	/** <output>s for the current step: the input, the predictions (char model), and each shown unit's numbers. */
	#buildReadouts(trace: Trace): void {
		const t = this.#text;
		this.#outputs.clear();
		this.#now.replaceChildren();
		const out = (name: string, key: string) => {
			const o = el('output');
			o.setAttribute('aria-label', name);
			o.setAttribute('aria-live', 'off');
			this.#outputs.set(key, o);
			return o;
		};
		const item = (label: string, o: HTMLOutputElement) => {
			const row = el('div', 'ss-item');
			const l = el('span', 'ss-item-label', label);
			l.setAttribute('aria-hidden', 'true');
			row.append(l, o);
			return row;
		};
		const inputs = el('div', 'ss-inputs');
		inputs.append(item('t', out('t', 't')));
		if (trace.model === 'latch') {
			CHANNELS.forEach((ch, k) => inputs.append(item(`x_t[${k + 1}] ${t.channel[ch]}`, out(`x_t[${k + 1}] (${t.channel[ch]})`, `x${k}`))));
		} else {
			inputs.append(item(t.inputChar, out(t.inputChar, 'char')));
			for (let k = 1; k <= 3; k++) inputs.append(item(t.prediction(k), out(t.prediction(k), `top${k}`)));
		}
		const table = el('table', 'ss-table');
		const head = el('tr');
		const corner = el('th', '', t.quantity);
		corner.scope = 'col';
		head.append(corner);
		const units = trace.model === 'latch' ? Array.from({ length: trace.hiddenSize }, (_, j) => j + 1) : [this.#state.unit];
		for (const j of units) {
			const th = el('th', 'ss-unit-head', t.unitName(j));
			th.scope = 'col';
			head.append(th);
		}
		const thead = el('thead');
		thead.append(head);
		const tbody = el('tbody');
		for (const s of SERIES) {
			const tr = el('tr');
			const th = el('th', '', t.series[s]);
			th.scope = 'row';
			tr.append(th);
			units.forEach((j, col) => {
				const td = el('td');
				td.append(out(`${SERIES_SYMBOL[s]}[${j}]`, `${s}:${col}`));
				tr.append(td);
			});
			tbody.append(tr);
		}
		table.append(thead, tbody);
		const wrap = el('div', 'ss-table-wrap');
		wrap.append(table);
		this.#now.append(inputs, wrap);
	}

	#colors(): { lo: string; hi: string; neg: string; mid: string; pos: string } {
		const css = getComputedStyle(this);
		const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
		return {
			lo: v('--ss-seq-lo', '#f1f5f9'),
			hi: v('--ss-seq-hi', '#1e3a8a'),
			neg: v('--ss-div-neg', '#c2410c'),
			mid: v('--ss-div-mid', '#f8fafc'),
			pos: v('--ss-div-pos', '#0f766e'),
		};
	}

	/**
	 * Draws every heatmap (one per animation frame, so the page stays responsive) and the line chart.
	 * Resolves false if a newer drawing superseded this one before it finished.
	 */
	async #drawCharts(): Promise<boolean> {
		const trace = this.#trace;
		if (!trace) return false;
		const token = ++this.#drawToken;
		const t = this.#text;
		const T = trace.steps.length;
		const H = trace.hiddenSize;
		const from = this.#state.from;
		const to = Math.min(H, from + UNITS_PER_PAGE - 1);
		const colors = this.#colors();
		const width = Math.max(260, this.#maps.clientWidth || 640);
		this.#lastWidth = this.#maps.clientWidth;
		const fontSize = (this.#fontSize = parseFloat(getComputedStyle(this).fontSize) || 16);
		const rowHeight = Math.max(12, Math.round(fontSize * (trace.model === 'latch' ? 1.4 : 0.9)));
		const ts = Array.from({ length: T }, (_, k) => k + 1);
		const tickEvery = Math.max(1, Math.ceil(T / Math.max(4, Math.floor(width / (fontSize * 3)))));
		const ticks = ts.filter((x) => x === 1 || x % tickEvery === 0);
		const maps: Heatmap[] = [];
		const figures: HTMLElement[] = [];

		type Row = { t: number; row: string; v: number };
		const panels: { key: string; name: string; rows: string[]; data: Row[]; kind: 'sequential' | 'diverging'; extent: number }[] = [];
		if (trace.model === 'latch') {
			const rows = CHANNELS.map((c) => t.channel[c]);
			const data = trace.steps.flatMap((s, k) => s.x.map((v, c) => ({ t: k + 1, row: rows[c], v })));
			panels.push({ key: 'x', name: t.input + ' x_t', rows, data, kind: 'diverging', extent: 1 });
		}
		for (const s of SERIES) {
			const rows = Array.from({ length: to - from + 1 }, (_, k) => String(from + k));
			const data: Row[] = [];
			trace.steps.forEach((step, k) => {
				for (let j = from; j <= to; j++) data.push({ t: k + 1, row: String(j), v: step[s][j - 1] });
			});
			// C_t is unbounded: scale its colours to the 95th percentile of |C| (at least 1) and saturate beyond,
			// so one large unit does not wash out the others.
			const sizes = data.map((d) => Math.abs(d.v)).sort((a, b) => a - b);
			const extent = s === 'c' ? Math.max(1, sizes[Math.floor(0.95 * (sizes.length - 1))] ?? 1) : 1;
			panels.push({ key: s, name: t.series[s], rows, data, kind: SEQUENTIAL.has(s) ? 'sequential' : 'diverging', extent });
		}

		for (const panel of panels) {
			if (token !== this.#drawToken) return false;
			const lo = panel.kind === 'sequential' ? 0 : -panel.extent;
			const hi = panel.kind === 'sequential' ? 1 : panel.extent;
			const values = panel.data.map((d) => d.v);
			const label = (step: number) =>
				panel.key === 'x'
					? t.inputAria(T, step)
					: t.heatmapAria(panel.name, from, to, T, step, formatNumber(Math.min(...values)), formatNumber(Math.max(...values)));
			const ariaLabel = label(this.#state.t);
			const svg = plotChart({
				width,
				height: panel.rows.length * rowHeight + 30,
				marginLeft: fontSize * 3.6,
				marginTop: 4,
				marginBottom: 24,
				marginRight: 6,
				style: { background: 'transparent', color: 'currentColor', fontSize: `${Math.round(fontSize * 0.75)}px`, overflow: 'visible' },
				ariaLabel,
				x: { type: 'band', domain: ts, ticks, label: null, padding: 0, tickSize: 3 },
				y: { type: 'band', domain: panel.rows, label: null, padding: 0.06, tickSize: 0 },
				color:
					panel.kind === 'sequential'
						? { type: 'linear', domain: [lo, hi], range: [colors.lo, colors.hi], clamp: true }
						: { type: 'linear', domain: [lo, 0, hi], range: [colors.neg, colors.mid, colors.pos], clamp: true },
				marks: [Plot.cell(panel.data, { x: 't', y: 'row', fill: 'v', inset: 0.25 })],
			}) as unknown as SVGSVGElement & { scale(name: string): { apply(v: unknown): number; bandwidth?: number; range?: number[] } };
			dropGroupLabels(svg);
			const xs = svg.scale('x');
			const ys = svg.scale('y');
			const [y0, y1] = ys.range ?? [0, 0];
			const marker = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
			marker.setAttribute('class', 'ss-marker');
			marker.setAttribute('y', String(Math.min(y0, y1) - 1));
			marker.setAttribute('height', String(Math.abs(y1 - y0) + 2));
			marker.setAttribute('width', String(Math.max(2, xs.bandwidth ?? 4)));
			marker.setAttribute('aria-hidden', 'true');
			svg.append(marker);
			maps.push({ svg, label, marker, x: (v: number) => xs.apply(v) });
			marker.setAttribute('x', String(xs.apply(this.#state.t)));
			const figure = el('div', 'ss-map');
			// Title with a small colour key: the lowest value, the ramp, the highest (the svg's label says the same).
			const title = el('p', 'ss-map-title', panel.name);
			title.setAttribute('aria-hidden', 'true');
			const key = el('span', `key key-${panel.kind}`);
			const ends = panel.key === 'x' ? ['−1', '1'] : [formatNumber(lo, panel.extent === 1 ? 0 : 1), formatNumber(hi, panel.extent === 1 ? 0 : 1)];
			key.append(el('span', '', ends[0]), el('span', 'ramp'), el('span', '', ends[1]));
			title.append(key);
			figure.append(title, svg);
			// Swap panels in one at a time, so layout and paint are spread over frames too.
			const k = figures.length;
			const old = this.#mapsBox.children[k];
			if (old) old.replaceWith(figure);
			else this.#mapsBox.append(figure);
			figures.push(figure);
			this.#heatmaps = [...maps, ...this.#heatmaps.slice(maps.length)];
			await nextFrame();
		}
		if (token !== this.#drawToken) return false;
		while (this.#mapsBox.children.length > figures.length) this.#mapsBox.lastElementChild!.remove();
		this.#heatmaps = maps;
		this.#drawLine();
		this.#moveMarkers();
		return true;
	}

	/** C_t of the chosen unit over time; the current step's rule and dot are moved by #moveMarkers. */
	#drawLine(): void {
		const trace = this.#trace;
		if (!trace) return;
		const j = this.#state.unit;
		const data = trace.steps.map((s, k) => ({ t: k + 1, c: s.c[j - 1] }));
		const cs = data.map((d) => d.c);
		const width = Math.max(260, this.#line.clientWidth || 640);
		const fontSize = this.#fontSize;
		const chart = plotChart({
			width,
			height: Math.round(fontSize * 11),
			marginLeft: fontSize * 3.6,
			marginRight: 10,
			marginBottom: Math.round(fontSize * 2.6),
			style: { background: 'transparent', color: 'currentColor', fontSize: `${Math.round(fontSize * 0.75)}px`, overflow: 'visible' },
			// The axis name sits centred under the ticks, clear of the last tick label.
			x: { domain: [1, Math.max(2, data.length)], label: 't', labelAnchor: 'center', labelArrow: 'none', grid: false },
			y: { label: `C_t[${j}]`, grid: true, domain: [Math.min(-1, ...cs), Math.max(1, ...cs)] },
			marks: [
				Plot.ruleY([0], { strokeOpacity: 0.4 }),
				Plot.line(data, { x: 't', y: 'c', stroke: 'currentColor', strokeWidth: 2, className: 'ss-line-c' }),
			],
		}) as unknown as SVGSVGElement & { scale(name: string): { apply(v: unknown): number; range?: number[] } };
		dropGroupLabels(chart);
		const xs = chart.scale('x');
		const ys = chart.scale('y');
		const [y0, y1] = ys.range ?? [0, 0];
		const svgNs = 'http://www.w3.org/2000/svg';
		const rule = document.createElementNS(svgNs, 'line');
		rule.setAttribute('class', 'ss-line-now');
		rule.setAttribute('y1', String(y0));
		rule.setAttribute('y2', String(y1));
		const dot = document.createElementNS(svgNs, 'circle');
		dot.setAttribute('class', 'ss-line-dot');
		dot.setAttribute('r', '5');
		chart.append(rule, dot);
		const text = this.#text;
		const range = [formatNumber(Math.min(...cs)), formatNumber(Math.max(...cs))];
		this.#lineMarker = (t: number) => {
			const x = String(xs.apply(t));
			rule.setAttribute('x1', x);
			rule.setAttribute('x2', x);
			dot.setAttribute('cx', x);
			dot.setAttribute('cy', String(ys.apply(cs[t - 1])));
			chart.setAttribute('aria-label', text.lineAria(j, data.length, t, formatNumber(cs[t - 1]), range[0], range[1]));
		};
		this.#lineMarker(this.#state.t);
		const title = el('p', 'ss-map-title', this.#text.lineTitle(j));
		title.setAttribute('aria-hidden', 'true');
		this.#line.replaceChildren(title, chart);
	}

	#moveMarkers(): void {
		const t = this.#state.t;
		for (const m of this.#heatmaps) {
			m.marker.setAttribute('x', String(m.x(t)));
			m.svg.setAttribute('aria-label', m.label(t));
		}
		this.#lineMarker(t);
	}

	#goTo(t: number): void {
		const T = this.#trace?.steps.length ?? 1;
		const next = Math.min(T, Math.max(1, Math.round(t)));
		if (next === this.#state.t) return;
		this.#state.t = next;
		this.#showStep();
	}

	/** Refreshes everything that depends on the current step. */
	#showStep(save = true): void {
		const trace = this.#trace;
		if (!trace) return;
		const t = this.#state.t;
		const T = trace.steps.length;
		const step = trace.steps[t - 1];
		const txt = this.#text;
		this.#step.set(t);
		this.#moveMarkers();
		const set = (key: string, value: string) => {
			const o = this.#outputs.get(key);
			if (o) o.value = value;
		};
		set('t', `${t} / ${T}`);
		const unitValues = (j: number) =>
			Object.fromEntries(SERIES.map((s) => [s, formatNumber(step[s][j - 1])])) as Record<Series, string>;
		if (trace.model === 'latch') {
			step.x.forEach((v, k) => set(`x${k}`, k === 0 ? formatNumber(v, 2) : String(v)));
			for (let j = 1; j <= trace.hiddenSize; j++) for (const s of SERIES) set(`${s}:${j - 1}`, formatNumber(step[s][j - 1]));
			const units = Array.from({ length: trace.hiddenSize }, (_, k) => txt.describeUnit(k + 1, unitValues(k + 1)));
			this.#description.textContent = txt.describeLatch(t, T, step.x.map((v, k) => (k === 0 ? formatNumber(v, 2) : String(v))), units);
		} else {
			const j = this.#state.unit;
			set('char', showChar(step.char ?? ''));
			(step.top ?? []).forEach((p, k) => set(`top${k + 1}`, `${showChar(p.char)} ${(p.p * 100).toFixed(1)} %`));
			for (const s of SERIES) set(`${s}:0`, formatNumber(step[s][j - 1]));
			const heads = this.#now.querySelectorAll('.ss-unit-head');
			if (heads[0]) heads[0].textContent = txt.unitName(j);
			for (const s of SERIES) this.#outputs.get(`${s}:0`)?.setAttribute('aria-label', `${SERIES_SYMBOL[s]}[${j}]`);
			const top = (step.top ?? []).map((p) => `“${showChar(p.char)}” ${(p.p * 100).toFixed(1)} %`).join(txt.listSeparator);
			this.#description.textContent = txt.describeChar(t, T, showChar(step.char ?? ''), txt.describeUnit(j, unitValues(j)), top);
			this.#strip.children[this.#currentChar]?.classList.remove('ss-current');
			this.#strip.children[t - 1]?.classList.add('ss-current');
			this.#currentChar = t - 1;
		}
		if (save) this.#save();
	}

	#play(): void {
		const T = this.#trace?.steps.length ?? 1;
		if (this.#state.t >= T) this.#goTo(1);
		this.#playButton.textContent = this.#text.pause;
		const interval = 1000 / Number(this.#state.speed);
		// With prefers-reduced-motion the steps still advance; CSS turns the marker's glide off.
		this.#timer = setInterval(() => {
			const T2 = this.#trace?.steps.length ?? 1;
			if (this.#state.t >= T2) return this.#stop();
			this.#goTo(this.#state.t + 1);
		}, interval);
	}

	#stop(): void {
		if (this.#timer !== undefined) clearInterval(this.#timer);
		this.#timer = undefined;
		if (this.#playButton) this.#playButton.textContent = this.#text.play;
	}

	#save(): void {
		this.#binding.saveSoon(this.#state);
	}
}

if (!customElements.get('sequence-stepper')) customElements.define('sequence-stepper', SequenceStepperElement);
