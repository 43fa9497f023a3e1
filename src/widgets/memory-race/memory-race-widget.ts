/**
 * <memory-race>: the live part of the memory race (chapter 1.3), on the widget runtime (declaration.ts;
 * markup in components/MemoryRace.astro).
 *
 * The memory race's service in the compute worker (memory-race.service.ts) trains the LSTM and the RNN in
 * lockstep; this element only keeps their curves and draws them (Observable Plot), at most a few times a
 * second. Nothing starts until the reader presses "Start training". Changing a setting or pressing Reset
 * ends the run; hiding the tab pauses it until the tab is shown again.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import { WidgetElement, defineElement } from '../runtime/element.ts';
import type { WorkerChannel } from '../runtime/channel.ts';
import declaration from './declaration.ts';
import { MAX_STEPS, reachedSteps, type RacerKind } from './model.ts';
import { CHANCE } from './task.ts';
import { RACER_NAMES, textFor, type MemoryRaceText, type RacerSummary } from './labels.ts';
import { settingsOf } from './state.ts';
import { RACERS, isRaceEvent, type RaceCommand, type RaceEvent, type RacePoint } from './protocol.ts';

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

/** `stopped`: the worker failed; only the runtime's Restart leads out of it. */
type Phase = 'idle' | 'running' | 'paused' | 'done' | 'stopped';

export class MemoryRaceElement extends WidgetElement<typeof declaration.schema> {
	protected readonly declaration = declaration;
	#text: MemoryRaceText = textFor('en');
	#phase: Phase = 'idle';
	/** The phase when the worker failed: Restart trains again if it was training. */
	#phaseAtFault: Phase = 'idle';
	/** Paused because the tab was hidden (not by the reader): showing the tab resumes. */
	#pausedByHiding = false;
	#channel!: WorkerChannel<RaceCommand, RaceEvent>;
	#points: Record<RacerKind, RacePoint[]> = { lstm: [], rnn: [] };
	#activeMs = 0;
	#drawTimer: ReturnType<typeof setTimeout> | undefined;
	#drawFrame = 0;
	#lastDraw = 0;
	#toggle!: HTMLButtonElement;
	#status!: HTMLElement;
	#notes!: HTMLElement;
	#summary!: HTMLElement;
	#outputs = new Map<string, HTMLOutputElement>();
	#charts = {} as Record<'accuracy' | 'loss', HTMLElement>;

	protected hydrate(): void {
		this.#text = textFor(this.pageLang);
		this.#toggle = this.querySelector('[data-toggle]')!;
		this.#status = this.querySelector('[data-status]')!;
		this.#notes = this.querySelector('[data-notes]')!;
		this.#summary = this.querySelector('[data-summary]')!;
		for (const out of this.querySelectorAll<HTMLOutputElement>('output[data-readout]')) this.#outputs.set(out.dataset.readout!, out);
		for (const chart of this.querySelectorAll<HTMLElement>('[data-chart]')) this.#charts[chart.dataset.chart as 'accuracy' | 'loss'] = chart;
		this.#channel = this.channel<RaceCommand, RaceEvent>({ isEvent: isRaceEvent, onEvent: (event) => this.#onEvent(event) });
		this.#toggle.addEventListener('click', () => this.#onToggle(), { signal: this.signal });
		this.#setPhase('idle');
		this.#draw();
	}

	/** Any new setting makes the curves meaningless: the run ends. */
	protected changed(): void {
		this.#stop();
	}

	protected onFault(): void {
		this.#phaseAtFault = this.#phase;
		this.#pausedByHiding = false;
		this.#setPhase('stopped');
	}

	protected onRestart(): void {
		const wasTraining = this.#phaseAtFault === 'running' || this.#phaseAtFault === 'paused';
		this.#phase = 'idle';
		this.#stop();
		if (wasTraining) this.#start();
	}

