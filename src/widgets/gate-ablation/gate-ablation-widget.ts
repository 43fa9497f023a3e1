/**
 * <gate-ablation>: the live part of the gate ablation figure (chapter 8.5), on the widget runtime
 * (declaration.ts; markup in components/GateAblation.astro).
 *
 * The reader picks 2–4 cell variants, the task, the length N, the seed and the gate-bias initialisation;
 * "Start training" sends the configs to the gate ablation's service in the compute worker
 * (gate-ablation.service.ts), which trains them in lockstep and sends evaluation points every ~30 ms. The
 * page only draws: two Observable Plot charts (accuracy, loss), the rows of the results table, a summary
 * sentence, and text alternatives with the numbers. Nothing starts by itself; hiding the tab pauses a run.
 *
 * The variant checkboxes are not a runtime field: while the reader changes picks, a selection of one is a
 * step on the way, not a state. The picks become the state `v` whenever they are a valid selection.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import { WidgetElement, defineElement } from '../runtime/element.ts';
import type { WorkerChannel } from '../runtime/channel.ts';
import declaration from './declaration.ts';
import { DEFAULTS, VARIANTS, parameterCount, summarize, type EvalPoint, type ResultRow, type TaskKind, type Variant } from './model.ts';
import { textFor, type AblationText } from './labels.ts';
import { MIN_VARIANTS, isValidSelection, selectedVariants, unavailableVariants } from './state.ts';
import { configsFor } from './run.ts';
import { isAblationEvent, type AblationCommand, type AblationEvent } from './protocol.ts';

/** Dash patterns per slot so colour is not the only cue. */
const DASH = [undefined, '6,3', '2,3', '8,3,2,3'];
/** Minimum time between chart redraws while training. */
const REDRAW_MS = 400;

/** `stopped`: the worker failed; only the runtime's Restart leads out of it. */
type Phase = 'idle' | 'running' | 'paused' | 'finished' | 'stopped';

/** An element with a class and text (the rows of the results table and the legend are drawn per run). */
function node<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
	const e = document.createElement(tag);
	if (className) e.className = className;
	if (text !== undefined) e.textContent = text;
	return e;
}

export class GateAblationElement extends WidgetElement<typeof declaration.schema> {
	protected readonly declaration = declaration;
	#text: AblationText = textFor('en');
	#channel!: WorkerChannel<AblationCommand, AblationEvent>;
	#phase: Phase = 'idle';
	#phaseAtFault: Phase = 'idle';
	/** Paused because the tab was hidden (not by the reader): showing the tab resumes. */
	#pausedByHiding = false;
	/** Indices of the checked variants, which may be fewer than a run needs while the reader changes them. */
	#picked: number[] = [];
	/** Variants of the current (or last) run, in slot order. */
	#running: Variant[] = [];
	#series = new Map<Variant, EvalPoint[]>();
	#rows: ResultRow[] = [];
	#step = 0;
	#elapsedMs = 0;
	#redrawTimer: ReturnType<typeof setTimeout> | undefined;
	#partTimer: ReturnType<typeof setTimeout> | undefined;
	#lastDraw = 0;
	#renderGeneration = 0;

	#checks = new Map<number, HTMLInputElement>();
	#hint!: HTMLElement;
	#startButton!: HTMLButtonElement;
	#stepOut!: HTMLOutputElement;
	#timeOut!: HTMLOutputElement;
	#status!: HTMLElement;
	#legend!: HTMLElement;
	#charts = {} as Record<'accuracy' | 'loss', { chart: HTMLElement; alt: HTMLElement }>;
	#tableCaption!: HTMLElement;
	#tableBody!: HTMLTableSectionElement;
	#summary!: HTMLElement;

