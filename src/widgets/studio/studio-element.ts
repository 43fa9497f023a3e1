/**
 * <text-studio>, <studio-generate>, <studio-train>: the live part of the text-generation studio
 * (declaration.ts; markup in components/Studio.astro). One class for all three; a part the component did
 * not render is simply absent.
 *
 * The model lives in the compute worker (studio.service.ts). This element sends it commands, draws what it
 * reports (readouts, the loss chart a few times a second, samples, streamed text), keeps the reader's text
 * and runs in IndexedDB (storage.ts), and turns files into models and models into files.
 */
import { WidgetElement, defineElement } from '../runtime/element.ts';
import type { WidgetDeclaration } from '../runtime/declaration.ts';
import type { WorkerChannel } from '../runtime/channel.ts';
import { defaultState } from '../shared/url-state.ts';
import { CORPORA, checkCorpusText, decodeCorpusFile, type CorpusCheck } from '../../studio/corpus.ts';
import { STUDIO_HYPER_SCHEMA, type StudioHyper } from '../../studio/hyper.ts';
import type { FeatureId } from '../../studio/inspector.ts';
import type { LossPoint } from '../../studio/trainer.ts';
import type { OptimizerState } from '../../engine/index.ts';
import type { PackedOptimizerState } from '../../studio/packed-moments.ts';
import { pytorchScript } from '../../studio/pytorch-script.ts';
import studio, { generateEmbed, trainEmbed } from './declaration.ts';
import { GeneratedView } from './generated-view.ts';
import { paintTrace } from './inspector-view.ts';
import { formatBits, formatCount, formatDuration, textFor, type StudioText } from './labels.ts';
import { lossChart } from './loss-chart.ts';
import { isStudioEvent, type CandidateChar, type ModelInfo, type StudioCommand, type StudioEvent, type TextSource } from './protocol.ts';
import { STUDIO_SCHEMA, type StudioMode, type StudioSchema, type StudioState } from './schema.ts';
import { StorageProblem, deleteRun, listRuns, loadDraft, loadRun, saveDraft, saveRun, type RunSummary } from './storage.ts';
import { zipBytes } from './zip.ts';

const HYPER_KEYS = Object.keys(STUDIO_HYPER_SCHEMA) as (keyof StudioHyper)[];
/** The chart is redrawn at most this often while training. */
const CHART_MS = 300;
const DRAFT_KEY = 'own-text';
const DRAFT_DELAY_MS = 400;

export class StudioElement extends WidgetElement<StudioSchema> {
  protected readonly declaration = studio as unknown as WidgetDeclaration<StudioSchema>;
  #mode: StudioMode = 'full';
  #t: StudioText = textFor('en');
  #channel!: WorkerChannel<StudioCommand, StudioEvent>;
  #parts: Record<string, HTMLElement | null> = {};
  #outputs: Partial<Record<string, HTMLOutputElement>> = {};
  #info: ModelInfo | null = null;
  #history: LossPoint[] = [];
  #running = false;
  #pausedByHiding = false;
  #trainAfterOpen = false;
  #opening = false;
  /** While true, state changes come from a loaded model, not from the reader: they start nothing. */
  #quiet = false;
  #request = 0;
  #generation = -1;
  #generated: GeneratedView | null = null;
  #pendingChars: CandidateChar[] = [];
  #chartTimer: ReturnType<typeof setTimeout> | undefined;
  #draftTimer: ReturnType<typeof setTimeout> | undefined;
  #exports = new Map<number, (exported: Exported | null) => void>();
  #inspectRequest = -1;
  #rankRequest = -1;
  /** The IndexedDB id of the run being trained (a new one for each fresh or loaded model). */
  #runId = '';
  #ownText = '';
  #ownDirty = false;
  /** True once the current model has trained in this page (so "Paused." means something). */
  #trainedHere = false;

