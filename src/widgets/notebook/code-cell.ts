/**
 * <code-cell>: hydrates the server-rendered cell (components/CodeCell.astro): the static listing becomes an
 * editor when the cell nears the screen, Run / Stop / Reset drive the page's one cell worker (session.ts),
 * and what the worker sends is written under the cell as text, charts (Observable Plot) and a progress bar.
 */
import { plotChart } from '../shared/plot.ts';
import * as Plot from '@observablehq/plot';
import { labelsFor, type CellLabels } from './labels.ts';
import type { CellEvent, HiddenTests, PlotSpec } from './protocol.ts';
import { busy, register, stop, submit, type CellClient } from './session.ts';
import type { CellEditor } from './editor.ts';
import { readSharedCode, withSharedCells } from './share.ts';

export class CodeCellElement extends HTMLElement implements CellClient {
	cellId = '';
	cellTitle = '';
	private original = '';
	private editor: CellEditor | null = null;
	private pending: string | null = null;
	private labels!: CellLabels;
	private output!: HTMLElement;
	private status!: HTMLElement;
	private progressBar: HTMLProgressElement | null = null;
	private stopButton!: HTMLButtonElement;
	private runButton!: HTMLButtonElement;
	private note!: HTMLElement;
	private timeLimitS = 30;
	private controller = new AbortController();

	connectedCallback(): void {
		this.cellId = this.dataset.cell ?? '';
		this.cellTitle = this.dataset.title ?? this.cellId;
		this.original = this.dataset.code ?? '';
		this.timeLimitS = Number(this.dataset.timeLimit) || 30;
		this.labels = labelsFor(document.documentElement.lang);
		const q = <T extends Element>(sel: string) => this.querySelector<T>(sel)!;
		this.output = q('[data-output]');
		this.status = q('[data-status]');
		this.note = q('[data-note]');
		this.runButton = q('[data-action="run"]');
		this.stopButton = q('[data-action="stop"]');
		const signal = this.controller.signal;
		this.runButton.addEventListener('click', () => void this.run(), { signal });
		this.stopButton.addEventListener('click', () => stop(this), { signal });
		q('[data-action="reset"]').addEventListener('click', () => this.reset(), { signal });
		const limit = q<HTMLInputElement>('[data-time-limit-input]');
		limit.addEventListener('change', () => this.setTimeLimit(limit), { signal });
		register(this);
		const shared = readSharedCode(location.hash, this.cellId);
		if (shared !== null && shared !== this.original) {
			this.pending = shared;
			this.showNote(this.labels.fromLink);
		}
		// The toolbar and the editor arrive together, when the cell comes near the screen from below or onto it.
		// A cell above the screen stays as it is: its change of height would push down what a link such as
		// #eq-… has just scrolled to (Chromium's scroll anchoring does not cover a `display` switch).
		let started = false;
		const start = () => {
			if (started) return;
			started = true;
			observer.disconnect();
			removeEventListener('scroll', whenInView);
			this.showLive();
			void this.loadEditor();
		};
		// When only the cell's bottom edge shows at the top of the screen, the reader is looking at what follows
		// it: wait until the cell itself is in view (its top, or most of the screen).
		const inView = (box: DOMRectReadOnly) => box.top >= 0 || box.bottom >= innerHeight / 2;
		const whenInView = () => {
			if (inView(this.getBoundingClientRect())) start();
		};
		const observer = new IntersectionObserver(
			(entries) => {
				const entry = entries.find((e) => e.isIntersecting);
				if (!entry) return;
				if (inView(entry.boundingClientRect)) start();
				else addEventListener('scroll', whenInView, { passive: true, signal });
			},
			{ rootMargin: '0px 0px 300px 0px' },
		);
		observer.observe(this);
		// A reader who reaches into the cell first gets its editor at once.
		this.addEventListener('pointerdown', start, { signal, once: true });
		this.addEventListener('focusin', start, { signal, once: true });
		signal.addEventListener('abort', () => observer.disconnect());
	}

	disconnectedCallback(): void {
		this.controller.abort();
	}

	private async loadEditor(): Promise<void> {
		const { createEditor } = await import('./editor.ts');
		const host = this.querySelector<HTMLElement>('[data-editor]')!;
		this.editor = createEditor(host, this.pending ?? this.original, this.labels.editor(this.cellTitle), {
			run: () => void this.run(),
			changed: () => this.markChanged(),
		});
		host.hidden = false;
		this.querySelector<HTMLElement>('[data-static]')!.hidden = true;
		this.markChanged();
		if (this.pending !== null) this.showNote(this.labels.fromLink);
	}

	/** The code as the reader sees it now. */
	get code(): string {
		return this.editor?.getCode() ?? this.pending ?? this.original;
	}

	get changed(): boolean {
		return this.code !== this.original;
	}

	private showNote(text: string): void {
		this.note.textContent = text;
		this.note.hidden = text === '';
	}

	private markChanged(): void {
		this.toggleAttribute('data-changed', this.changed);
		if (this.note.textContent !== this.labels.fromLink || !this.changed) this.showNote(this.changed ? this.labels.changed : '');
		this.dispatchEvent(new CustomEvent('cell-change', { bubbles: true }));
	}

	/** The reader's time limit, if it is a whole number of seconds in 1..600; otherwise the old one stays. */
	private setTimeLimit(input: HTMLInputElement): void {
		const seconds = Number(input.value);
		if (Number.isInteger(seconds) && seconds >= 1 && seconds <= 600) {
			this.timeLimitS = seconds;
			return;
		}
		input.value = String(this.timeLimitS);
		this.status.textContent = this.labels.limitRefused(this.timeLimitS);
	}

