/**
 * <cell-diagram>: the cell diagram on its own (chapter 2; markup in components/CellDiagram.astro). The wires
 * carry chapter 4's worked example, computed at build time; the stage control walks through forget →
 * input and candidate → update of C → output, and a line says what the shown stage computes.
 */
import { WidgetElement, defineElement } from '../runtime/element.ts';
import declaration from './declaration.ts';
import { DiagramView } from './diagram.ts';
import { diagramText } from './labels.ts';
import { nextStage, type Stage } from './model.ts';

export class CellDiagramElement extends WidgetElement<typeof declaration.schema> {
	protected readonly declaration = declaration;
	#view!: DiagramView;
	#says!: HTMLElement;

	protected hydrate(): void {
		this.#view = new DiagramView(this, diagramText(this.pageLang), (wire) => this.#view.highlight(wire), this.signal);
		this.#says = this.querySelector('[data-stage-text]')!;
		this.querySelector('[data-action="next-stage"]')?.addEventListener('click', () => this.update({ stage: nextStage(this.state.stage as Stage) }), { signal: this.signal });
		this.#show();
	}

	protected changed(): void {
		this.#show();
	}

	#show(): void {
		const stage = this.state.stage as Stage;
		this.#view.stage(stage);
		this.#says.textContent = diagramText(this.pageLang).stages[stage];
	}
}

defineElement('cell-diagram', CellDiagramElement);
