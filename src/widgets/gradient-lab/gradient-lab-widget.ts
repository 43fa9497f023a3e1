/**
 * <gradient-lab>: the live part of the gradient lab (chapters 1.2 and 4), on the widget runtime
 * (declaration.ts; markup in components/GradientLab.astro).
 *
 * Every change of a setting asks the lab's service in the compute worker for the gradient norms of both
 * models (model.ts); at most one request is in flight, and the newest settings are sent when it returns, so
 * dragging a slider never queues stale work. The chart (Observable Plot, log y), the sentence under it, the
 * readouts and the table of sampled values all show the same returned numbers.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import { WidgetElement, defineElement } from '../runtime/element.ts';
import type { WorkerChannel } from '../runtime/channel.ts';
import declaration from './declaration.ts';
import { MODELS, curveOf, firstStep, firstToLastRatio, formatSci, sampleSteps, type GradientResult, type ModelKind, type Quantity } from './model.ts';
import { MODEL_NAMES, SYMBOLS, textFor, type GradientLabText } from './labels.ts';
import { quantityOf, settingsOf } from './state.ts';
import { isLabEvent, type LabCommand, type LabEvent } from './protocol.ts';

/** The LSTM is dashed so colour is not the only cue; colours come from CSS classes gl-mark-rnn / gl-mark-lstm. */
const DASH = { rnn: undefined, lstm: '6,4' } as const;

interface Readout {
	row: HTMLElement;
	label: HTMLLabelElement;
	output: HTMLOutputElement;
}

export class GradientLabElement extends WidgetElement<typeof declaration.schema> {
	protected readonly declaration = declaration;
	#text: GradientLabText = textFor('en');
	#channel!: WorkerChannel<LabCommand, LabEvent>;
	/** A computation is in flight; `#dirty`: the settings changed since it was sent. */
	#busy = false;
	#dirty = false;
	#chart!: HTMLElement;
	#status!: HTMLElement;
	#description!: HTMLElement;
	#readouts = new Map<string, Readout>();
	#table!: HTMLTableElement;

	protected hydrate(): void {
		this.#text = textFor(this.pageLang);
		this.#chart = this.querySelector('[data-chart]')!;
		this.#status = this.querySelector('[data-status]')!;
		this.#description = this.querySelector('[data-description]')!;
		this.#table = this.querySelector('[data-samples]')!;
		for (const row of this.querySelectorAll<HTMLElement>('[data-readout]')) {
			this.#readouts.set(row.dataset.readout!, { row, label: row.querySelector('label')!, output: row.querySelector('output')! });
		}
		this.#channel = this.channel<LabCommand, LabEvent>({ isEvent: isLabEvent, onEvent: (event) => this.#onResult(event) });
		this.#syncClipControls();
		this.#request();
	}

	protected changed(): void {
		this.#syncClipControls();
		this.#request();
	}

	protected onFault(): void {
		// The runtime shows what happened and a Restart; nothing may keep saying "Computing…".
		this.#busy = false;
		this.#dirty = false;
		this.#status.textContent = '';
		this.#chart.removeAttribute('aria-busy');
	}

	protected onRestart(): void {
		this.#request();
	}

	/** The threshold and the after-clipping readouts only mean something with clipping on. */
	#syncClipControls(): void {
		const clip = this.state.clip;
		const max = this.fields.max?.root;
		if (max) max.hidden = !clip;
		for (const { row } of this.#readouts.values()) if (row.dataset.clipOnly !== undefined) row.hidden = !clip;
	}

	/** Sends the current settings unless a computation is running (then they go when it returns) or the worker stopped. */
	#request(): void {
		if (this.#channel.dead) return; // Restart sends them
		if (this.#busy) {
			this.#dirty = true;
			return;
		}
		this.#busy = true;
		this.#dirty = false;
		this.#status.textContent = this.#text.computing;
		this.#chart.setAttribute('aria-busy', 'true');
		this.#channel.start({ type: 'compute', settings: settingsOf(this.state) });
	}

