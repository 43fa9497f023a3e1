/**
 * <unrolled-chain>: three or more copies of the cell side by side with the cell-state line running through
 * them, following the sequence stepper before it on the page (its bubbling `stepper-state` event, or its
 * `lastState` when the stepper spoke first). The current step is outlined; a dot rides C to it (it jumps,
 * with prefers-reduced-motion: the numbers are the same).
 */
import { WidgetElement, defineElement } from '../runtime/element.ts';
import { wireNumber } from '../cell-diagram/model.ts';
import type { StepperStateDetail } from '../sequence-stepper/sequence-stepper.ts';
import declaration from './declaration.ts';
import { CELLS, windowSteps } from './model.ts';
import { chainText, type ChainText } from './labels.ts';

/** x of the left edge of cell k in the SVG (components/UnrolledChain.astro draws them there). */
const cellX = (k: number) => 15 + k * 105;

export class UnrolledChainElement extends WidgetElement<typeof declaration.schema> {
	protected readonly declaration = declaration;
	#text: ChainText = chainText('en');
	#state: StepperStateDetail | null = null;
	#source: Element | null = null;

	protected hydrate(): void {
		this.#text = chainText(this.pageLang);
		// The stepper this chain follows: the last one before it on the page.
		const steppers = [...document.querySelectorAll('sequence-stepper')].filter((s) => s.compareDocumentPosition(this) & Node.DOCUMENT_POSITION_FOLLOWING);
		this.#source = steppers.at(-1) ?? null;
		document.addEventListener(
			'stepper-state',
			(e) => {
				if (this.#source && e.target !== this.#source) return;
				this.#state = (e as CustomEvent<StepperStateDetail>).detail;
				this.#draw();
			},
			{ signal: this.signal },
		);
		this.#state = (this.#source as { lastState?: StepperStateDetail | null } | null)?.lastState ?? null;
		this.#draw();
	}

	protected changed(): void {
		this.#draw();
	}

	#draw(): void {
		const s = this.#state;
		const svg = this.querySelector<SVGSVGElement>('svg.uc-svg')!;
		const description = this.querySelector<HTMLElement>('[data-description]')!;
		if (!s || s.T === 0) {
			description.textContent = this.#text.waiting;
			return;
		}
		const H = s.c[0]?.length ?? 1;
		this.fields.unit?.setBounds(1, H);
		const unit = Math.min(this.state.unit, H);
		const j = unit - 1;
		const steps = windowSteps(s.t, s.T);
		svg.dataset.live = '';
		for (let k = 0; k < CELLS; k++) {
			const cell = svg.querySelector<SVGGElement>(`[data-cell="${k}"]`)!;
			const t = steps[k];
			cell.toggleAttribute('hidden', t === undefined);
			if (t === undefined) continue;
			cell.classList.toggle('uc-now', t === s.t);
			const set = (name: string, value: string) => (cell.querySelector(`[data-value="${name}"]`)!.textContent = value);
			set('step', this.#text.step(t + 1));
			set('c', wireNumber(s.c[t][j]));
			set('f', wireNumber(s.gates.f[t][j]));
			set('i', wireNumber(s.gates.i[t][j]));
			set('h', wireNumber(s.h[t][j]));
			set('input', s.inputs[t] ?? '');
		}
		const now = steps.indexOf(s.t);
		const rider = svg.querySelector<SVGGElement>('.uc-rider')!;
		rider.style.transform = `translateX(${cellX(now) + 45}px)`;
		rider.classList.toggle('uc-animate', !this.reducedMotion);
		svg.setAttribute(
			'aria-label',
			`${this.#text.chartLabel}. ${steps.map((t) => `${this.#text.step(t + 1)}: C_t = ${wireNumber(s.c[t][j])}`).join('; ')}`,
		);
		description.textContent = this.#text.describe(s.t + 1, s.T, unit, wireNumber(s.c[s.t][j]), wireNumber(s.gates.f[s.t][j]), wireNumber(s.gates.i[s.t][j]), s.inputs[s.t] || '—');
	}
}

defineElement('unrolled-chain', UnrolledChainElement);
