/**
 * <activation-explorer>: the live part of the activation explorer, on the widget runtime
 * (declaration.ts; markup in components/ActivationExplorer.astro).
 *
 * The slider and its number field choose z; a point follows it along σ, tanh, σ′ and tanh′, four
 * <output>s read the values out, and a text alternative describes the chart with the current numbers.
 * Colours come from CSS custom properties so both themes work.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import { WidgetElement, defineElement } from '../runtime/element.ts';
import declaration from './declaration.ts';
import { CURVES, Z_MAX, Z_MIN, clampZ, formatNumber, sampleCurves, valuesAt, type Curve } from './model.ts';
import { textFor, type ActivationText } from './labels.ts';

/**
 * Derivatives are dashed so colour is not the only cue. Colours are set in CSS through the class
 * `ae-mark-<curve>` (SVG presentation attributes cannot use CSS variables; stylesheet rules can).
 */
const DASH: Record<Curve, string | undefined> = { sigmoid: undefined, tanh: undefined, dsigmoid: '5,4', dtanh: '2,3' };

const CURVE_POINTS = sampleCurves();

export class ActivationExplorerElement extends WidgetElement<typeof declaration.schema> {
	protected readonly declaration = declaration;
	#text: ActivationText = textFor('en');
	#outputs = {} as Record<Curve, HTMLOutputElement>;
	#chart!: HTMLElement;
	#description!: HTMLElement;

	protected hydrate(): void {
		this.#text = textFor(this.pageLang);
		for (const out of this.querySelectorAll<HTMLOutputElement>('output[data-curve]')) this.#outputs[out.dataset.curve as Curve] = out;
		this.#chart = this.querySelector('[data-chart]')!;
		this.#description = this.querySelector('[data-description]')!;
		this.#draw();
	}

	protected changed(): void {
		// z is stated to 0.001 in the description; the state holds exactly what is stated.
		const z = clampZ(this.state.z, this.state.z);
		if (z !== this.state.z) return this.update({ z });
		this.#draw();
	}

	/** Refreshes every readout, the chart and its description for the current z. */
	#draw(): void {
		const z = this.state.z;
		const values = valuesAt(z);
		for (const curve of CURVES) this.#outputs[curve].value = formatNumber(values[curve]);
		this.#description.textContent = this.#text.describe(z, values);
		this.#chart.replaceChildren(this.#plot(z));
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

defineElement('activation-explorer', ActivationExplorerElement);
