/**
 * <equation-view>: one equation of chapter 4's example cell at a time (declaration.ts; markup in
 * components/EquationView.astro). Choosing an equation or changing x_t runs one lstmStep and typesets the
 * equation's inputs, result and local derivatives (model.ts) with KaTeX, imported on first use.
 */
import type katexType from 'katex';
import { WidgetElement, defineElement } from '../runtime/element.ts';
import declaration from './declaration.ts';
import { equationParts, exampleStep, partsTex, type EquationId } from './model.ts';

type Katex = typeof katexType;

export class EquationViewElement extends WidgetElement<typeof declaration.schema> {
	protected readonly declaration = declaration;
	#katex: Promise<Katex> | null = null;
	#token = 0;

	protected hydrate(): void {
		void this.#draw();
	}

	protected changed(): void {
		void this.#draw();
	}

	async #draw(): Promise<void> {
		const token = ++this.#token;
		const tex = partsTex(equationParts(this.state.eq as EquationId, exampleStep(this.state.x)));
		this.#katex ??= import('katex').then((m) => (m as unknown as { default: Katex }).default ?? (m as unknown as Katex));
		const katex = await this.#katex;
		if (token !== this.#token) return;
		for (const part of ['definition', 'inputs', 'result', 'derivatives'] as const) {
			const box = this.querySelector<HTMLElement>(`[data-part="${part}"]`);
			if (box) box.innerHTML = katex.renderToString(tex[part], { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
		}
	}
}

defineElement('equation-view', EquationViewElement);
