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

/**
 * Colours from the site's variables, which inherit into the shadow root. The editor lives in a shadow root
 * because CodeMirror adds its styles as constructed stylesheets there (allowed by the page's policy, and
 * scoped), whereas in the document it would add <style> elements, which the policy refuses.
 */
const theme = EditorView.theme({
	'&': { backgroundColor: 'var(--sl-color-bg)', color: 'var(--sl-color-text)', fontSize: '0.85rem' },
	'.cm-content': { fontFamily: 'var(--__sl-font-mono, ui-monospace, monospace)', caretColor: 'var(--sl-color-text)' },
	'.cm-gutters': { backgroundColor: 'var(--sl-color-bg-nav)', color: 'var(--sl-color-gray-2)', borderColor: 'var(--sl-color-gray-5)' },
	'.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--sl-color-accent) 8%, transparent)' },
	'.cm-cursor': { borderLeftColor: 'var(--sl-color-text)' },
	'&.cm-focused': { outline: '2px solid var(--sl-color-accent)' },
});

export function createEditor(host: HTMLElement, code: string, label: string, hooks: { run(): void; changed(): void }): CellEditor {
	const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
	const view = new EditorView({
		doc: code,
		parent: root,
		root,
		extensions: [
			theme,
			// Long lines wrap, as the listings do: the editor never scrolls on its own (a scrolling region needs
			// its own keyboard access), the page does.
			EditorView.lineWrapping,
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
