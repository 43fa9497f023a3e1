/**
 * <gate-ablation>: the live part of the gate ablation figure (chapter 8.5). Loaded lazily by
 * components/GateAblation.astro when the figure comes on screen.
 *
 * The reader picks 2–4 cell variants, the task, the length N, the seed and the gate-bias initialisation; "Start training"
 * sends the configs to a worker (ablation.worker.ts), which trains them in lockstep and posts evaluation
 * points every ~30 ms. The page only draws: two Observable Plot charts (accuracy, loss), a results table
 * of <output>s, a summary sentence, and text alternatives with the numbers. Nothing starts by itself.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import { button, checkboxControl, copyLinkControl, el, integerControl, rangeControl, selectControl, uid, urlBinding } from '../shared/dom.ts';
import { WorkerRuns } from '../shared/worker-channel.ts';
import { DEFAULTS, DELAY_MAX, DELAY_MIN, INITS, SEED_MAX, TASKS, VARIANTS, parameterCount, summarize, type EvalPoint, type ResultRow, type TaskKind, type Variant } from './model.ts';
import { textFor, type AblationText } from './labels.ts';
import { MAX_VARIANTS, MIN_VARIANTS, SCHEMA, URL_PREFIX, configsFor, isValidSelection, selectedVariants, stateFromSearch, unavailableVariants, type AblationState } from './state.ts';
import type { AblationCommand, AblationEvent } from './protocol.ts';

/** Dash patterns per slot so colour is not the only cue. */
const DASH = [undefined, '6,3', '2,3', '8,3,2,3'];
/** Minimum time between chart redraws while training. */
const REDRAW_MS = 400;

type Phase = 'idle' | 'running' | 'paused' | 'finished';

export class GateAblationElement extends HTMLElement {
	#text: AblationText = textFor('en');
	#state!: AblationState;
	#url = urlBinding(SCHEMA, URL_PREFIX, 'gate-ablation');
	#runs: WorkerRuns<AblationCommand, AblationEvent> | null = null;
	#phase: Phase = 'idle';
	/** Variants of the current (or last) run, in slot order. */
	#running: Variant[] = [];
	#series = new Map<Variant, EvalPoint[]>();
	#rows: ResultRow[] = [];
	#step = 0;
	#elapsedMs = 0;
	#redrawTimer: number | null = null;
	#lastDraw = 0;
	#renderGeneration = 0;

	#checks = new Map<Variant, HTMLInputElement>();
	#hint!: HTMLParagraphElement;
	#delay!: ReturnType<typeof rangeControl>;
	#seed!: ReturnType<typeof integerControl>;
	#init!: HTMLSelectElement;
	#task!: HTMLSelectElement;
	#startButton!: HTMLButtonElement;
	#stepOut!: HTMLOutputElement;
	#timeOut!: HTMLOutputElement;
	#status!: HTMLSpanElement;
	#legend!: HTMLUListElement;
	#accChart!: HTMLDivElement;
	#lossChart!: HTMLDivElement;
	#accAlt!: HTMLParagraphElement;
	#lossAlt!: HTMLParagraphElement;
	#tableCaption!: HTMLTableCaptionElement;
	#tableBody!: HTMLTableSectionElement;
	#summary!: HTMLParagraphElement;

	connectedCallback(): void {
		if (this.dataset.ready !== undefined) return;
		this.#text = textFor(this.dataset.lang ?? document.documentElement.lang);
		this.#state = stateFromSearch(location.search);
		this.#build();
		this.dataset.ready = '';
		this.#syncControls();
		this.#clearResults();
	}

	disconnectedCallback(): void {
		this.#runs?.terminate();
		this.#runs = null;
	}

	#build(): void {
		const t = this.#text;
		this.replaceChildren();