	reset(): void {
		this.pending = null;
		this.editor?.setCode(this.original);
		this.markChanged();
		this.showNote('');
	}

	/** Runs the cell; resolves with whether it finished without an error. */
	async run(): Promise<boolean> {
		if (busy(this)) return false;
		this.showLive();
		if (this.note.textContent === this.labels.fromLink) this.showNote(this.labels.changed);
		return this.send({ type: 'run', cell: this.cellId, code: this.code });
	}

	/** A code exercise: runs the cell's code, then the hidden tests against it. */
	check(tests: HiddenTests, onChecked: (event: Extract<CellEvent, { type: 'checked' }>) => void): Promise<boolean> {
		this.onChecked = onChecked;
		this.showLive();
		return this.send({ type: 'check', cell: this.cellId, code: this.code, tests });
	}
	/** Shows the toolbar and the output, also for a cell that Run all or an exercise runs before it was seen. */
	private showLive(): void {
		this.querySelector<HTMLElement>('.w-live')!.hidden = false;
	}
	private onChecked: ((event: Extract<CellEvent, { type: 'checked' }>) => void) | null = null;

	private send(command: Parameters<typeof submit>[1]): Promise<boolean> {
		this.output.replaceChildren();
		this.progressBar = null;
		this.status.textContent = this.labels.running;
		this.setAttribute('aria-busy', 'true');
		this.stopButton.disabled = false;
		return submit(this, command, this.timeLimitS * 1000);
	}

	private line(text: string, className: string): void {
		const pre = document.createElement('pre');
		pre.className = className;
		pre.textContent = text;
		this.output.append(pre);
	}

	onEvent(event: CellEvent): void {
		switch (event.type) {
			case 'console':
				return this.line(event.text, `cc-line cc-${event.level}`);
			case 'value':
				return this.line(event.text, 'cc-line cc-value');
			case 'error': {
				const at = event.line !== null ? ` (${this.labels.errorAt(event.line, event.column ?? 1)})` : '';
				return this.line(`${event.name}${at}: ${event.message}`, 'cc-line cc-error');
			}
			case 'plot':
				return this.drawPlot(event.spec);
			case 'progress': {
				if (!this.progressBar) {
					this.progressBar = document.createElement('progress');
					this.progressBar.max = 1;
					this.progressBar.className = 'cc-progress';
					this.output.prepend(this.progressBar);
				}
				this.progressBar.value = event.fraction;
				this.progressBar.setAttribute('aria-label', event.label || this.labels.progress);
				return;
			}
			case 'checked':
				this.onChecked?.(event);
				return;
			case 'done':
				this.status.textContent = event.ok ? this.labels.done(event.ms) : this.labels.failed;
				this.finish();
		}
	}

	private finish(): void {
		this.removeAttribute('aria-busy');
		this.stopButton.disabled = true;
	}

	onReset(why: 'stop' | 'timeLimit' | null, again: string[]): void {
		if (why === null) return;
		const reason = why === 'stop' ? this.labels.stoppedByReader : this.labels.timeLimit(this.timeLimitS);
		const text = this.labels.stopped(reason, again);
		this.line(text, 'cc-line cc-error');
		this.status.textContent = text;
		this.finish();
	}

	private drawPlot(spec: PlotSpec): void {
		const rows = spec.series.flatMap((s) => s.y.map((y, i) => ({ series: s.name, x: s.x ? s.x[i] : i + 1, y })));
		const names = spec.series.map((s) => s.name);
		const box = document.createElement('figure');
		box.className = 'cc-plot';
		const chart = plotChart({
			width: Math.min(640, this.output.clientWidth || 640),
			height: 220,
			ariaLabel: spec.title ?? this.labels.chart(names),
			x: { label: spec.xLabel ?? null },
			y: { label: spec.yLabel ?? null, grid: true },
			color: { legend: names.length > 1 },
			marks: [Plot.lineY(rows, { x: 'x', y: 'y', stroke: 'series', ariaHidden: 'true' })],
		});
		const caption = document.createElement('figcaption');
		// The chart's text alternative: each series' first and last value.
		caption.textContent =
			(spec.title ? `${spec.title}: ` : '') +
			spec.series.map((s) => `${s.name} ${s.y.length ? `${fmt(s.y[0])} → ${fmt(s.y.at(-1)!)}` : '—'} (${s.y.length})`).join('; ');
		box.append(chart, caption);
		this.output.append(box);
	}
}

/** How long typing must pause before the link is rewritten (a replaceState per key would be wasted work). */
const LINK_DEBOUNCE_MS = 400;
let linkTimer: ReturnType<typeof setTimeout> | undefined;

/** Keeps the address bar a link to the code the cells show: every changed cell's code, in `#cells=`. */
function writeLink(): void {
	const changed: Record<string, string> = {};
	for (const cell of document.querySelectorAll<CodeCellElement>('code-cell')) if (cell.changed) changed[cell.cellId] = cell.code;
	const hash = withSharedCells(location.hash, changed);
	if (hash !== location.hash) history.replaceState(history.state, '', `${location.pathname}${location.search}${hash}`);
}
document.addEventListener('cell-change', () => {
	clearTimeout(linkTimer);
	linkTimer = setTimeout(writeLink, LINK_DEBOUNCE_MS);
});

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(3));

if (!customElements.get('code-cell')) customElements.define('code-cell', CodeCellElement);
