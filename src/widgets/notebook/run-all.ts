/** <run-all-cells>: runs every cell of the page in order, stopping at the first that fails. */
import type { CodeCellElement } from './code-cell.ts';

class RunAllElement extends HTMLElement {
	connectedCallback(): void {
		const button = this.querySelector<HTMLButtonElement>('[data-action="run-all"]')!;
		const status = this.querySelector<HTMLElement>('[data-status]')!;
		const zh = document.documentElement.lang.toLowerCase().startsWith('zh');
		button.addEventListener('click', async () => {
			button.disabled = true;
			const cells = [...document.querySelectorAll<CodeCellElement>('code-cell')].filter((c) => !c.closest('.exercise'));
			let done = 0;
			for (const cell of cells) {
				status.textContent = zh ? `正在运行 ${cell.cellTitle}（${done + 1}/${cells.length}）` : `Running ${cell.cellTitle} (${done + 1} of ${cells.length})`;
				if (!(await cell.run())) break;
				done++;
			}
			status.textContent = zh ? `已运行 ${done}/${cells.length} 个单元格。` : `Ran ${done} of ${cells.length} cells.`;
			button.disabled = false;
		});
		this.querySelector<HTMLElement>('.w-live')!.hidden = false;
	}
}
if (!customElements.get('run-all-cells')) customElements.define('run-all-cells', RunAllElement);
