/**
 * <sequence-stepper>: the live part of the sequence stepper (chapters 2 and 3), on the widget runtime
 * (declaration.ts; markup in components/SequenceStepper.astro).
 *
 * A sequence runs through a small LSTM (model.ts): every step's gates, C_t and h_t are computed with the
 * engine by the stepper's service in the compute worker, which also loads the character checkpoint.
 * Heatmaps (Observable Plot cell marks) show each quantity per unit over time with the current step
 * outlined; a line chart follows C_t of one unit; <output>s and a sentence give the numbers at the current
 * step. Step, speed and every choice live in the URL.
 *
 * Event, for diagrams that follow the stepper (the unrolled chain): whenever the shown step changes (or a
 * new trace replaces the old one), the element dispatches a bubbling `stepper-state` CustomEvent with
 *
 *   detail: {
 *     t: number,            // the step shown, 0-based (the widget's "Step t" is t + 1)
 *     T: number,            // steps in the sequence
 *     inputs: string[],     // [T] the symbol read at each step: the character (char model), or the latch's
 *                           //     value and the flags that fire, e.g. "−0.65 write" (page language)
 *     c: number[][],        // [T][H] C_t at each step
 *     h: number[][],        // [T][H] h_t at each step
 *     gates: { i, f, g, o: number[][] },   // [T][H] each gate (g is the candidate C̃_t)
 *   }
 *
 * The arrays are frozen and shared by every event of one trace; `lastState` holds the latest detail, for a
 * listener that arrives after the first event.
 */
import * as Plot from '@observablehq/plot';
import { PLOT_RULES, plotChart } from '../shared/plot.ts';
import { WidgetElement, defineElement } from '../runtime/element.ts';
import type { WorkerChannel } from '../runtime/channel.ts';
import { stepperDeclaration } from './declaration.ts';
import { CHANNELS, SEQUENTIAL, SERIES, UNITS_PER_PAGE, clampToTrace, formatNumber, showChar, type Series, type Trace } from './model.ts';
import { SERIES_SYMBOL, textFor, type StepperText } from './labels.ts';
import { isStepperEvent, type StepperCommand, type StepperEvent } from './protocol.ts';

/** Quiet time after the last keystroke in the text field before the text is traced. */
const TEXT_DELAY_MS = 300;

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

/** What `stepper-state` carries (see the module comment). */
export interface StepperStateDetail {
	t: number;
	T: number;
	inputs: readonly string[];
	c: readonly (readonly number[])[];
	h: readonly (readonly number[])[];
	gates: Record<'i' | 'f' | 'g' | 'o', readonly (readonly number[])[]>;
}

/**
 * Plot names each mark's <g> with aria-label ("cell", "line", "x-axis tick"); a <g> has no role, so those
 * names are not allowed. The chart's own aria-label on the <svg> carries the text alternative instead.
 */
function dropGroupLabels(svg: Element): void {
	for (const g of svg.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
}

/** An element of a chart's frame (titles, colour keys), not a control. */
function node<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
	const e = document.createElement(tag);
	e.className = className;
	if (text !== undefined) e.textContent = text;
	return e;
}