	protected onHidden(): void {
		if (this.#phase !== 'running') return;
		this.#pausedByHiding = true;
		this.#channel.send({ type: 'pause' });
		this.#setPhase('paused');
	}

	protected onVisible(): void {
		if (!this.#pausedByHiding || this.#phase !== 'paused') return;
		this.#pausedByHiding = false;
		this.#channel.send({ type: 'resume' });
		this.#setPhase('running');
	}

	protected teardown(): void {
		clearTimeout(this.#drawTimer);
		cancelAnimationFrame(this.#drawFrame);
	}

	/** Ends the run (a fresh worker starts with the next one) and clears the curves. */
	#stop(): void {
		if (this.#phase === 'running' || this.#phase === 'paused') this.#channel.restart();
		this.#pausedByHiding = false;
		this.#points = { lstm: [], rnn: [] };
		this.#activeMs = 0;
		this.#notes.textContent = '';
		if (this.#phase !== 'stopped') this.#setPhase('idle');
		this.#draw();
	}

	#start(): void {
		this.#channel.start({ type: 'start', settings: settingsOf(this.state) });
		this.#setPhase('running');
	}

	#onToggle(): void {
		this.#pausedByHiding = false;
		if (this.#phase === 'running') {
			this.#channel.send({ type: 'pause' });
			this.#setPhase('paused');
		} else if (this.#phase === 'paused') {
			this.#channel.send({ type: 'resume' });
			this.#setPhase('running');
		} else if (this.#phase !== 'stopped') {
			if (this.#phase === 'done') this.#stop();
			this.#start();
		}
	}

	#setPhase(phase: Phase): void {
		this.#phase = phase;
		const t = this.#text;
		this.#toggle.textContent = phase === 'running' ? t.pause : phase === 'paused' ? t.resume : t.start;
		this.#toggle.disabled = phase === 'stopped';
		this.#status.textContent = { idle: t.idle, running: t.running, paused: t.paused, done: t.done, stopped: t.halted }[phase];
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
			case 'paused':
				break;
		}
	}

	/** Redraws at most every REDRAW_MS, on an animation frame: many small messages become one paint. */
	#scheduleDraw(): void {
		if (this.#drawTimer !== undefined) return;
		const wait = Math.max(0, REDRAW_MS - (performance.now() - this.#lastDraw));
		this.#drawTimer = setTimeout(() => {
			this.#drawFrame = requestAnimationFrame(() => {
				this.#drawTimer = undefined;
				this.#draw();
			});
		}, wait);
	}

	#output(key: string): HTMLOutputElement {
		return this.#outputs.get(key)!;
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
			this.#output(`${kind}-step`).textContent = String(last?.step ?? 0);
			this.#output(`${kind}-accuracy`).textContent = last ? `${(last.accuracy * 100).toFixed(1)} %` : '—';
			this.#output(`${kind}-loss`).textContent = last ? last.loss.toFixed(3) : '—';
			const reached = reachedAt[kind];
			this.#output(`${kind}-reached`).textContent =
				reached !== null ? String(reached) : !last ? '—' : this.#phase === 'done' ? t.notReached : t.notReachedYet;
		}
		const seconds = this.#activeMs / 1000;
		this.#output('time').textContent = t.seconds(seconds);
		this.#summary.textContent = t.summary(summaries, seconds, { reached: reachedAt, finished: this.#phase === 'done' });
		this.#charts.accuracy.replaceChildren(this.#plot('accuracy'));
		this.#charts.loss.replaceChildren(this.#plot('loss'));
		// User Timing entry, so the cost of a redraw can be read from the page (tests, DevTools).
		performance.measure('memory-race:draw', 'memory-race:draw');
	}

	#plot(y: 'accuracy' | 'loss'): SVGSVGElement | HTMLElement {
		const t = this.#text;
		const maxStep = Math.max(50, ...RACERS.map((k) => this.#points[k].at(-1)?.step ?? 0));
		const width = Math.max(260, Math.min(420, this.#charts.accuracy.clientWidth || 400));
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

defineElement('memory-race', MemoryRaceElement);
