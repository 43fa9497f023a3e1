/**
 * CodeMirror 6 with TypeScript highlighting, imported only when a cell nears the screen (its chunk never loads
 * on a page without cells). Shift+Enter runs the cell.
 */
import { EditorView, basicSetup } from 'codemirror';
import { keymap } from '@codemirror/view';
import { Prec } from '@codemirror/state';
import { javascript } from '@codemirror/lang-javascript';
import { cellHighlighting } from './editor-theme.ts';

export interface CellEditor {
	getCode(): string;
	setCode(code: string): void;
	focus(): void;
}

export function createEditor(host: HTMLElement, code: string, label: string, hooks: { run(): void; changed(): void }): CellEditor {
	const view = new EditorView({
		doc: code,
		parent: host,
		extensions: [
			basicSetup,
			javascript({ typescript: true }),
			cellHighlighting,
			Prec.highest(keymap.of([{ key: 'Shift-Enter', run: () => (hooks.run(), true) }])),
			EditorView.contentAttributes.of({ 'aria-label': label }),
			EditorView.updateListener.of((update) => {
				if (update.docChanged) hooks.changed();
			}),
		],
	});
	return {
		getCode: () => view.state.doc.toString(),
		setCode: (next) => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } }),
		focus: () => view.focus(),
	};
}
