/**
 * <activation-explorer>: the live part of the activation explorer. Loaded lazily by
 * components/ActivationExplorer.astro when the figure comes on screen.
 *
 * A slider (and a number field for exact values) chooses z; a point follows it along σ, tanh, σ′
 * and tanh′, four <output>s read the values out, and a text alternative describes the chart with
 * the current numbers. z lives in the URL (Copy link, Reset). Colours come from CSS custom properties
 * so both themes work.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import { ACTIVATION_SCHEMA, CURVES, Z_DEFAULT, Z_MAX, Z_MIN, Z_STEP, clampZ, formatNumber, sampleCurves, valuesAt, type Curve } from './model.ts';
import { SYMBOLS, textFor, type ActivationText } from './labels.ts';
import { button, copyLinkControl, el, urlBinding } from '../shared/dom.ts';

/**
 * Derivatives are dashed so colour is not the only cue. Colours are set in CSS through the class
 * `ae-mark-<curve>` (SVG presentation attributes cannot use CSS variables; stylesheet rules can).
 */
const DASH: Record<Curve, string | undefined> = { sigmoid: undefined, tanh: undefined, dsigmoid: '5,4', dtanh: '2,3' };

const CURVE_POINTS = sampleCurves();

let instances = 0;

export class ActivationExplorerElement extends HTMLElement {
	#z = Z_DEFAULT;
	#text: ActivationText = textFor('en');
	#binding!: ReturnType<typeof urlBinding<typeof ACTIVATION_SCHEMA>>;
	#slider!: HTMLInputElement;
	#number!: HTMLInputElement;
	#outputs = {} as Record<Curve, HTMLOutputElement>;
	#chart!: HTMLDivElement;
	#description!: HTMLParagraphElement;

	connectedCallback(): void {
		if (this.dataset.ready !== undefined) return;
		this.#text = textFor(this.dataset.lang ?? document.documentElement.lang);
		this.#binding = urlBinding(ACTIVATION_SCHEMA, 'act', this.closest('figure')?.id || 'activation-explorer');
		this.#build(`ae-${++instances}`);
		this.dataset.ready = '';
		this.#update(this.#binding.load().z, undefined, false);
	}

	disconnectedCallback(): void {
		this.#binding?.cancel();
	}

	#build(prefix: string): void {
		const t = this.#text;
		this.replaceChildren();

		const controls = el('div', 'ae-controls');
		const sliderLabel = el('label', 'ae-label', t.slider);
		sliderLabel.htmlFor = `${prefix}-slider`;
		this.#slider = input('range', `${prefix}-slider`);
		this.#number = input('number', `${prefix}-number`);
		this.#number.step = '0.01';
		this.#number.setAttribute('aria-label', t.number);
		this.#number.classList.add('ae-number');
		controls.append(sliderLabel, this.#slider, this.#number);
		const actions = el('div', 'w-actions ae-actions');
		actions.append(
			button(t.reset, () => this.#update(Z_DEFAULT)),
			copyLinkControl(t, () => this.#binding.link({ z: this.#z })),
		);

		const readouts = el('dl', 'ae-readouts');
		readouts.setAttribute('aria-label', t.readouts);
		for (const curve of CURVES) {
			const row = el('div', `ae-readout ae-${curve}`);
			const name = el('dt');
			const label = el('label', '', SYMBOLS[curve]);
			label.htmlFor = `${prefix}-${curve}`;
			name.append(label);
			const value = el('dd');
			const out = document.createElement('output');
			out.id = `${prefix}-${curve}`;
			// One polite announcement (the description) is enough; four live outputs would be noisy.
			out.setAttribute('aria-live', 'off');
			value.append(out);
			row.append(name, value);
			readouts.append(row);
			this.#outputs[curve] = out;
		}

		this.#chart = el('div', 'w-chart ae-chart');
		this.#description = el('p', 'w-description ae-description');
		this.#description.id = `${prefix}-description`;
		this.#description.setAttribute('aria-live', 'polite');

		this.append(controls, actions, readouts, this.#chart, this.#description);

		this.#slider.addEventListener('input', () => this.#update(Number(this.#slider.value)));
		this.#number.addEventListener('input', () => {
			if (this.#number.value.trim() === '' || !Number.isFinite(this.#number.valueAsNumber)) return;
			this.#update(this.#number.valueAsNumber, 'number');
		});
		this.#number.addEventListener('change', () => this.#update(clampZ(this.#number.valueAsNumber, this.#z)));
	}

	/** Moves the point to z and refreshes every readout, the chart and its description; `save` writes z to the URL. */
	#update(rawZ: number, source?: 'number', save = true): void {
		const z = clampZ(rawZ, this.#z);
		this.#z = z;
		const values = valuesAt(z);
		this.#slider.value = String(z);
		if (source !== 'number') this.#number.value = String(z);
		for (const curve of CURVES) this.#outputs[curve].value = formatNumber(values[curve]);
		this.#description.textContent = this.#text.describe(z, values);
		this.#chart.replaceChildren(this.#plot(z));
		if (save) this.#binding.saveSoon({ z });
	}

	#plot(z: number): SVGSVGElement | HTMLElement {
		const point = CURVES.map((curve) => ({ curve, z, value: valuesAt(z)[curve] }));
		const width = Math.max(280, Math.min(640, this.#chart.clientWidth || 640));
		return plotChart({
			width,
			height: Math.round(width * 0.55),
			marginLeft: 40,
			marginBottom: 40,
			// The readouts above the chart double as its legend (same colours, derivatives dashed).
			style: { background: 'transparent', color: 'currentColor', fontSize: '12px', overflow: 'visible' },
			ariaLabel: this.#text.chartLabel,
			ariaDescription: this.#description.textContent ?? undefined,
			// The axis name sits centred under the ticks, clear of the last tick label.
			x: { domain: [Z_MIN, Z_MAX], label: 'z', labelAnchor: 'center', labelArrow: 'none' },
			y: { domain: [-1.05, 1.05], grid: true, label: null },
			marks: [
				Plot.ruleY([0], { strokeOpacity: 0.4, ariaHidden: 'true' }),
				Plot.ruleX([z], { strokeOpacity: 0.5, ariaHidden: 'true' }),
				...CURVES.map((curve) =>
					Plot.line(
						CURVE_POINTS.filter((p) => p.curve === curve),
						{ x: 'z', y: 'value', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: DASH[curve], className: `ae-mark-${curve}`, ariaHidden: 'true' },
					),
				),
				...point.map((p) =>
					Plot.dot([p], { x: 'z', y: 'value', r: 5, fill: 'currentColor', stroke: 'none', className: `ae-mark-${p.curve}`, ariaHidden: 'true' }),
				),
			],
		});
	}
}

function input(type: 'range' | 'number', id: string): HTMLInputElement {
	const node = document.createElement('input');
	node.type = type;
	node.id = id;
	node.min = String(Z_MIN);
	node.max = String(Z_MAX);
	node.step = String(Z_STEP);
	return node;
}

if (!customElements.get('activation-explorer')) customElements.define('activation-explorer', ActivationExplorerElement);