	#onResult(event: LabEvent): void {
		this.#busy = false;
		if (this.#dirty) return this.#request();
		this.#show(event.result);
	}

	/** Draws the chart and writes the sentence, readouts and table for the state that was computed. */
	#show(result: GradientResult): void {
		const state = this.state;
		const q = quantityOf(state);
		this.#status.textContent = '';
		this.#chart.removeAttribute('aria-busy');
		this.#description.textContent = this.#text.describe(settingsOf(state), result, q);
		this.#renderReadouts(result, q, state.clip);
		this.#renderTable(result, q, state.T, state.clip);
		this.#chart.replaceChildren(this.#plot(result, q, state.T, state.clip));
	}

	#renderReadouts(result: GradientResult, q: Quantity, clip: boolean): void {
		const t = this.#text;
		const set = (key: string, value: string, label?: string) => {
			const readout = this.#readouts.get(key);
			if (!readout) return;
			readout.output.value = value;
			if (label !== undefined) readout.label.textContent = label;
		};
		for (const m of MODELS) {
			const ratio = firstToLastRatio(curveOf(result[m], q, clip), firstStep(q));
			set(`ratio-${m}`, ratio === null ? t.none : formatSci(ratio), t.ratioLabel(MODEL_NAMES[m], q));
			set(`norm-${m}`, formatSci(result[m].paramNorm));
			set(`clipped-${m}`, formatSci(result[m].clippedNorm));
			set(`factor-${m}`, formatSci(result[m].clipFactor));
		}
	}

	/** The sampled steps of the drawn curves (the chart's numbers as text). */
	#renderTable(result: GradientResult, q: Quantity, T: number, clip: boolean): void {
		const caption = this.#table.querySelector('caption')!;
		caption.textContent = this.#text.sampleCaption(q, clip);
		const curves = Object.fromEntries(MODELS.map((m) => [m, curveOf(result[m], q, clip)])) as Record<ModelKind, Float64Array | null>;
		const rows = sampleSteps(T).map((step) => {
			const tr = document.createElement('tr');
			const th = document.createElement('th');
			th.scope = 'row';
			th.textContent = String(step);
			tr.append(th);
			for (const m of MODELS) {
				const td = document.createElement('td');
				const curve = curves[m];
				td.textContent = curve ? formatSci(curve[step - 1]) : '—';
				tr.append(td);
			}
			return tr;
		});
		this.#table.tBodies[0].replaceChildren(...rows);
	}

	#plot(result: GradientResult, q: Quantity, T: number, clip: boolean): SVGSVGElement | HTMLElement {
		const points = MODELS.flatMap((m) => {
			const curve = curveOf(result[m], q, clip);
			if (!curve) return [];
			// A log scale cannot draw 0 (underflow, or step 1 of the W_hh terms) or ∞; the table still lists them.
			return Array.from(curve, (value, k) => ({ model: m, t: k + 1, value })).filter((p) => p.value > 0 && Number.isFinite(p.value));
		});
		const width = Math.max(280, Math.min(720, this.#chart.clientWidth || 640));
		const clippedCurve = clip && q === 'w';
		return plotChart({
			width,
			height: Math.round(Math.max(220, width * 0.5)),
			marginLeft: 64,
			marginTop: 28,
			style: { background: 'transparent', color: 'currentColor', fontSize: '12px', overflow: 'visible' },
			ariaLabel: this.#text.chartLabel(q),
			ariaDescription: this.#description.textContent ?? undefined,
			x: { domain: [1, T], label: this.#text.axisT },
			y: {
				type: 'log',
				nice: true,
				grid: true,
				label: clippedCurve ? `${SYMBOLS[q]} (${this.#text.clippedAxis})` : SYMBOLS[q],
				ticks: decadeTicks(points.map((p) => p.value)),
				tickFormat: (d: number) => formatSci(d, 1),
			},
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

defineElement('gradient-lab', GradientLabElement);
