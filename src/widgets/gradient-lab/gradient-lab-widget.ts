/**
 * <gradient-lab>: the live part of the gradient lab (chapters 1.2 and 4). Loaded lazily by
 * components/GradientLab.astro when the figure comes on screen.
 *
 * Every change of a control asks the worker for the gradient norms of both models (model.ts); at most one
 * request is in flight, and the newest settings are sent when it returns, so dragging a slider never queues
 * stale work. The chart (Observable Plot, log y), the sentence under it, the readouts and the table of
 * sampled values all show the same returned numbers.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import { button, checkboxControl, copyLinkControl, el, integerControl, rangeControl, selectControl, uid, urlBinding } from '../shared/dom.ts';
import { defaultState } from '../shared/url-state.ts';
import { WorkerChannel } from '../runtime/channel.ts';
import { MODELS, QUANTITIES, T_MAX, T_MIN, firstToLastRatio, formatSci, sampleSteps, type GradientResult, type Quantity } from './model.ts';
import { MODEL_NAMES, SYMBOLS, textFor, type GradientLabText } from './labels.ts';
import { ANCHOR_ID, FORGET_BIAS, HIDDEN_SIZES, MAX_NORM, SCALE, SCHEMA, SEED_MAX, URL_PREFIX, quantityOf, settingsOf, type LabState } from './state.ts';
import { isLabEvent, type LabCommand, type LabEvent } from './protocol.ts';

/** The LSTM is dashed so colour is not the only cue; colours come from CSS classes gl-mark-rnn / gl-mark-lstm. */
const DASH = { rnn: undefined, lstm: '6,4' } as const;

export class GradientLabElement extends HTMLElement {
	#text: GradientLabText = textFor('en');
	#binding = urlBinding(SCHEMA, URL_PREFIX, ANCHOR_ID);
	#state: LabState = defaultState(SCHEMA);
	#runs!: WorkerChannel<LabCommand, LabEvent>;
	#busy = false;
	#dirty = false;
	#setters: Array<(s: LabState) => void> = [];
	#maxNormRoot!: HTMLElement;
	#chart!: HTMLDivElement;
	#status!: HTMLParagraphElement;
	#description!: HTMLParagraphElement;
	#readouts!: HTMLDListElement;
	#table!: HTMLTableElement;