	protected hydrate(): void {
		this.#text = textFor(this.pageLang);
		this.#hint = this.querySelector('[data-hint]')!;
		this.#startButton = this.querySelector('[data-toggle]')!;
		this.#stepOut = this.querySelector('output[data-readout="step"]')!;
		this.#timeOut = this.querySelector('output[data-readout="time"]')!;
		this.#status = this.querySelector('[data-status]')!;
		this.#legend = this.querySelector('[data-legend]')!;
		for (const kind of ['accuracy', 'loss'] as const) {
			this.#charts[kind] = { chart: this.querySelector(`[data-chart="${kind}"]`)!, alt: this.querySelector(`[data-chart-alt="${kind}"]`)! };
		}
		this.#tableCaption = this.querySelector('[data-results-caption]')!;
		this.#tableBody = this.querySelector('tbody[data-results]')!;
		this.#summary = this.querySelector('[data-summary]')!;
		for (const input of this.querySelectorAll<HTMLInputElement>('input[data-variant]')) {
			this.#checks.set(Number(input.value), input);
			// At the limit the other boxes stay focusable but refuse the pick (aria-disabled), and say why.
			input.addEventListener(
				'click',
				(event) => {
					if (input.getAttribute('aria-disabled') !== 'true') return;
					event.preventDefault();
					this.#refusePick();
				},
				{ signal: this.signal },
			);
			input.addEventListener('change', () => this.#onPicksChanged(), { signal: this.signal });
		}
		this.#channel = this.channel<AblationCommand, AblationEvent>({ isEvent: isAblationEvent, onEvent: (event) => this.#onEvent(event) });
		this.#startButton.addEventListener('click', () => this.#onStartPause(), { signal: this.signal });
		this.#showPicks();
		this.#clearResults();
	}

	/** A changed setting invalidates the current curves: stop the run and start over from a clean slate. */
	protected changed(keys: string[]): void {
		if (keys.includes('v')) this.#showPicks();
		this.#stopAndClear();
	}

	/** Reset also brings back the default picks when the reader had fewer checked than a run needs. */
	protected reset(): void {
		super.reset();
		this.#showPicks();
		this.#stopAndClear();
	}

	protected onFault(): void {
		this.#phaseAtFault = this.#phase;
		this.#pausedByHiding = false;
		this.#phase = 'stopped';
		this.#status.textContent = this.#text.halted;
		this.#renderProgress();
	}

	protected onRestart(): void {
		const wasTraining = this.#phaseAtFault === 'running' || this.#phaseAtFault === 'paused';
		this.#phase = 'idle';
		this.#clearResults();
		if (wasTraining) this.#start();
	}

	protected onHidden(): void {
		if (this.#phase !== 'running') return;
		this.#pausedByHiding = true;
		this.#pause();
	}

	protected onVisible(): void {
		if (!this.#pausedByHiding || this.#phase !== 'paused') return;
		this.#pausedByHiding = false;
		this.#resume();
	}

	protected teardown(): void {
		clearTimeout(this.#redrawTimer);
		clearTimeout(this.#partTimer);
	}

	/** Shows the state's variants in the checkboxes (after load, a link or Reset). */
	#showPicks(): void {
		this.#picked = [...this.state.v].sort((a, b) => a - b);
		for (const [k, input] of this.#checks) input.checked = this.#picked.includes(k);
		this.#updateHint();
	}

	#onPicksChanged(): void {
		this.#picked = [...this.#checks].filter(([, input]) => input.checked).map(([k]) => k);
		this.#updateHint();
		// Only a selection a run can use becomes the state (and the link); fewer picks just stop the run.
		const changed = JSON.stringify(this.#picked) !== JSON.stringify(this.state.v);
		if (isValidSelection({ v: this.#picked }) && changed) this.update({ v: this.#picked });
		else this.#stopAndClear();
	}

	#updateHint(): void {
		const n = this.#picked.length;
		this.#hint.textContent = this.#text.pickHint(n);
		// Too few is a problem to fix; the limit is a note until the reader tries to go past it.
		this.#hint.dataset.tone = n < MIN_VARIANTS ? 'alert' : 'note';
		this.#renderProgress();
		// Once four are chosen, the others are marked unavailable (dimmed, still reachable with Tab), so the limit is visible before it bites.
		const unavailable = new Set(unavailableVariants({ v: this.#picked }));
		for (const [k, input] of this.#checks) {
			const off = unavailable.has(VARIANTS[k]);
			if (off) {
				input.setAttribute('aria-disabled', 'true');
				input.setAttribute('aria-describedby', this.#hint.id); // read on focus: why it cannot be picked
			} else {
				input.removeAttribute('aria-disabled');
				input.removeAttribute('aria-describedby');
			}
			input.parentElement?.classList.toggle('ga-unavailable', off);
		}
	}

	/** A fifth pick: nothing changes, and the hint says why, again (a fresh text node, so screen readers announce it). */
	#refusePick(): void {
		this.#hint.dataset.tone = 'alert';
		this.#hint.replaceChildren(document.createTextNode(this.#text.pickHint(this.#picked.length)));
	}

	#stopAndClear(): void {
		// The worker is mid-run: end it (the next run gets a fresh one) rather than let it train for nothing.
		if (this.#phase === 'running' || this.#phase === 'paused') this.#channel.restart();
		this.#clearResults();
	}

	#clearResults(): void {
		if (this.#phase !== 'stopped') this.#phase = 'idle';
		this.#pausedByHiding = false;
		this.#running = selectedVariants({ v: this.#picked });
		this.#series = new Map(this.#running.map((v) => [v, []]));
		this.#rows = [];
		this.#step = 0;
		this.#elapsedMs = 0;
		this.#status.textContent = this.#phase === 'stopped' ? this.#text.halted : this.#text.idle(this.#picked.length);
		this.#render();
	}

	#start(): void {
		if (!isValidSelection({ v: this.#picked })) return;
		this.#clearResults();
		this.#phase = 'running';
		this.#status.textContent = this.#text.running;
		this.#channel.start({ type: 'start', configs: configsFor(this.state) });
		this.#renderProgress();
	}

	#pause(): void {
		this.#phase = 'paused';
		this.#channel.send({ type: 'pause' });
		this.#status.textContent = this.#text.paused;
		this.#renderProgress();
	}

	#resume(): void {
		this.#phase = 'running';
		this.#channel.send({ type: 'resume' });
		this.#status.textContent = this.#text.running;
		this.#renderProgress();
	}

	#onStartPause(): void {
		this.#pausedByHiding = false;
		if (this.#phase === 'running') this.#pause();
		else if (this.#phase === 'paused') this.#resume();
		else if (this.#phase !== 'stopped') this.#start();
	}

	#onEvent(event: AblationEvent): void {
		if (event.type === 'paused') return;
		for (const { variant, point } of event.points) this.#series.get(variant)?.push(point);
		this.#rows = event.rows;
		this.#step = event.step;
		this.#elapsedMs = event.elapsedMs;
		if (event.failures.length > 0) {
			this.#status.textContent = event.failures.map((f) => this.#text.failed(f.variant, f.message)).join(' ');
		}
		if (event.done) {
			this.#phase = 'finished';
			if (event.failures.length === 0) this.#status.textContent = this.#text.finished(event.elapsedMs);
			this.#render();
			return;
		}
		this.#renderProgress();
		this.#scheduleDraw();
	}

	/** Redraws at most every REDRAW_MS while training, so drawing never competes with reading. */
	#scheduleDraw(): void {
		if (this.#redrawTimer !== undefined) return;
		const wait = Math.max(0, REDRAW_MS - (performance.now() - this.#lastDraw));
		this.#redrawTimer = setTimeout(() => {
			this.#redrawTimer = undefined;
			this.#render();
		}, wait);
	}

	/**
	 * Redraws everything, one part per task (each chart, then the table and sentence), so no single task
	 * on the main thread grows long while training is under way. Parts read the state when they run.
	 */
	#render(): void {
		this.#lastDraw = performance.now();
		this.#renderProgress();
		const parts = [
			() => this.#renderChart('accuracy'),
			() => this.#renderChart('loss'),
			() => {
				this.#renderLegend();
				this.#renderTable();
				const s = summarize(this.#rows);
				this.#summary.textContent =
					this.#rows.length === 0
						? this.#text.idle(this.#picked.length)
						: this.#text.summary(s, this.#step, this.state.n, this.state.task as TaskKind, this.#phase === 'finished');
			},
		];
		const generation = ++this.#renderGeneration;
		const next = () => {
			if (generation !== this.#renderGeneration) return; // a newer redraw has started
			const part = parts.shift();
			if (!part) return;
			const start = performance.now();
			part();
			// Visible in the browser's performance panel: the main-thread cost of each part of a redraw.
			performance.measure('gate-ablation redraw', { start });
			if (parts.length > 0) this.#partTimer = setTimeout(next, 0);
		};
		next();
	}

	#renderProgress(): void {
		const t = this.#text;
		this.#stepOut.value = t.stepOf(this.#step, DEFAULTS.maxSteps);
		this.#timeOut.value = t.seconds(this.#elapsedMs);
		this.#startButton.textContent = this.#phase === 'running' ? t.pause : this.#phase === 'paused' ? t.resume : t.start;
		const startable = this.#phase === 'running' || this.#phase === 'paused' || isValidSelection({ v: this.#picked });
		this.#startButton.disabled = this.#phase === 'stopped' || !startable;
		this.dataset.phase = this.#phase;
	}

	#renderLegend(): void {
		this.#legend.replaceChildren(
			...this.#running.map((v, slot) => {
				const item = node('li', `ga-legend-item ga-slot-${slot}`);
				const swatch = node('span', 'ga-swatch');
				swatch.setAttribute('aria-hidden', 'true');
				item.append(swatch, document.createTextNode(`${this.#text.short(v)}: ${this.#text.name(v)}`));
				return item;
			}),
		);
	}

	#renderChart(kind: 'accuracy' | 'loss'): void {
		const { chart, alt } = this.#charts[kind];
		alt.textContent = this.#text.chartAlt(this.#rows, kind);
		chart.replaceChildren(this.#plot(kind, alt));
	}

	#plot(kind: 'accuracy' | 'loss', alt: HTMLElement): SVGSVGElement | HTMLElement {
		const t = this.#text;
		const width = Math.max(260, Math.min(640, this.#charts.accuracy.chart.clientWidth || 320));
		const maxLoss = Math.max(1.5, ...[...this.#series.values()].flat().map((p) => p.loss));
		const marks: Plot.Markish[] = [
			Plot.ruleY([kind === 'accuracy' ? 25 : 0], { strokeOpacity: 0.4, strokeDasharray: kind === 'accuracy' ? '3,3' : undefined, ariaHidden: 'true' }),
		];
		if (kind === 'accuracy') marks.push(Plot.ruleY([90], { strokeOpacity: 0.25, ariaHidden: 'true' }));
		this.#running.forEach((v, slot) => {
			const data = [{ step: 0, accuracy: NaN, loss: NaN }, ...(this.#series.get(v) ?? [])].filter((p) => Number.isFinite(p.loss));
			if (data.length === 0) return;
			marks.push(
				Plot.line(data, {
					x: 'step',
					y: (p: EvalPoint) => (kind === 'accuracy' ? p.accuracy * 100 : p.loss),
					stroke: 'currentColor',
					strokeWidth: 2,
					strokeDasharray: DASH[slot],
					className: `ga-line ga-slot-${slot}`,
					ariaHidden: 'true', // the text alternative below the chart states the numbers
				}),
			);
		});
		return plotChart({
			width,
			height: Math.round(Math.min(260, width * 0.6)),
			marginLeft: 44,
			marginBottom: 36,
			style: { background: 'transparent', color: 'currentColor', fontSize: '12px', overflow: 'visible' },
			ariaLabel: kind === 'accuracy' ? t.accuracyChart : t.lossChart,
			ariaDescription: alt.textContent ?? undefined,
			x: { domain: [0, DEFAULTS.maxSteps], label: t.stepAxis, grid: true, ticks: 4 },
			y: kind === 'accuracy' ? { domain: [0, 100], label: t.accuracyAxis, grid: true, ticks: 5 } : { domain: [0, maxLoss], label: t.lossAxis, grid: true, ticks: 4 },
			marks,
		});
	}

	#renderTable(): void {
		const t = this.#text;
		const final = this.#phase === 'finished';
		this.#tableCaption.textContent = t.resultsCaption(final);
		const byVariant = new Map(this.#rows.map((r) => [r.variant, r]));
		this.#tableBody.replaceChildren(
			...this.#running.map((v, slot) => {
				const r = byVariant.get(v);
				const tr = node('tr', `ga-slot-${slot}`);
				const th = node('th');
				th.scope = 'row';
				const sw = node('span', 'ga-swatch');
				sw.setAttribute('aria-hidden', 'true');
				// Full name on wide screens, the legend's short name on narrow ones (CSS picks one).
				th.append(sw, node('span', 'ga-name-full', t.name(v)), node('span', 'ga-name-short', t.short(v)));
				const cell = (text: string, label: string) => {
					const td = node('td');
					const out = node('output');
					out.setAttribute('aria-label', t.cellLabel(label, t.short(v)));
					out.value = text;
					td.append(out);
					return td;
				};
				tr.append(
					th,
					node('td', 'ga-col-params', t.paramsCell(parameterCount(v, DEFAULTS.hiddenSize))),
					cell(r ? t.percent(r.accuracy) : '–', t.colAccuracy),
					cell(r ? r.loss.toFixed(3) : '–', t.colLoss),
					cell(r ? (r.stepsToTarget === null ? t.notReached(final) : String(r.stepsToTarget)) : '–', t.colTo90),
				);
				return tr;
			}),
		);
	}
}

defineElement('gate-ablation', GateAblationElement);
