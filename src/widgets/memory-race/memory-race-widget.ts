/**
 * <memory-race>: the live part of the memory race (chapter 1.3). Loaded lazily by components/MemoryRace.astro.
 *
 * A Web Worker trains the LSTM and the RNN in lockstep (race.worker.ts); this element only keeps their
 * curves and draws them (Observable Plot), at most a few times a second. Nothing starts until the
 * reader presses "Start training". Changing a setting or pressing Reset ends the run.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import { button, copyLinkControl, el, integerControl, rangeControl, selectControl, uid, urlBinding } from '../shared/dom.ts';
import { defaultState } from '../shared/url-state.ts';
import { WorkerRuns } from '../shared/worker-channel.ts';
import { LSTM_HIDDEN, MAX_STEPS, N_MAX, N_MIN, lstmParams, matchedRnnHidden, rnnParams, reachedSteps, type RacerKind } from './model.ts';
import { CHANCE } from './task.ts';
import { RACER_NAMES, textFor, type MemoryRaceText, type RacerSummary } from './labels.ts';
import { ANCHOR_ID, SCHEMA, SEED_MAX, URL_PREFIX, settingsOf, type RaceState } from './state.ts';
import { RACERS, type RaceCommand, type RaceEvent, type RacePoint } from './race.worker.ts';
/** The RNN is dashed so colour is not the only cue; colours come from CSS classes mr-mark-lstm / mr-mark-rnn. */
const DASH: Record<RacerKind, string | undefined> = { lstm: undefined, rnn: '6,4' };
/** Shortest time between two redraws of the charts while training. */
const REDRAW_MS = 400;
/** Points drawn per curve at most (the curve is already a moving average; more points only cost time). */
const MAX_DRAWN = 300;

/** Every k-th point so that at most `max` remain, always keeping the last one. */
function thin<T>(points: readonly T[], max: number): T[] {
	if (points.length <= max) return [...points];
	const every = Math.ceil(points.length / max);
	const out = points.filter((_, k) => k % every === 0);
	if ((points.length - 1) % every !== 0) out.push(points[points.length - 1]);
	return out;
}

type Phase = 'idle' | 'running' | 'paused' | 'done';

export class MemoryRaceElement extends HTMLElement {
	#text: MemoryRaceText = textFor('en');
	#lang = 'en';
	#binding = urlBinding(SCHEMA, URL_PREFIX, ANCHOR_ID);
	#state: RaceState = defaultState(SCHEMA);
	#phase: Phase = 'idle';
	#runs!: WorkerRuns<RaceCommand, RaceEvent>;
	#points: Record<RacerKind, RacePoint[]> = { lstm: [], rnn: [] };
	#activeMs = 0;
	#setters: Array<(s: RaceState) => void> = [];
	#drawScheduled = false;
	#lastDraw = 0;
	#toggle!: HTMLButtonElement;
	#status!: HTMLParagraphElement;
	#notes!: HTMLParagraphElement;
	#budget!: HTMLParagraphElement;
	#outputs = {} as Record<string, HTMLOutputElement>;
	#accuracyChart!: HTMLDivElement;
	#lossChart!: HTMLDivElement;
	#summary!: HTMLParagraphElement;