		const variants = el('fieldset', 'ga-variants');
		variants.append(el('legend', 'w-label', t.pick));
		const grid = el('div', 'ga-variant-grid');
		this.#hint = el('p', 'ga-hint');
		this.#hint.id = uid('ga-hint');
		this.#hint.setAttribute('aria-live', 'polite');
		for (const v of VARIANTS) {
			const { root, input } = checkboxControl(t.name(v), false, () => this.#onVariantsChanged());
			// The count wraps as one piece ("1,412 parameters", "1,412 个参数"); the space before it is where a line may break.
			const count = el('span', 'ga-params', `· ${t.params(parameterCount(v, DEFAULTS.hiddenSize))}`);
			root.append(' ', count);
			// At the limit the other boxes stay focusable but refuse the pick (aria-disabled), and say why.
			input.addEventListener('click', (event) => {
				if (input.getAttribute('aria-disabled') !== 'true') return;
				event.preventDefault();
				this.#refusePick();
			});
			grid.append(root);
			this.#checks.set(v, input);
		}
		variants.setAttribute('aria-describedby', this.#hint.id);
		variants.append(grid, this.#hint);

		const settings = el('div', 'ga-settings');
		const task = selectControl(
			t.task,
			TASKS.map((value) => ({ value, text: t.taskName(value) })),
			this.#state.task,
			(value) => this.#update({ task: value }),
		);
		task.root.classList.add('ga-task');
		this.#task = task.select;
		this.#delay = rangeControl({
			label: t.delay,
			min: DELAY_MIN,
			max: DELAY_MAX,
			step: 1,
			value: this.#state.n,
			onInput: (n) => this.#update({ n }),
		});
		const seedField = integerControl({ label: t.seed, min: 0, max: SEED_MAX, value: this.#state.seed, onChange: (seed) => this.#update({ seed }) });
		seedField.root.classList.add('ga-seed');
		this.#seed = seedField;
		const init = selectControl(
			t.init,
			INITS.map((value) => ({ value, text: t.initName(value) })),
			this.#state.init,
			(value) => this.#update({ init: value }),
		);
		init.root.classList.add('ga-init');
		this.#init = init.select;
		settings.append(task.root, this.#delay.root, seedField.root, init.root);

		const actions = el('div', 'ga-actions');
		this.#startButton = button(t.start, () => this.#onStartPause(), 'w-button ga-start');
		const reset = button(t.reset, () => this.#reset());
		const copy = copyLinkControl(t, () => this.#url.link(this.#state));
		actions.append(this.#startButton, reset, copy);

		const progress = el('div', 'ga-progress');
		this.#stepOut = this.#readout(progress, t.step);
		this.#timeOut = this.#readout(progress, t.elapsed);
		this.#status = el('span', 'ga-status');
		this.#status.setAttribute('role', 'status');
		progress.append(this.#status);

		this.#legend = el('ul', 'ga-legend');
		const charts = el('div', 'ga-charts');
		const acc = this.#chartBox(t.accuracyChart);
		const loss = this.#chartBox(t.lossChart);
		[this.#accChart, this.#accAlt] = [acc.chart, acc.alt];
		[this.#lossChart, this.#lossAlt] = [loss.chart, loss.alt];
		charts.append(acc.root, loss.root);

		const wrap = el('div', 'widget-table-wrap');
		const table = el('table', 'widget-table ga-results');
		this.#tableCaption = el('caption', '', t.resultsCaption(false));
		table.append(this.#tableCaption);
		const head = el('thead');
		const hr = el('tr');
		for (const h of [t.colVariant, t.colParams, t.colAccuracy, t.colLoss, t.colTo90]) {
			const th = el('th', h === t.colParams ? 'ga-col-params' : '', h);
			th.scope = 'col';
			hr.append(th);
		}
		head.append(hr);
		this.#tableBody = el('tbody');
		table.append(head, this.#tableBody);
		wrap.append(table);

		this.#summary = el('p', 'ga-summary');

		this.append(variants, settings, actions, progress, this.#legend, charts, wrap, this.#summary);
	}

	#readout(parent: HTMLElement, label: string): HTMLOutputElement {
		const box = el('span', 'ga-readout');
		const out = el('output');
		out.id = uid('ga-out');
		out.setAttribute('aria-live', 'off');
		const lab = el('label', 'w-label', label);
		lab.htmlFor = out.id;
		box.append(lab, document.createTextNode(' '), out);
		parent.append(box);
		return out;
	}

	#chartBox(title: string): { root: HTMLDivElement; chart: HTMLDivElement; alt: HTMLParagraphElement } {
		const root = el('div', 'ga-chart-box');
		const heading = el('p', 'ga-chart-title', title);
		const chart = el('div', 'w-chart ga-chart');
		const alt = el('p', 'w-description ga-chart-alt');
		alt.id = uid('ga-alt');
		root.append(heading, chart, alt);
		return { root, chart, alt };
	}

	/** Writes the state into every control (after load or reset). */
	#syncControls(): void {
		const chosen = new Set(selectedVariants(this.#state));
		for (const [v, input] of this.#checks) input.checked = chosen.has(v);
		this.#delay.set(this.#state.n);
		this.#seed.set(this.#state.seed);
		this.#init.value = this.#state.init;
		this.#task.value = this.#state.task;
		this.#updateHint();
	}

	#onVariantsChanged(): void {
		const v = VARIANTS.map((name, k) => (this.#checks.get(name)!.checked ? k : -1)).filter((k) => k >= 0);
		this.#state = { ...this.#state, v };
		this.#updateHint();
		if (isValidSelection(this.#state)) this.#url.save(this.#state);
		this.#stopAndClear();
	}

	#updateHint(): void {
		const n = this.#state.v.length;
		this.#hint.textContent = this.#text.pickHint(n);
		// Too few is a problem to fix; the limit is a note until the reader tries to go past it.
		this.#hint.dataset.tone = n < MIN_VARIANTS ? 'alert' : 'note';
		this.#startButton.disabled = n < MIN_VARIANTS || n > MAX_VARIANTS;
		// Once four are chosen, the others are marked unavailable (dimmed, still reachable with Tab), so the limit is visible before it bites.
		const unavailable = new Set(unavailableVariants(this.#state));
		for (const [v, input] of this.#checks) {
			if (unavailable.has(v)) {
				input.setAttribute('aria-disabled', 'true');
				input.setAttribute('aria-describedby', this.#hint.id); // read on focus: why it cannot be picked
			} else {
				input.removeAttribute('aria-disabled');
				input.removeAttribute('aria-describedby');
			}
			input.parentElement?.classList.toggle('ga-unavailable', unavailable.has(v));
		}
	}

	/** A fifth pick: nothing changes, and the hint says why, again (a fresh text node, so screen readers announce it). */
	#refusePick(): void {
		this.#hint.dataset.tone = 'alert';
		this.#hint.replaceChildren(document.createTextNode(this.#text.pickHint(this.#state.v.length)));
	}

	/** A changed setting invalidates the current curves: stop the run and start over from a clean slate. */
	#update(change: Partial<AblationState>): void {
		this.#state = { ...this.#state, ...change };
		this.#url.save(this.#state);
		this.#stopAndClear();
	}

	#reset(): void {
		this.#state = stateFromSearch('');
		this.#url.save(this.#state);
		this.#syncControls();
		this.#stopAndClear();
	}

	#stopAndClear(): void {
		if (this.#phase === 'running' || this.#phase === 'paused') this.#runs?.terminate();
		this.#clearResults();
	}

	#clearResults(): void {
		this.#phase = 'idle';
		this.#running = selectedVariants(this.#state);
		this.#series = new Map(this.#running.map((v) => [v, []]));
		this.#rows = [];
		this.#step = 0;
		this.#elapsedMs = 0;
		this.#status.textContent = this.#text.idle(this.#state.v.length);
		this.#render();
	}

	#onStartPause(): void {
		if (this.#phase === 'running') {
			this.#phase = 'paused';
			this.#runs?.send({ type: 'pause' });
			this.#status.textContent = this.#text.paused;
			this.#renderProgress();
			return;
		}
		if (this.#phase === 'paused') {
			this.#phase = 'running';
			this.#runs?.send({ type: 'resume' });
			this.#status.textContent = this.#text.running;
			this.#renderProgress();
			return;
		}
		if (!isValidSelection(this.#state)) return;
		this.#clearResults();
		this.#runs ??= new WorkerRuns<AblationCommand, AblationEvent>(
			() => new Worker(new URL('./ablation.worker.ts', import.meta.url), { type: 'module' }),
			(event) => this.#onEvent(event),
			(message) => this.#onWorkerError(message),
		);
		this.#phase = 'running';
		this.#status.textContent = this.#text.running;
		this.#runs.start({ type: 'start', configs: configsFor(this.#state) });
		this.#renderProgress();
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

	#onWorkerError(message: string): void {
		this.#phase = 'idle';
		this.#status.textContent = this.#text.workerFailed(message);
		this.#renderProgress();
	}

	/** Redraws at most every REDRAW_MS while training, so drawing never competes with reading. */
	#scheduleDraw(): void {
		if (this.#redrawTimer !== null) return;
		const wait = Math.max(0, REDRAW_MS - (performance.now() - this.#lastDraw));
		this.#redrawTimer = window.setTimeout(() => {
			this.#redrawTimer = null;
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
						? this.#text.idle(this.#state.v.length)
						: this.#text.summary(s, this.#step, this.#state.n, this.#state.task as TaskKind, this.#phase === 'finished');
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
			if (parts.length > 0) setTimeout(next, 0);
		};
		next();
	}

	#renderProgress(): void {
		const t = this.#text;
		this.#stepOut.value = t.stepOf(this.#step, DEFAULTS.maxSteps);
		this.#timeOut.value = t.seconds(this.#elapsedMs);
		this.#startButton.textContent = this.#phase === 'running' ? t.pause : this.#phase === 'paused' ? t.resume : t.start;
		this.dataset.phase = this.#phase;
	}

	#renderLegend(): void {
		this.#legend.replaceChildren(
			...this.#running.map((v, slot) => {
				const item = el('li', `ga-legend-item ga-slot-${slot}`);
				const swatch = el('span', 'ga-swatch');
				swatch.setAttribute('aria-hidden', 'true');
				item.append(swatch, document.createTextNode(`${this.#text.short(v)}: ${this.#text.name(v)}`));
				return item;
			}),
		);
	}

	#renderChart(kind: 'accuracy' | 'loss'): void {
		const [chart, alt] = kind === 'accuracy' ? [this.#accChart, this.#accAlt] : [this.#lossChart, this.#lossAlt];
		alt.textContent = this.#text.chartAlt(this.#rows, kind);
		chart.replaceChildren(this.#plot(kind, alt));
	}

	#plot(kind: 'accuracy' | 'loss', alt: HTMLParagraphElement): SVGSVGElement | HTMLElement {
		const t = this.#text;
		const width = Math.max(260, Math.min(640, this.#accChart.clientWidth || 320));
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
				const tr = el('tr', `ga-slot-${slot}`);
				const th = el('th');
				th.scope = 'row';
				const sw = el('span', 'ga-swatch');
				sw.setAttribute('aria-hidden', 'true');
				// Full name on wide screens, the legend's short name on narrow ones (CSS picks one).
				th.append(sw, el('span', 'ga-name-full', t.name(v)), el('span', 'ga-name-short', t.short(v)));
				const cell = (text: string, label: string) => {
					const td = el('td');
					const out = el('output');
					out.setAttribute('aria-label', t.cellLabel(label, t.short(v)));
					out.value = text;
					td.append(out);
					return td;
				};
				tr.append(
					th,
					el('td', 'ga-col-params', t.paramsCell(parameterCount(v, DEFAULTS.hiddenSize))),
					cell(r ? t.percent(r.accuracy) : '–', t.colAccuracy),
					cell(r ? r.loss.toFixed(3) : '–', t.colLoss),
					cell(r ? (r.stepsToTarget === null ? t.notReached(final) : String(r.stepsToTarget)) : '–', t.colTo90),
				);
				return tr;
			}),
		);
	}
}

if (!customElements.get('gate-ablation')) customElements.define('gate-ablation', GateAblationElement);