function nextFrame(): Promise<void> {
	return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

interface Heatmap {
	svg: SVGSVGElement;
	/** Text alternative for step t. */
	label: (t: number) => string;
	marker: SVGRectElement;
	x: (t: number) => number;
}

type StepperSchema = ReturnType<typeof stepperDeclaration>['schema'];

export class SequenceStepperElement extends WidgetElement<StepperSchema> {
	/** The figure's own default model decides the schema (declaration.ts). */
	protected get declaration() {
		return stepperDeclaration(this.dataset.model === 'char' ? 'char' : 'latch');
	}

	/** The detail of the last `stepper-state` event, or null before the first trace is shown. */
	lastState: StepperStateDetail | null = null;

	#text: StepperText = textFor('en');
	#channel!: WorkerChannel<StepperCommand, StepperEvent>;
	#trace: Trace | null = null;
	/** A trace was asked for and has not arrived: what is drawn is about to be replaced. */
	#pending = false;
	/** The trace is drawn and steps can be shown (false while a trace is computed or drawn). */
	#ready = false;
	#stateOfTrace: Omit<StepperStateDetail, 't'> | null = null;
	#drawToken = 0;
	#timer: ReturnType<typeof setInterval> | undefined;
	/** Playing when the tab was hidden: play again when it is shown. */
	#resumeOnShow = false;
	#textTimer: ReturnType<typeof setTimeout> | undefined;
	#heatmaps: Heatmap[] = [];
	#lastWidth = 0;
	#observers: { disconnect(): void }[] = [];
	/** Font size in px when the charts were drawn: they scale with it (projectors, zoom). */
	#fontSize = 16;
	#lineMarker: (t: number) => void = () => {};
	#currentChar = -1;

	#playButton!: HTMLButtonElement;
	#unitSelect!: HTMLSelectElement;
	#windowField!: HTMLElement;
	#windowSelect!: HTMLSelectElement;
	#busy!: HTMLElement;
	#description!: HTMLElement;
	#note!: HTMLElement;
	#replaced!: HTMLElement;
	#strip!: HTMLElement;
	#mapsHost!: HTMLElement;
	#mapsBox!: HTMLElement;
	#line!: HTMLElement;
	#outputs = new Map<string, HTMLOutputElement>();

	protected hydrate(): void {
		this.#text = textFor(this.pageLang);
		const q = <T extends Element>(selector: string) => this.querySelector<T>(selector)!;
		this.#playButton = q('[data-play]');
		this.#unitSelect = q('[data-unit]');
		this.#windowSelect = q('[data-window]');
		this.#windowField = q('[data-window-field]');
		this.#busy = q('[data-busy]');
		this.#description = q('[data-description]');
		this.#note = q('[data-note]');
		this.#replaced = q('[data-replaced]');
		this.#strip = q('[data-strip]');
		this.#mapsHost = q('[data-maps]');
		this.#line = q('[data-line]');
		for (const out of this.querySelectorAll<HTMLOutputElement>('output[data-out]')) this.#outputs.set(out.dataset.out!, out);

		// The heatmaps hold thousands of <rect>s: in a shadow root the page's (Starlight's) selectors never
		// have to be matched against them, which keeps each redraw's style recalculation small.
		// A constructed stylesheet, not a <style>: the site's Content-Security-Policy allows no inline <style>
		// it has not hashed at build time, and CSSOM sheets are outside its reach.
		const shadow = this.#mapsHost.shadowRoot ?? this.#mapsHost.attachShadow({ mode: 'open' });
		const sheet = new CSSStyleSheet();
		sheet.replaceSync(MAPS_CSS);
		shadow.adoptedStyleSheets = [sheet];
		this.#mapsBox = node('div', 'maps');
		shadow.replaceChildren(this.#mapsBox);

		this.#wire();
		this.#channel = this.channel<StepperCommand, StepperEvent>({ isEvent: isStepperEvent, onEvent: (event) => void this.#show(event) });
		this.#retrace();
	}

	#wire(): void {
		const signal = this.signal;
		for (const b of this.querySelectorAll<HTMLButtonElement>('[data-step]')) {
			b.addEventListener('click', () => this.#stepBy(Number(b.dataset.step)), { signal });
		}
		this.#playButton.addEventListener('click', () => (this.#timer === undefined ? this.#play() : this.#stop()), { signal });
		this.#unitSelect.addEventListener('change', () => this.update({ unit: Number(this.#unitSelect.value) }), { signal });
		this.#windowSelect.addEventListener('change', () => this.update({ from: Number(this.#windowSelect.value) }), { signal });
		this.#strip.addEventListener(
			'click',
			(e) => {
				const k = [...this.#strip.children].indexOf(e.target as Element);
				if (k >= 0) {
					this.#stop();
					this.#goTo(k + 1);
				}
			},
			{ signal },
		);
		this.addEventListener(
			'keydown',
			(e) => {
				// ← / → step through time anywhere in the widget except inside fields that use the arrows themselves.
				if ((e.target as HTMLElement).matches('input, select, textarea')) return;
				if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
				e.preventDefault();
				this.#stepBy(e.key === 'ArrowRight' ? 1 : -1);
			},
			{ signal },
		);
		// Colours come from CSS: redraw when the theme changes; redraw on a real width change.
		const themeObserver = new MutationObserver(() => void this.#drawCharts());
		themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
		const resizeObserver = new ResizeObserver(() => {
			if (Math.abs(this.#mapsHost.clientWidth - this.#lastWidth) > 24) void this.#drawCharts();
		});
		resizeObserver.observe(this.#mapsHost);
		this.#observers.push(themeObserver, resizeObserver);
	}

	protected changed(keys: (keyof StepperSchema & string)[], commit: boolean): void {
		clearTimeout(this.#textTimer);
		if (keys.length === 1 && keys[0] === 'text' && !commit) {
			this.#textTimer = setTimeout(() => this.#retrace({ fromStart: true }), TEXT_DELAY_MS);
			return;
		}
		if (keys.some((k) => k === 'model' || k === 'seed' || k === 'text')) {
			// A new model starts at its first step and unit; a new text at its first character.
			return this.#retrace({ fromStart: true, firstUnit: keys.includes('model') });
		}
		if (keys.includes('speed') && this.#timer !== undefined) {
			this.#stop();
			this.#play();
		}
		if (!this.#ready) return; // applied when the trace is drawn
		if (keys.includes('from')) return void this.#drawCharts();
		if (keys.includes('unit')) this.#drawLine();
		if (keys.includes('unit') || keys.includes('t')) this.#showStep();
	}

	protected onFault(): void {
		// The runtime shows what happened and a Restart; nothing may keep saying "Computing…".
		this.#stop();
		this.#busy.textContent = '';
	}

	protected onRestart(): void {
		this.#retrace();
	}

	protected onHidden(): void {
		if (this.#timer === undefined) return;
		this.#stop();
		this.#resumeOnShow = true;
	}

	protected onVisible(): void {
		if (!this.#resumeOnShow) return;
		this.#resumeOnShow = false;
		this.#play();
	}

	protected teardown(): void {
		this.#stop();
		clearTimeout(this.#textTimer);
		for (const o of this.#observers) o.disconnect();
		this.#observers = [];
		this.#ready = false;
	}

	/** Asks the service to run the whole sequence through the chosen model; #show draws the answer. */
	#retrace({ fromStart = false, firstUnit = false } = {}): void {
		this.#stop();
		this.#ready = false;
		this.#pending = true;
		const s = this.state;
		this.fields.seed!.root.hidden = s.model !== 'latch';
		for (const part of this.querySelectorAll<HTMLElement>('[data-for-model]')) part.hidden = part.dataset.forModel !== s.model;
		if (fromStart) this.update(firstUnit ? { t: 1, unit: 1, from: 1 } : { t: 1 });
		if (this.#channel.dead) return; // Restart traces it
		this.#busy.textContent = this.#text.computing;
		this.#channel.start({ type: 'trace', request: s.model === 'char' ? { model: 'char', text: s.text } : { model: 'latch', seed: s.seed } });
	}

	/** Takes a trace from the service: notes about the input, controls sized to it, charts, readouts. */
	async #show({ trace, replaced }: StepperEvent): Promise<void> {
		const t = this.#text;
		this.#trace = trace;
		this.#pending = false;
		this.#stateOfTrace = null;
		this.#replaced.textContent = trace.model === 'char' && replaced.length ? t.replaced(replaced.map(showChar).join(' ')) : '';
		this.#busy.textContent = '';
		this.#note.textContent = trace.model === 'latch' ? t.latchNote : t.charNote;
		this.#configure(trace);
		const { t: step, unit, from } = clampToTrace(this.state, trace.steps.length, trace.hiddenSize);
		this.update({ t: step, unit, from });
		this.#unitSelect.value = String(this.state.unit);
		this.#windowSelect.value = String(this.state.from);
		await this.#drawCharts();
	}

	/** The step field's range, the units and heatmap windows this trace has, and the character strip. */
	#configure(trace: Trace): void {
		const T = trace.steps.length;
		const H = trace.hiddenSize;
		// The step field was built for the longest text; its bounds follow the trace (issue: typing 7 gave 2).
		this.fields.t!.setBounds(1, T);
		for (const option of this.#unitSelect.options) option.hidden = option.disabled = Number(option.value) > H;
		const pages = Math.ceil(H / UNITS_PER_PAGE);
		this.#windowField.hidden = pages <= 1;
		for (const option of this.#windowSelect.options) option.hidden = option.disabled = Number(option.value) > H;
		this.#currentChar = -1;
		this.#strip.replaceChildren(...(trace.model === 'char' ? trace.steps.map((step) => node('span', 'ss-char', showChar(step.char ?? ''))) : []));
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
	 * Draws every heatmap (one per animation frame, so the page stays responsive) and the line chart, then
	 * shows the current step. A newer drawing (a resize, the theme, another window of units) supersedes this
	 * one: it stops, and the newer one finishes the job.
	 */
	async #drawCharts(): Promise<boolean> {
		const trace = this.#trace;
		if (!trace) return false;
		const token = ++this.#drawToken;
		const t = this.#text;
		const T = trace.steps.length;
		const H = trace.hiddenSize;
		const from = this.state.from;
		const to = Math.min(H, from + UNITS_PER_PAGE - 1);
		const colors = this.#colors();
		const width = Math.max(260, this.#mapsHost.clientWidth || 640);
		this.#lastWidth = this.#mapsHost.clientWidth;
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
			const svg = plotChart({
				width,
				height: panel.rows.length * rowHeight + 30,
				marginLeft: fontSize * 3.6,
				marginTop: 4,
				marginBottom: 24,
				marginRight: 6,
				style: { background: 'transparent', color: 'currentColor', fontSize: `${Math.round(fontSize * 0.75)}px`, overflow: 'visible' },
				ariaLabel: label(this.state.t),
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
			marker.setAttribute('x', String(xs.apply(this.state.t)));
			svg.append(marker);
			maps.push({ svg, label, marker, x: (v: number) => xs.apply(v) });
			const figure = node('div', 'ss-map');
			// Title with a small colour key: the lowest value, the ramp, the highest (the svg's label says the same).
			const title = node('p', 'ss-map-title', panel.name);
			title.setAttribute('aria-hidden', 'true');
			const key = node('span', `key key-${panel.kind}`);
			const ends = panel.key === 'x' ? ['−1', '1'] : [formatNumber(lo, panel.extent === 1 ? 0 : 1), formatNumber(hi, panel.extent === 1 ? 0 : 1)];
			key.append(node('span', '', ends[0]), node('span', 'ramp'), node('span', '', ends[1]));
			title.append(key);
			figure.append(title, svg);
			// Swap panels in one at a time, so layout and paint are spread over frames too.
			const old = this.#mapsBox.children[figures.length];
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
		if (!this.#pending) {
			this.#ready = true;
			this.#showStep();
		}
		return true;
	}

	/** C_t of the chosen unit over time; the current step's rule and dot are moved by #moveMarkers. */
	#drawLine(): void {
		const trace = this.#trace;
		if (!trace) return;
		const j = this.state.unit;
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
		this.#lineMarker(this.state.t);
		const title = node('p', 'ss-map-title', this.#text.lineTitle(j));
		title.setAttribute('aria-hidden', 'true');
		this.#line.replaceChildren(title, chart);
	}

	#moveMarkers(): void {
		const t = this.state.t;
		for (const m of this.#heatmaps) {
			m.marker.setAttribute('x', String(m.x(t)));
			m.svg.setAttribute('aria-label', m.label(t));
		}
		this.#lineMarker(t);
	}

	#stepBy(delta: number): void {
		this.#stop();
		this.#goTo(this.state.t + delta);
	}

	#goTo(t: number): void {
		const T = this.#trace?.steps.length ?? 1;
		this.update({ t: Math.min(T, Math.max(1, Math.round(t))) });
	}

	/** Refreshes everything that depends on the current step, and tells listeners (stepper-state). */
	#showStep(): void {
		const trace = this.#trace;
		if (!trace || !this.#ready) return;
		const t = this.state.t;
		const T = trace.steps.length;
		const step = trace.steps[t - 1];
		const txt = this.#text;
		this.#moveMarkers();
		const set = (key: string, value: string) => {
			const o = this.#outputs.get(key);
			if (o) o.value = value;
		};
		set('t', `${t} / ${T}`);
		const unitValues = (j: number) => Object.fromEntries(SERIES.map((s) => [s, formatNumber(step[s][j - 1])])) as Record<Series, string>;
		if (trace.model === 'latch') {
			const x = step.x.map((v, k) => (k === 0 ? formatNumber(v, 2) : String(v)));
			x.forEach((v, k) => set(`x${k}`, v));
			for (let j = 1; j <= trace.hiddenSize; j++) for (const s of SERIES) set(`latch:${s}:${j - 1}`, formatNumber(step[s][j - 1]));
			const units = Array.from({ length: trace.hiddenSize }, (_, k) => txt.describeUnit(k + 1, unitValues(k + 1)));
			this.#description.textContent = txt.describeLatch(t, T, x, units);
		} else {
			const j = this.state.unit;
			set('char', showChar(step.char ?? ''));
			(step.top ?? []).forEach((p, k) => set(`top${k + 1}`, `${showChar(p.char)} ${(p.p * 100).toFixed(1)} %`));
			for (const s of SERIES) {
				set(`char:${s}:0`, formatNumber(step[s][j - 1]));
				this.#outputs.get(`char:${s}:0`)?.setAttribute('aria-label', `${SERIES_SYMBOL[s]}[${j}]`);
			}
			const head = this.querySelector('[data-for-model="char"] .ss-unit-head');
			if (head) head.textContent = txt.unitName(j);
			const top = (step.top ?? []).map((p) => `“${showChar(p.char)}” ${(p.p * 100).toFixed(1)} %`).join(txt.listSeparator);
			this.#description.textContent = txt.describeChar(t, T, showChar(step.char ?? ''), txt.describeUnit(j, unitValues(j)), top);
			this.#strip.children[this.#currentChar]?.classList.remove('ss-current');
			this.#strip.children[t - 1]?.classList.add('ss-current');
			this.#currentChar = t - 1;
		}
		this.#announce(trace, t - 1);
	}

	/** Dispatches stepper-state when the shown step, or the trace under it, changed. */
	#announce(trace: Trace, t: number): void {
		if (this.#stateOfTrace && this.lastState?.t === t) return;
		this.#stateOfTrace ??= this.#traceState(trace);
		this.lastState = Object.freeze({ ...this.#stateOfTrace, t });
		this.dispatchEvent(new CustomEvent<StepperStateDetail>('stepper-state', { bubbles: true, detail: this.lastState }));
	}

	#traceState(trace: Trace): Omit<StepperStateDetail, 't'> {
		const series = (s: Series) => Object.freeze(trace.steps.map((step) => Object.freeze(Array.from(step[s]))));
		const ch = this.#text.channel;
		const inputs = trace.steps.map((step) => {
			if (trace.model === 'char') return step.char ?? '';
			const flags = CHANNELS.slice(1).filter((_, k) => step.x[k + 1] === 1).map((name) => ch[name]);
			return [formatNumber(step.x[0], 2), ...flags].join(' ');
		});
		return Object.freeze({
			T: trace.steps.length,
			inputs: Object.freeze(inputs),
			c: series('c'),
			h: series('h'),
			gates: Object.freeze({ i: series('i'), f: series('f'), g: series('g'), o: series('o') }),
		});
	}

	#play(): void {
		const T = this.#trace?.steps.length ?? 1;
		if (this.state.t >= T) this.#goTo(1);
		this.#playButton.textContent = this.#text.pause;
		const interval = 1000 / Number(this.state.speed);
		// With prefers-reduced-motion the steps still advance; CSS turns the marker's glide off.
		this.#timer = setInterval(() => {
			const last = this.#trace?.steps.length ?? 1;
			if (this.state.t >= last) return this.#stop();
			this.#goTo(this.state.t + 1);
		}, interval);
	}

	#stop(): void {
		if (this.#timer !== undefined) clearInterval(this.#timer);
		this.#timer = undefined;
		this.#resumeOnShow = false;
		if (this.#playButton) this.#playButton.textContent = this.#text.play;
	}
}

defineElement('sequence-stepper', SequenceStepperElement);