  /** The state with every field of the full studio (a compact embed's missing fields at their defaults). */
  get #s(): StudioState {
    return { ...defaultState(STUDIO_SCHEMA), ...this.state };
  }

  protected hydrate(): void {
    this.#mode = (this.dataset.mode as StudioMode) ?? 'full';
    this.#t = textFor(this.pageLang);
    const q = <T extends HTMLElement>(selector: string) => this.querySelector<T>(selector);
    for (const name of [
      'own', 'ownText', 'upload', 'textStatus', 'train', 'pause', 'step', 'modelLine', 'trainStatus', 'refused', 'chart',
      'chartDescription', 'holdout', 'baseline', 'sampleTitle', 'sample', 'generate', 'stop', 'genStatus', 'generated', 'prompt',
      'chars', 'candidates', 'inspectSource', 'inspectOwn', 'inspectText', 'find', 'ranked', 'rankedTitle', 'rankedList',
      'inspectView', 'inspectDescription', 'save', 'download', 'load', 'pytorch', 'saveStatus', 'runs', 'noRuns',
    ]) {
      this.#parts[name] = q(`[data-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`);
    }
    for (const out of this.querySelectorAll<HTMLOutputElement>('output[data-output]')) this.#outputs[out.dataset.output!] = out;
    const p = this.#parts;
    if (p.generated && p.prompt && p.chars && p.candidates) {
      this.#generated = new GeneratedView(p.generated, p.prompt, p.chars, p.candidates, this.#t, this.signal);
    }
    this.#channel = this.channel<StudioCommand, StudioEvent>({ isEvent: isStudioEvent, onEvent: (e) => this.#onEvent(e) });
    this.#wire();
    this.#showOwnPanel();
    this.#setBusy(true);
    void this.#restoreDraft().then(() => this.#open());
    void this.#refreshRuns();
  }

  #on(part: string, type: string, listener: (e: Event) => void): void {
    this.#parts[part]?.addEventListener(type, listener, { signal: this.signal });
  }

  #wire(): void {
    this.#on('train', 'click', () => this.#train());
    this.#on('pause', 'click', () => {
      this.#pausedByHiding = false;
      this.#channel.send({ type: 'pause' });
    });
    this.#on('step', 'click', () => {
      if (this.#info?.source === 'pretrained') this.#channel.send({ type: 'fresh', hyper: this.#hyper() });
      this.#channel.send({ type: 'step' });
    });
    this.#on('generate', 'click', () => this.#generate());
    this.#on('stop', 'click', () => {
      this.#channel.send({ type: 'stop', id: this.#generation });
      this.#generationDone(true);
    });
    this.#on('ownText', 'input', () => this.#ownInput());
    this.#on('ownText', 'change', () => this.#ownChanged());
    this.#on('upload', 'change', () => void this.#upload());
    this.#on('inspectSource', 'change', () => {
      const own = (this.#parts.inspectSource as HTMLSelectElement).value === 'own';
      if (this.#parts.inspectOwn) this.#parts.inspectOwn.hidden = !own;
      this.#inspect();
    });
    this.#on('inspectText', 'change', () => this.#inspect());
    this.#on('find', 'click', () => this.#findUnits());
    this.#on('save', 'click', () => void this.#saveRun());
    this.#on('download', 'click', () => void this.#download());
    this.#on('load', 'change', () => void this.#loadFile());
    this.#on('pytorch', 'click', () => void this.#pytorch());
    this.#on('rankedList', 'click', (e) => {
      const unit = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-unit]')?.dataset.unit;
      if (unit !== undefined) this.update({ unit: Number(unit) });
    });
    this.#on('runs', 'click', (e) => {
      const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-run]');
      if (!button) return;
      if (button.dataset.act === 'resume') void this.#resume(button.dataset.run!);
      else void this.#delete(button.dataset.run!);
    });
  }

  // ---------- the text and the model ----------

  #hyper(): StudioHyper {
    const s = this.#s;
    return Object.fromEntries(HYPER_KEYS.map((k) => [k, s[k]])) as unknown as StudioHyper;
  }

  #source(): TextSource | null {
    const corpus = this.#s.corpus;
    if (corpus === 'own') {
      const check = checkCorpusText(this.#ownText);
      this.#showCheck(check);
      return check.ok ? { kind: 'text', text: check.text } : null;
    }
    const info = CORPORA.find((c) => c.id === corpus)!;
    const base = import.meta.env.BASE_URL.replace(/\/$/, '');
    // The component lists the checkpoints the build has (data-pretrained).
    const built = (this.dataset.pretrained ?? '').split(' ').includes(info.id);
    return { kind: 'corpus', id: info.id, url: base + info.url, ...(info.checkpointUrl && built ? { checkpointUrl: base + info.checkpointUrl } : {}) };
  }

  /** A new run in the worker: the chosen text with its pretrained model (or a saved model file, or a fresh one). */
  #open(modelFile?: string, optimizerState?: PackedOptimizerState | OptimizerState): void {
    const source = this.#source();
    this.#running = false;
    this.#ownDirty = false;
    if (!source) {
      this.#info = null;
      this.#setBusy(false);
      this.#setTrainable(false);
      return;
    }
    this.#opening = true;
    this.#setBusy(true);
    this.#status('textStatus', source.kind === 'corpus' ? this.#t.loadingText : '');
    this.#channel.start({ type: 'open', source, hyper: this.#hyper(), pretrained: this.#mode !== 'train', ...(modelFile ? { modelFile } : {}), ...(optimizerState ? { optimizerState } : {}) });
  }

  #train(): void {
    if (this.#running || this.#channel.dead) return;
    this.#pausedByHiding = false;
    if (this.#ownDirty && this.#s.corpus === 'own') {
      this.#trainAfterOpen = true;
      return this.#open();
    }
    if (!this.#info) return;
    // The pretrained model is for writing; training starts from noise so the reader sees it learn.
    if (this.#info.source === 'pretrained') this.#channel.send({ type: 'fresh', hyper: this.#hyper() });
    this.#channel.send({ type: 'train' });
  }

  protected changed(keys: (keyof StudioSchema & string)[]): void {
    if (this.#quiet) return;
    if (keys.includes('corpus')) {
      this.#showOwnPanel();
      return this.#open();
    }
    if (keys.some((k) => (HYPER_KEYS as string[]).includes(k)) && this.#info && this.#info.source !== 'pretrained' && !this.#opening) {
      this.#channel.send({ type: 'fresh', hyper: this.#hyper() });
    }
    if (keys.includes('unit') || keys.includes('cell')) this.#inspect();
  }

  protected override reset(): void {
    this.#quiet = true;
    super.reset();
    this.#quiet = false;
    this.#showOwnPanel();
    this.#open();
  }

  protected override onFault(): void {
    this.#running = false;
    this.#opening = false;
    this.#setRunning(false);
    this.#setBusy(false);
    if (this.#generation >= 0) this.#generationDone(true);
    for (const resolve of this.#exports.values()) resolve(null);
    this.#exports.clear();
  }

  protected override onRestart(): void {
    this.#open();
  }

  protected override onHidden(): void {
    if (this.#running) {
      this.#pausedByHiding = true;
      this.#channel.send({ type: 'pause' });
    }
  }

  protected override onVisible(): void {
    if (this.#pausedByHiding) {
      this.#pausedByHiding = false;
      this.#channel.send({ type: 'train' });
    }
  }

  protected override teardown(): void {
    clearTimeout(this.#chartTimer);
    clearTimeout(this.#draftTimer);
  }

  // ---------- events from the worker ----------

  #onEvent(e: StudioEvent): void {
    switch (e.type) {
      case 'model':
        return this.#model(e.info);
      case 'progress':
        this.#history.push(...e.points);
        this.#set('trainBits', formatBits(e.trainBits));
        this.#set('charsPerSecond', e.charsPerSecond > 0 ? formatCount(e.charsPerSecond, this.pageLang) : '—');
        this.#set('steps', formatCount(e.steps, this.pageLang));
        this.#set('elapsed', formatDuration(e.elapsedMs));
        if (this.#info) this.#info.steps = e.steps;
        this.#showModelLine();
        return this.#chartSoon();
      case 'validation': {
        const last = this.#history[this.#history.length - 1];
        if (last && last.step === e.step) last.validationBits = e.bits;
        else this.#history.push({ step: e.step, validationBits: e.bits });
        this.#set('validationBits', formatBits(e.bits));
        return this.#chartSoon();
      }
      case 'sample':
        if (this.#parts.sampleTitle) this.#parts.sampleTitle.textContent = this.#t.sample(e.step);
        if (this.#parts.sample) this.#parts.sample.textContent = e.text;
        return;
      case 'running':
        this.#running = e.running;
        this.#setRunning(e.running);
        if (!e.running && !this.#pausedByHiding && this.#mode === 'full' && (this.#info?.steps ?? 0) > 0) void this.#saveRun(true);
        return;
      case 'refused':
        if (this.#parts.refused) {
          this.#parts.refused.hidden = false;
          this.#parts.refused.textContent = this.#t.refused(e.step, e.message, e.paused);
        }
        if (e.paused) this.#channel.send({ type: 'pause' });
        return;
      case 'chars':
        if (e.id !== this.#generation) return;
        // With reduced motion the text appears once, whole, instead of streaming in.
        this.#pendingChars.push(...e.chars);
        if (!this.reducedMotion || e.done) {
          this.#generated?.append(this.#pendingChars);
          this.#pendingChars = [];
          this.#parts.generated?.scrollTo({ top: this.#parts.generated.scrollHeight });
        }
        if (e.done) this.#generationDone(false);
        return;
      case 'trace': {
        if (e.id !== this.#inspectRequest || !this.#parts.inspectView) return;
        const { min, max } = paintTrace(this.#parts.inspectView, e.chars, e.values);
        if (this.#parts.inspectDescription) this.#parts.inspectDescription.textContent = this.#t.inspectDescribe(e.unit, e.state, e.chars.length, min, max);
        return;
      }
      case 'rank':
        return this.#showRanking(e);
      case 'exported':
        this.#exports.get(e.id)?.({ file: e.file, optimizerState: e.optimizerState });
        this.#exports.delete(e.id);
        return;
      case 'error':
        return this.#error(e);
    }
  }

  #model(info: ModelInfo): void {
    this.#info = info;
    this.#trainedHere = false;
    this.#opening = false;
    this.#running = false;
    this.#history = info.history.map((p) => ({ ...p }));
    if (info.source !== 'saved' || !this.#runId) this.#runId = `run-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
    // A model from a file or a saved run brings its own settings: the fields (and the link) show them.
    if (info.source === 'file') this.#status('saveStatus', this.#t.loaded);
    if (info.source === 'file' || info.source === 'saved') {
      this.#quiet = true;
      this.update(info.hyper as Partial<StudioState>);
      this.#quiet = false;
    }
    this.fields.unit?.setBounds(0, info.hyper.hidden - 1);
    if (this.#s.unit > info.hyper.hidden - 1) {
      this.#quiet = true;
      this.update({ unit: info.hyper.hidden - 1 });
      this.#quiet = false;
    }
    const last = [...this.#history].reverse();
    const val = last.find((p) => p.validationBits !== undefined)?.validationBits;
    const train = last.find((p) => p.trainBits !== undefined)?.trainBits;
    this.#set('trainBits', formatBits(train));
    this.#set('validationBits', formatBits(val));
    this.#set('charsPerSecond', '—');
    this.#set('steps', formatCount(info.steps, this.pageLang));
    this.#set('elapsed', formatDuration(0));
    this.#showModelLine();
    if (this.#parts.holdout) this.#parts.holdout.textContent = this.#t.holdout(info.heldOutChars, info.validationChars, info.sampled);
    if (this.#parts.baseline) this.#parts.baseline.textContent = this.#t.baseline(info.unigramBits);
    if (this.#parts.refused) this.#parts.refused.hidden = true;
    if (this.#parts.textStatus?.textContent === this.#t.loadingText) this.#parts.textStatus.textContent = '';
    if (this.#s.corpus === 'own') this.#showCheck(checkCorpusText(this.#ownText));
    this.#setBusy(false);
    this.#setTrainable(true);
    this.#setRunning(false);
    this.#drawChart();
    if (this.#trainAfterOpen) {
      this.#trainAfterOpen = false;
      this.#train();
    }
  }

  #showModelLine(): void {
    const info = this.#info;
    if (!info) return;
    const line = this.#t.modelLine(info.source, { layers: info.hyper.layers, hidden: info.hyper.hidden, parameters: info.parameters, vocabSize: info.vocabSize, steps: info.steps, unknownChars: info.unknownChars });
    for (const p of this.querySelectorAll<HTMLElement>('[data-model-line]')) if (p.textContent !== line) p.textContent = line;
  }

  #error(e: Extract<StudioEvent, { type: 'error' }>): void {
    const t = this.#t;
    switch (e.scope) {
      case 'open':
        this.#opening = false;
        this.#setBusy(false);
        this.#setTrainable(false);
        return this.#status(this.#parts.textStatus ? 'textStatus' : 'genStatus', t.openFailed(e.message));
      case 'pretrained':
        // The text loaded but its pretrained model did not: the worker goes on with a fresh model.
        return this.#status(this.#parts.textStatus ? 'textStatus' : 'genStatus', t.pretrainedMissing(e.message));
      case 'load-model':
        return this.#status('saveStatus', t.loadFailed(e.message));
      case 'generate':
        this.#generationDone(true);
        return this.#status('genStatus', t.generateFailed(e.message));
      case 'export':
        this.#exports.get(e.id ?? -1)?.(null);
        return;
      case 'inspect':
        return;
    }
  }

  // ---------- drawing ----------

  #set(key: string, text: string): void {
    const out = this.#outputs[key];
    if (out) out.value = text;
  }

  #status(part: string, text: string): void {
    const line = this.#parts[part];
    if (line) line.textContent = text;
  }

  /** While a model is being made, nothing can act on it. */
  #setBusy(busy: boolean): void {
    for (const part of ['train', 'step', 'generate', 'find', 'save', 'download', 'pytorch']) {
      const b = this.#parts[part] as HTMLButtonElement | null;
      if (b) b.disabled = busy;
    }
  }

  #setTrainable(ok: boolean): void {
    for (const part of ['train', 'step']) {
      const b = this.#parts[part] as HTMLButtonElement | null;
      if (b) b.disabled = !ok;
    }
  }

  #setRunning(running: boolean): void {
    const { train, pause, step } = this.#parts as Record<string, HTMLButtonElement | null>;
    if (train) train.disabled = running || !this.#info;
    if (step) step.disabled = running || !this.#info;
    if (pause) pause.disabled = !running;
    // The settings describe the model being trained: they hold still while it trains.
    for (const key of [...HYPER_KEYS, 'corpus'] as const) this.fields[key]?.setDisabled(running);
    if (this.#parts.ownText) (this.#parts.ownText as HTMLTextAreaElement).readOnly = running;
    if (this.#parts.upload) (this.#parts.upload as HTMLInputElement).disabled = running;
    if (running) this.#trainedHere = true;
    this.#status('trainStatus', running ? this.#t.running : this.#trainedHere ? this.#t.idle : '');
  }

  #chartSoon(): void {
    if (this.#chartTimer !== undefined) return;
    this.#chartTimer = setTimeout(() => {
      this.#chartTimer = undefined;
      this.#drawChart();
    }, CHART_MS);
  }

  #drawChart(): void {
    const { chart, chartDescription } = this.#parts;
    if (!chart || !chartDescription) return;
    const history = this.#history;
    const last = [...history].reverse();
    const train = last.find((p) => p.trainBits !== undefined)?.trainBits;
    const val = last.find((p) => p.validationBits !== undefined)?.validationBits;
    const vals = history.filter((p) => p.validationBits !== undefined).map((p) => p.validationBits!);
    const best = vals.length > 0 ? Math.min(...vals) : undefined;
    const steps = this.#info?.steps ?? 0;
    const description = this.#t.describe(steps, train, val, best);
    chartDescription.textContent = description;
    if (history.length === 0) return chart.replaceChildren();
    const width = Math.max(260, Math.min(720, chart.clientWidth || 640));
    chart.replaceChildren(lossChart(history, width, this.#t, description));
  }

  // ---------- the reader's own text ----------

  #showOwnPanel(): void {
    if (this.#parts.own) this.#parts.own.hidden = this.#s.corpus !== 'own';
    if (this.#s.corpus !== 'own') this.#status('textStatus', '');
  }

  async #restoreDraft(): Promise<void> {
    const box = this.#parts.ownText as HTMLTextAreaElement | null;
    if (!box) return;
    try {
      const draft = await loadDraft(DRAFT_KEY);
      if (draft && !box.value) {
        box.value = draft;
        this.#ownText = draft;
        if (this.#s.corpus === 'own') this.#status('textStatus', this.#t.draftRestored(Array.from(draft).length));
      }
    } catch (error) {
      this.#status('textStatus', this.#t.draftFailed(messageOf(error)));
    }
  }

  #ownInput(): void {
    const box = this.#parts.ownText as HTMLTextAreaElement;
    this.#ownText = box.value;
    this.#ownDirty = true;
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => void this.#keepDraft(), DRAFT_DELAY_MS);
  }

  async #keepDraft(): Promise<void> {
    try {
      await saveDraft(DRAFT_KEY, this.#ownText);
      const check = checkCorpusText(this.#ownText);
      this.#showCheck(check, this.#t.draftSaved);
    } catch (error) {
      this.#status('textStatus', this.#t.draftFailed(error instanceof StorageProblem && error.quota ? this.#t.quota : messageOf(error)));
    }
  }

  /** The reader finished editing: train on the new text from now on. */
  #ownChanged(): void {
    clearTimeout(this.#draftTimer);
    void this.#keepDraft();
    if (this.#s.corpus === 'own' && !this.#running && checkCorpusText(this.#ownText).ok) this.#open();
  }

  #showCheck(check: CorpusCheck, prefix = ''): void {
    const t = this.#t;
    const line = check.ok ? t.textReady(Array.from(check.text).length) : t.problem(check.reason, check.chars, check.bytes);
    this.#status('textStatus', prefix ? `${prefix} ${line}` : line);
  }

  async #upload(): Promise<void> {
    const input = this.#parts.upload as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const check = decodeCorpusFile(new Uint8Array(await file.arrayBuffer()));
    if (!check.ok) return this.#showCheck(check); // the text box keeps what it had
    const box = this.#parts.ownText as HTMLTextAreaElement;
    box.value = check.text;
    this.#ownText = check.text;
    await this.#keepDraft();
    if (this.#s.corpus === 'own') this.#open();
  }

  // ---------- generation ----------

  #generate(): void {
    if (!this.#generated || !this.#info) return;
    const s = this.#s;
    this.#generation = ++this.#request;
    this.#generated.clear(s.start);
    this.#pendingChars = [];
    (this.#parts.stop as HTMLButtonElement | null)?.removeAttribute('disabled');
    this.#status('genStatus', this.#t.generating);
    this.#channel.send({
      type: 'generate',
      id: this.#generation,
      settings: { startText: s.start, length: s.length, temperature: s.temperature, topK: s.topK, topP: s.topP, seed: s.sampleSeed },
    });
  }

  #generationDone(stopped: boolean): void {
    this.#generation = -1;
    const stop = this.#parts.stop as HTMLButtonElement | null;
    if (stop) stop.disabled = true;
    this.#status('genStatus', this.#t.generatedDone(this.#generated?.chars.length ?? 0));
    if (!stopped || (this.#generated?.chars.length ?? 0) > 0) this.#inspect();
  }

  // ---------- the cell inspector ----------

  #inspectedText(): string {
    const own = (this.#parts.inspectSource as HTMLSelectElement | null)?.value === 'own';
    return own ? ((this.#parts.inspectText as HTMLTextAreaElement | null)?.value ?? '') : (this.#generated?.text ?? '');
  }

  #inspect(): void {
    if (!this.#parts.inspectView || !this.#info) return;
    const text = this.#inspectedText();
    if (!text) {
      this.#parts.inspectView.replaceChildren();
      return this.#status('inspectDescription', this.#t.inspectNothing);
    }
    this.#inspectRequest = ++this.#request;
    this.#channel.send({ type: 'trace', id: this.#inspectRequest, text, state: this.#s.cell as 'c' | 'h', unit: this.#s.unit });
  }

  #findUnits(): void {
    const text = this.#inspectedText();
    if (!text) return this.#status('inspectDescription', this.#t.inspectNothing);
    this.#rankRequest = ++this.#request;
    this.#channel.send({ type: 'rank', id: this.#rankRequest, text, state: this.#s.cell as 'c' | 'h', feature: this.#s.feature as FeatureId });
  }

  #showRanking(e: Extract<StudioEvent, { type: 'rank' }>): void {
    const { ranked, rankedTitle, rankedList } = this.#parts;
    if (e.id !== this.#rankRequest || !ranked || !rankedList) return;
    ranked.hidden = false;
    const feature = this.#t.features[e.feature];
    // A feature that is constant over the text correlates with nothing: say so instead of listing r = 0.
    const flat = e.units.every(({ r }) => Math.abs(r) < 1e-9);
    if (rankedTitle) rankedTitle.textContent = flat ? this.#t.rankedNone(feature) : this.#t.ranked(feature);
    if (flat) return rankedList.replaceChildren();
    rankedList.replaceChildren(
      ...e.units.map(({ unit, r }) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'w-button st-unit';
        button.dataset.unit = String(unit);
        button.textContent = this.#t.rankItem(unit, r);
        item.append(button);
        return item;
      }),
    );
  }

  // ---------- saving and files ----------

  #export(): Promise<Exported | null> {
    const id = ++this.#request;
    return new Promise((resolve) => {
      this.#exports.set(id, resolve);
      this.#channel.send({ type: 'export', id });
    });
  }

  async #saveRun(automatic = false): Promise<void> {
    if (!this.#info || this.#mode !== 'full') return;
    const exported = await this.#export();
    if (!exported) return;
    const { file, optimizerState } = exported;
    const corpus = this.#s.corpus;
    const val = [...this.#history].reverse().find((p) => p.validationBits !== undefined)?.validationBits;
    try {
      await saveRun({ id: this.#runId, savedAt: Date.now(), corpus, steps: this.#info.steps, file, optimizerState, ...(corpus === 'own' ? { text: this.#ownText } : {}), ...(val !== undefined ? { validationBits: val } : {}) });
      if (!automatic) this.#status('saveStatus', this.#t.saved);
    } catch (error) {
      this.#status('saveStatus', error instanceof StorageProblem && error.quota ? this.#t.quota : this.#t.storageFailed(messageOf(error)));
    }
    await this.#refreshRuns();
  }

  async #refreshRuns(): Promise<void> {
    const list = this.#parts.runs;
    if (!list) return;
    let runs: RunSummary[] = [];
    try {
      runs = await listRuns();
    } catch (error) {
      this.#status('saveStatus', this.#t.storageFailed(messageOf(error)));
    }
    const date = new Intl.DateTimeFormat(this.pageLang === 'zh-cn' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    list.replaceChildren(
      ...runs.map((run) => {
        const item = document.createElement('li');
        const name = document.createElement('span');
        const corpus = this.#t.corpora[run.corpus as keyof StudioText['corpora']] ?? run.corpus;
        name.textContent = this.#t.runName(corpus, run.steps, run.validationBits, date.format(run.savedAt));
        name.id = `${run.id}-name`;
        const buttons = (['resume', 'delete'] as const).map((act) => {
          const b = document.createElement('button');
          b.type = 'button';
          b.className = 'w-button';
          b.dataset.run = run.id;
          b.dataset.act = act;
          b.textContent = this.#t[act];
          b.setAttribute('aria-describedby', name.id);
          return b;
        });
        item.append(name, ...buttons);
        return item;
      }),
    );
    if (this.#parts.noRuns) this.#parts.noRuns.hidden = runs.length > 0;
  }

  async #resume(id: string): Promise<void> {
    let run;
    try {
      run = await loadRun(id);
    } catch (error) {
      return this.#status('saveStatus', this.#t.storageFailed(messageOf(error)));
    }
    if (!run) return this.#refreshRuns();
    this.#quiet = true;
    this.update({ corpus: run.corpus as StudioState['corpus'] });
    this.#quiet = false;
    if (run.corpus === 'own' && run.text) {
      this.#ownText = run.text;
      if (this.#parts.ownText) (this.#parts.ownText as HTMLTextAreaElement).value = run.text;
    }
    this.#showOwnPanel();
    this.#runId = run.id;
    this.#open(run.file, run.optimizerState as PackedOptimizerState | OptimizerState | undefined);
  }

  async #delete(id: string): Promise<void> {
    try {
      await deleteRun(id);
    } catch (error) {
      this.#status('saveStatus', this.#t.storageFailed(messageOf(error)));
    }
    await this.#refreshRuns();
  }

  async #download(): Promise<void> {
    const exported = await this.#export();
    if (exported) offer(new Blob([exported.file], { type: 'application/json' }), 'cell-state-model.json');
  }

  async #loadFile(): Promise<void> {
    const input = this.#parts.load as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    const text = await file.text();
    this.#status('saveStatus', '');
    this.#channel.send({ type: 'load-model', id: ++this.#request, file: text });
  }

  async #pytorch(): Promise<void> {
    const exported = await this.#export();
    if (!exported || !this.#info) return;
    const corpusText = await this.#corpusText();
    if (corpusText === null) return;
    const encode = (s: string) => new TextEncoder().encode(s);
    const script = pytorchScript({ hyper: this.#info.hyper, corpusFileName: 'corpus.txt', modelFileName: 'model.json' });
    const bytes = zipBytes([
      { name: 'continue_training.py', data: encode(script) },
      { name: 'model.json', data: encode(exported.file) },
      { name: 'corpus.txt', data: encode(corpusText) },
    ]);
    offer(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), 'cell-state-pytorch.zip');
    this.#status('saveStatus', this.#t.pytorchDone);
  }

  /** The text the model trains on, as the worker read it. */
  async #corpusText(): Promise<string | null> {
    const source = this.#source();
    if (!source) return null;
    if (source.kind === 'text') return source.text;
    try {
      const response = await fetch(source.url);
      const check = checkCorpusText(await response.text());
      return check.ok ? check.text : null;
    } catch (error) {
      this.#status('saveStatus', this.#t.openFailed(messageOf(error)));
      return null;
    }
  }
}

interface Exported {
  file: string;
  optimizerState: PackedOptimizerState;
}

/** Offers a file to the reader as a download. */
function offer(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

class StudioGenerateElement extends StudioElement {
  protected override readonly declaration = generateEmbed as unknown as WidgetDeclaration<StudioSchema>;
}
class StudioTrainElement extends StudioElement {
  protected override readonly declaration = trainEmbed as unknown as WidgetDeclaration<StudioSchema>;
}

defineElement(studio.tag, StudioElement);
defineElement(generateEmbed.tag, StudioGenerateElement);
defineElement(trainEmbed.tag, StudioTrainElement);