	connectedCallback(): void {
		if (this.dataset.ready !== undefined) return;
		this.#lang = (this.dataset.lang ?? document.documentElement.lang ?? 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
		this.#text = textFor(this.#lang);
		this.#state = this.#binding.load();
		this.#runs = new WorkerRuns<RaceCommand, RaceEvent>(
			() => new Worker(new URL('./race.worker.ts', import.meta.url), { type: 'module' }),
			(event) => this.#onEvent(event),
			(message) => this.#fail(message),
		);
		this.#build();
		this.dataset.ready = '';
		this.#setPhase('idle');
		this.#draw();
	}

	disconnectedCallback(): void {
		this.#runs?.terminate();
	}

	#build(): void {
		const t = this.#text;
		const s = this.#state;
		this.replaceChildren();
		const controls = el('fieldset', 'w-controls mr-controls');
		controls.append(el('legend', '', t.controls));
		const N = rangeControl({ label: t.N, min: N_MIN, max: N_MAX, step: 1, value: s.N, onInput: (v) => this.#change({ N: v }) });
		const init = selectControl(t.init, ['chrono', 'default'].map((v) => ({ value: v, text: t.initText[v] })), s.init, (v) => this.#change({ init: v }));
		const seed = integerControl({ label: t.seed, min: 0, max: SEED_MAX, value: s.seed, onChange: (v) => this.#change({ seed: v }) });
		// The select gets a row of its own (mr-init), so its longest option is shown whole; it comes last so
		// that N and the seed share the first row.
		init.root.classList.add('mr-init');
		this.#setters = [(st) => N.set(st.N), (st) => (init.select.value = st.init), (st) => seed.set(st.seed)];
		controls.append(N.root, seed.root, init.root);

		const actions = el('div', 'w-actions mr-actions');
		this.#toggle = button(t.start, () => this.#onToggle(), 'w-button mr-toggle');
		actions.append(
			this.#toggle,
			button(t.reset, () => this.#reset()),
			copyLinkControl(t, () => this.#binding.link(this.#state)),
		);

		this.#budget = el('p', 'mr-budget');
		this.#status = el('p', 'mr-status');
		this.#status.setAttribute('role', 'status');
		this.#notes = el('p', 'mr-notes');

		const readouts = el('div', 'mr-readouts');
		for (const kind of RACERS) {
			const name = RACER_NAMES[kind];
			const group = el('dl', `mr-racer mr-racer-${kind}`);
			group.setAttribute('aria-label', t.readouts(name));
			const heading = el('p', 'mr-racer-name', name);
			heading.setAttribute('aria-hidden', 'true');
			group.append(heading);
			for (const [key, label, shortLabel] of [
				['step', t.stepLabel(name), t.stepShort],
				['accuracy', t.accuracyLabel(name), t.accuracyShort],
				['loss', t.lossLabel(name), t.lossShort],
				['reached', t.reachedLabel(name), t.reachedShort],
			] as const) {
				group.append(this.#readout(`${kind}-${key}`, label, shortLabel));
			}
			readouts.append(group);
		}
		const timeGroup = el('dl', 'mr-racer mr-time');
		timeGroup.append(this.#readout('time', t.timeLabel));
		readouts.append(timeGroup);

		const legend = el('p', 'mr-legend');
		legend.setAttribute('aria-hidden', 'true');
		for (const kind of RACERS) {
			const item = el('span', `mr-key mr-key-${kind}`);
			item.append(el('span', 'mr-swatch'), document.createTextNode(RACER_NAMES[kind]));
			legend.append(item);
		}
		this.#accuracyChart = el('div', 'w-chart mr-chart');
		this.#lossChart = el('div', 'w-chart mr-chart');
		const charts = el('div', 'mr-charts');
		charts.append(this.#accuracyChart, this.#lossChart);
		this.#summary = el('p', 'mr-summary');
		this.append(controls, actions, this.#budget, this.#status, readouts, legend, charts, this.#summary, this.#notes);
		this.#showBudget();
	}

	/** A <dt>/<dd> pair: `shown` is the visible label, `label` the output's accessible name (with the model's name). */
	#readout(key: string, label: string, shown = label): HTMLDivElement {
		const row = el('div', 'mr-readout');
		const id = uid('mr-out');
		const dt = el('dt');
		const lab = el('label', '', shown);
		lab.htmlFor = id;
		dt.append(lab);
		const dd = el('dd');
		const out = el('output');
		out.id = id;
		out.setAttribute('aria-label', label);
		out.setAttribute('aria-live', 'off');
		dd.append(out);
		row.append(dt, dd);
		this.#outputs[key] = out;
		return row;
	}

	#showBudget(): void {
		const rnnH = matchedRnnHidden(LSTM_HIDDEN);
		this.#budget.textContent = this.#text.budget(LSTM_HIDDEN, lstmParams(LSTM_HIDDEN), rnnH, rnnParams(rnnH), this.#lang);
	}

	#change(patch: Partial<RaceState>): void {
		this.#state = { ...this.#state, ...patch };
		this.#binding.save(this.#state);
		this.#stop();
	}

	#reset(): void {
		this.#state = defaultState(SCHEMA);
		for (const set of this.#setters) set(this.#state);
		this.#binding.save(this.#state);
		this.#stop();
	}

	/** Ends both workers and clears the curves. */
	#stop(): void {
		this.#runs.terminate();
		this.#points = { lstm: [], rnn: [] };
		this.#activeMs = 0;
		this.#notes.textContent = '';
		this.#setPhase('idle');
		this.#draw();
	}

	#onToggle(): void {
		if (this.#phase === 'running') {
			this.#runs.send({ type: 'pause' });
			this.#setPhase('paused');
		} else if (this.#phase === 'paused') {
			this.#runs.send({ type: 'resume' });
			this.#setPhase('running');
		} else {
			if (this.#phase === 'done') this.#stop();
			this.#runs.start({ type: 'start', settings: settingsOf(this.#state) });
			this.#setPhase('running');
		}
	}

	#setPhase(phase: Phase): void {
		this.#phase = phase;
		const t = this.#text;
		this.#toggle.textContent = phase === 'running' ? t.pause : phase === 'paused' ? t.resume : t.start;
		this.#status.textContent = { idle: t.idle, running: t.running, paused: t.paused, done: t.done }[phase];
		this.dataset.phase = phase;
	}

	#onEvent(event: RaceEvent): void {
		switch (event.type) {
			case 'progress':
				for (const kind of RACERS) this.#points[kind].push(...event.points[kind]);
				this.#activeMs = event.activeMs;
				this.#scheduleDraw();
				break;
			case 'skipped':
				this.#notes.textContent = this.#text.skipped(RACER_NAMES[event.kind], event.step, event.message);
				break;
			case 'done':
				if (event.reason === 'nonfinite' && event.kind) this.#notes.textContent = this.#text.stopped(RACER_NAMES[event.kind]);
				this.#setPhase('done');
				this.#draw();
				break;
			default:
				break;
		}
	}

	#fail(message: string): void {
		this.#runs.terminate();
		this.#setPhase('idle');
		this.#notes.textContent = this.#text.error(message);
	}

	/** Redraws at most every REDRAW_MS, on an animation frame: many small messages become one paint. */
	#scheduleDraw(): void {
		if (this.#drawScheduled) return;
		this.#drawScheduled = true;
		const wait = Math.max(0, REDRAW_MS - (performance.now() - this.#lastDraw));
		setTimeout(() => requestAnimationFrame(() => {
			this.#drawScheduled = false;
			this.#draw();
		}), wait);
	}

	#draw(): void {
		const t = this.#text;
		this.#lastDraw = performance.now();
		performance.mark('memory-race:draw');
		const summaries = {} as Record<RacerKind, RacerSummary | null>;
		// The step at which each racer's plotted accuracy first reached 90 % (null: not yet).
		const reachedAt = reachedSteps(this.#points);
		for (const kind of RACERS) {
			const last = this.#points[kind].at(-1) ?? null;
			summaries[kind] = last;
			this.#outputs[`${kind}-step`].textContent = String(last?.step ?? 0);
			this.#outputs[`${kind}-accuracy`].textContent = last ? `${(last.accuracy * 100).toFixed(1)} %` : '—';
			this.#outputs[`${kind}-loss`].textContent = last ? last.loss.toFixed(3) : '—';
			const reached = reachedAt[kind];
			this.#outputs[`${kind}-reached`].textContent =
				reached !== null ? String(reached) : !last ? '—' : this.#phase === 'done' ? t.notReached : t.notReachedYet;
		}
		const seconds = this.#activeMs / 1000;
		this.#outputs.time.textContent = t.seconds(seconds);
		this.#summary.textContent = t.summary(summaries, seconds, { reached: reachedAt, finished: this.#phase === 'done' });
		this.#accuracyChart.replaceChildren(this.#plot('accuracy'));
		this.#lossChart.replaceChildren(this.#plot('loss'));
		// User Timing entry, so the cost of a redraw can be read from the page (tests, DevTools).
		performance.measure('memory-race:draw', 'memory-race:draw');
	}

	#plot(y: 'accuracy' | 'loss'): SVGSVGElement | HTMLElement {
		const t = this.#text;
		const maxStep = Math.max(50, ...RACERS.map((k) => this.#points[k].at(-1)?.step ?? 0));
		const width = Math.max(260, Math.min(420, this.#accuracyChart.clientWidth || 400));
		const data = RACERS.flatMap((kind) => thin(this.#points[kind], MAX_DRAWN).map((p) => ({ kind, step: p.step, value: p[y] })));
		return plotChart({
			width,
			height: Math.round(width * 0.62),
			marginLeft: 44,
			style: { background: 'transparent', color: 'currentColor', fontSize: '12px', overflow: 'visible' },
			ariaLabel: y === 'accuracy' ? t.accuracyChart : t.lossChart,
			ariaDescription: this.#summary.textContent ?? undefined,
			x: { domain: [0, Math.min(MAX_STEPS, maxStep)], label: t.axisStep },
			y:
				y === 'accuracy'
					? { domain: [0, 1], grid: true, label: t.axisAccuracy, tickFormat: (d: number) => `${Math.round(d * 100)} %` }
					: { domain: [0, Math.max(1.5, ...data.map((d) => (Number.isFinite(d.value) ? d.value : 0)))], grid: true, label: t.axisLoss },
			marks: [
				...(y === 'accuracy' ? [Plot.ruleY([CHANCE], { strokeDasharray: '2,3', strokeOpacity: 0.7, ariaHidden: 'true' })] : []),
				...RACERS.map((kind) =>
					Plot.line(
						data.filter((d) => d.kind === kind),
						{ x: 'step', y: 'value', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: DASH[kind], className: `mr-mark-${kind}`, ariaHidden: 'true' },
					),
				),
			],
		});
	}
}

if (!customElements.get('memory-race')) customElements.define('memory-race', MemoryRaceElement);
