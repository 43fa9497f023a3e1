/**
 * The live side of the cell diagram (components/CellDiagramSvg.astro): writes a step's numbers on the
 * wires, dims the wires outside the chosen stage, and reports which wire the reader points at or focuses
 * so the widget that holds it can highlight the matching equation terms and readouts (and back).
 */
import { WIRES, wireNumber, wireVector, type Stage, type Wire, type WireValues } from './model.ts';
import type { DiagramText } from './labels.ts';

export class DiagramView {
	readonly #svg: SVGSVGElement;
	readonly #groups = new Map<Wire, SVGGElement>();

	/** `onHover(wire)` hears the wire under the pointer or focus, null when it leaves. */
	constructor(
		root: Element,
		private readonly text: DiagramText,
		onHover: (wire: Wire | null) => void,
		signal: AbortSignal,
	) {
		this.#svg = root.querySelector<SVGSVGElement>('svg.cd-svg')!;
		for (const g of this.#svg.querySelectorAll<SVGGElement>('[data-wire]')) {
			const wire = g.dataset.wire as Wire;
			this.#groups.set(wire, g);
			for (const [type, value] of [['pointerenter', wire], ['focus', wire], ['pointerleave', null], ['blur', null]] as const) {
				g.addEventListener(type, () => onHover(value), { signal });
			}
		}
	}

	/** Writes one step's numbers on the wires (units beyond the vector's length stay empty). */
	show(values: WireValues): void {
		for (const wire of WIRES) {
			const g = this.#groups.get(wire);
			if (!g) continue;
			const v = wireVector(values, wire);
			for (const line of g.querySelectorAll<SVGTextElement>('[data-unit]')) {
				const x = v[Number(line.dataset.unit)];
				line.textContent = x === undefined ? '' : wireNumber(x);
			}
			g.setAttribute('aria-label', `${this.text.wireNames[wire]}: ${v.map(wireNumber).join(', ')}`);
		}
	}

	/** Shows one stage (the others' wires are dimmed by CSS), or all of them. */
	stage(stage: Stage): void {
		this.#svg.dataset.stage = stage;
	}

	/** Marks the wire that matches a hovered term elsewhere (null clears). */
	highlight(wire: Wire | null): void {
		for (const [w, g] of this.#groups) g.classList.toggle('cd-hot', w === wire);
	}
}