	connectedCallback(): void {
		if (this.dataset.ready !== undefined) return;
		this.#text = textFor(this.dataset.lang ?? document.documentElement.lang);
		this.#state = this.#binding.load();
		this.#runs = new WorkerChannel<LabCommand, LabEvent>({
			service: 'gradient-lab',
			isEvent: isLabEvent,
			onEvent: (event) => this.#onEvent(event),
			onFault: (message) => this.#fail(message),
		});
		this.#build();
		this.dataset.ready = '';
		this.#request();
	}

	disconnectedCallback(): void {
		this.#runs?.dispose();
	}

	#build(): void {
		const t = this.#text;
		const s = this.#state;
		this.replaceChildren();
		const controls = el('fieldset', 'w-controls gl-controls');
		controls.append(el('legend', '', t.controls));

		const T = rangeControl({ label: t.T, min: T_MIN, max: T_MAX, step: 1, value: s.T, onInput: (v) => this.#change({ T: v }) });
		const scale = rangeControl({ label: t.scale, ...SCALE, value: s.s, onInput: (v) => this.#change({ s: v }) });
		const bf = rangeControl({ label: t.forgetBias, ...FORGET_BIAS, value: s.bf, onInput: (v) => this.#change({ bf: v }) });
		const hidden = selectControl(t.hidden, HIDDEN_SIZES.map((h) => ({ value: h, text: h })), s.H, (v) => this.#change({ H: v }));
		const quantity = selectControl(t.quantity, QUANTITIES.map((q) => ({ value: q, text: t.quantityText[q] })), s.q, (v) => this.#change({ q: v }));
		const clip = checkboxControl(t.clip, s.clip, (v) => this.#change({ clip: v }));
		const maxNorm = rangeControl({ label: t.maxNorm, ...MAX_NORM, value: s.max, onInput: (v) => this.#change({ max: v }) });
		this.#maxNormRoot = maxNorm.root;
		const seed = integerControl({ label: t.seed, min: 0, max: SEED_MAX, value: s.seed, onChange: (v) => this.#change({ seed: v }) });
		this.#setters = [
			(st) => T.set(st.T),
			(st) => scale.set(st.s),
			(st) => bf.set(st.bf),
			(st) => (hidden.select.value = st.H),
			(st) => (quantity.select.value = st.q),
			(st) => (clip.input.checked = st.clip),
			(st) => maxNorm.set(st.max),
			(st) => seed.set(st.seed),
		];
		const actions = el('div', 'w-actions');
		actions.append(
			button(t.reset, () => this.#reset()),
			copyLinkControl(t, () => this.#binding.link(this.#state)),
		);
		controls.append(T.root, scale.root, bf.root, hidden.root, seed.root, quantity.root, clip.root, maxNorm.root, actions);

		const legend = el('p', 'gl-legend');
		legend.setAttribute('aria-hidden', 'true');
		for (const m of MODELS) {
			const item = el('span', `gl-key gl-key-${m}`);
			item.append(el('span', 'gl-swatch'), document.createTextNode(MODEL_NAMES[m]));
			legend.append(item);
		}
		this.#chart = el('div', 'w-chart gl-chart');
		this.#status = el('p', 'gl-status');
		this.#description = el('p', 'gl-description');
		this.#description.id = uid('gl-description');
		this.#description.setAttribute('aria-live', 'polite');
		this.#readouts = el('dl', 'gl-readouts');
		this.#readouts.setAttribute('aria-label', t.readouts);
		const tableWrap = el('div', 'widget-table-wrap');
		this.#table = el('table', 'widget-table gl-samples');
		tableWrap.append(this.#table);
		this.append(controls, legend, this.#chart, this.#status, this.#description, this.#readouts, tableWrap);
		this.#syncClipControls();
	}

	#change(patch: Partial<LabState>): void {
		this.#state = { ...this.#state, ...patch };
		this.#binding.save(this.#state);
		this.#syncClipControls();
		this.#request();
	}

	#reset(): void {
		this.#state = defaultState(SCHEMA);
		for (const set of this.#setters) set(this.#state);
		this.#binding.save(this.#state);
		this.#syncClipControls();
		this.#request();
	}

	#syncClipControls(): void {
		this.#maxNormRoot.hidden = !this.#state.clip;
	}

	/** Sends the current settings unless a computation is running; then they go when it returns. */
	#request(): void {
		if (this.#busy) {
			this.#dirty = true;
			return;
		}
		this.#busy = true;
		this.#dirty = false;
		this.#status.textContent = this.#text.computing;
		this.#chart.setAttribute('aria-busy', 'true');
		this.#runs.start({ type: 'compute', settings: settingsOf(this.#state) });
	}

	#onEvent(event: LabEvent): void {
		this.#busy = false;
		if (event.type === 'error') this.#fail(event.message);
		else if (!this.#dirty) this.#show(event.result);
		if (this.#dirty) this.#request();
	}

	#fail(message: string): void {
		this.#busy = false;
		this.#runs.restart();
		this.#chart.removeAttribute('aria-busy');
		this.#status.textContent = this.#text.error(message);
	}

	/** Draws the chart and writes the sentence, readouts and table for the state that was computed. */
	#show(result: GradientResult): void {
		const state = { ...this.#state };
		const q = quantityOf(state);
		const t = this.#text;
		const settings = settingsOf(state);
		this.#status.textContent = '';
		this.#chart.removeAttribute('aria-busy');
		this.#description.textContent = t.describe(settings, result, q);
		this.#renderReadouts(result, q, state.clip);
		this.#renderTable(result, q, state.T, state.clip);
		this.#chart.replaceChildren(this.#plot(result, q, state.T, state.clip));
	}

	#renderReadouts(result: GradientResult, q: Quantity, clip: boolean): void {
		const t = this.#text;
		const rows: [string, string][] = [];
		for (const m of MODELS) {
			const ratio = firstToLastRatio(result[m].norms[q]);
			rows.push([t.ratioLabel(MODEL_NAMES[m], q), ratio === null ? t.none : formatSci(ratio)]);
		}
		for (const m of MODELS) rows.push([t.paramNormLabel(MODEL_NAMES[m]), formatSci(result[m].paramNorm)]);
		if (clip) for (const m of MODELS) rows.push([t.clipFactorLabel(MODEL_NAMES[m]), formatSci(result[m].clipFactor)]);
		this.#readouts.replaceChildren();
		for (const [name, value] of rows) {
			const id = uid('gl-out');
			const row = el('div', 'gl-readout');
			const dt = el('dt');
			const label = el('label', '', name);
			label.htmlFor = id;
			dt.append(label);
			const dd = el('dd');
			const out = el('output');
			out.id = id;
			out.setAttribute('aria-live', 'off');
			out.textContent = value;
			dd.append(out);
			row.append(dt, dd);
			this.#readouts.append(row);
		}
	}

	#renderTable(result: GradientResult, q: Quantity, T: number, clip: boolean): void {
		const t = this.#text;
		const caption = el('caption', '', t.sampleCaption(q, clip));
		const head = el('thead');
		const hr = el('tr');
		for (const text of [t.step, MODEL_NAMES.rnn, MODEL_NAMES.lstm]) {
			const th = el('th', '', text);
			th.scope = 'col';
			hr.append(th);
		}
		head.append(hr);
		const body = el('tbody');
		for (const step of sampleSteps(T)) {
			const tr = el('tr');
			const th = el('th', '', String(step));
			th.scope = 'row';
			tr.append(th);
			for (const m of MODELS) {
				const norms = result[m].norms[q];
				tr.append(el('td', '', norms ? formatSci(norms[step - 1]) : '—'));
			}
			body.append(tr);
		}
		this.#table.replaceChildren(caption, head, body);
	}

	#plot(result: GradientResult, q: Quantity, T: number, clip: boolean): SVGSVGElement | HTMLElement {
		const points = MODELS.flatMap((m) => {
			const norms = result[m].norms[q];
			if (!norms) return [];
			// A log scale cannot draw 0 (underflow) or ∞; those steps are left out (the table still lists them).
			return Array.from(norms, (value, k) => ({ model: m, t: k + 1, value })).filter((p) => p.value > 0 && Number.isFinite(p.value));
		});
		const width = Math.max(280, Math.min(720, this.#chart.clientWidth || 640));
		return plotChart({
			width,
			height: Math.round(Math.max(220, width * 0.5)),
			marginLeft: 64,
			marginTop: 28,
			style: { background: 'transparent', color: 'currentColor', fontSize: '12px', overflow: 'visible' },
			ariaLabel: this.#text.chartLabel(q),
			ariaDescription: this.#description.textContent ?? undefined,
			x: { domain: [1, T], label: this.#text.axisT },
			y: { type: 'log', nice: true, grid: true, label: clip ? `${SYMBOLS[q]} (${this.#text.clippedAxis})` : SYMBOLS[q], ticks: decadeTicks(points.map((p) => p.value)), tickFormat: (d: number) => formatSci(d, 1) },
			marks: MODELS.map((m) =>
				Plot.line(
					points.filter((p) => p.model === m),
					{ x: 't', y: 'value', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: DASH[m], className: `gl-mark-${m}`, ariaHidden: 'true' },
				),
			),
		});
	}
}

/** Powers of ten covering the values, thinned to at most ~8 so a span of 10⁻³⁵ … 1 stays readable. */
function decadeTicks(values: number[]): number[] {
	if (values.length === 0) return [1];
	let lo = Infinity;
	let hi = -Infinity;
	for (const v of values) {
		lo = Math.min(lo, Math.floor(Math.log10(v)));
		hi = Math.max(hi, Math.ceil(Math.log10(v)));
	}
	const every = Math.max(1, Math.ceil((hi - lo) / 8));
	const ticks: number[] = [];
	for (let e = hi; e >= lo; e -= every) ticks.push(10 ** e);
	return ticks;
}

if (!customElements.get('gradient-lab')) customElements.define('gradient-lab', GradientLabElement);
