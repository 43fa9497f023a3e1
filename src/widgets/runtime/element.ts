/**
 * The base class of every widget's custom element: what each widget used to repeat, done once.
 *
 * On connection it reads the page language, parses the widget's URL state (saying in one line what a link
 * asked for that the schema does not allow), hydrates the server-rendered fields, and wires the shared
 * buttons that components/widget/Actions.astro renders: Reset, Copy link, Share, Pin this state, Back to
 * pinned state, Full screen, and the Restart of a stopped computation. It writes the state back to the URL as the reader changes it, tells the widget when the tab
 * is hidden or shown and whether the reader prefers reduced motion, and on disconnection removes every
 * listener and ends every worker it started.
 *
 * A widget subclass supplies its declaration and three methods:
 *   hydrate()              find its own server-rendered parts (outputs, charts, buttons) and wire them
 *   changed(keys, commit)  the state changed (fields named in `keys`); redraw or restart what depends on it
 *   onFault()              its worker stopped: go back to an idle phase (the runtime shows the message)
 * and may override onRestart(), onHidden(), onVisible() and teardown().
 */
import { coerceField, defaultState, parseState, writeState, type Notice, type Schema, type StateOf } from '../shared/url-state.ts';
import { CLASSROOM_TEXT, FAULT_TEXT, LINK_TEXT, langOf, type WidgetLang } from '../shared/labels.ts';
import { openPageLink, setPinned, shortLink } from './page-link.ts';
import { openShareDialog } from './share-dialog.ts';
import { FullScreen } from './full-screen.ts';
import type { WidgetDeclaration } from './declaration.ts';
import { hydrateFields, type FieldControl } from './fields.ts';
import { noticeLine } from './notices.ts';
import { WorkerChannel, type ChannelOptions } from './channel.ts';

/** Quiet time before a changed state is written to the URL (a dragged slider writes once). */
const SAVE_DELAY_MS = 250;

export abstract class WidgetElement<S extends Schema> extends HTMLElement {
  protected abstract readonly declaration: WidgetDeclaration<S>;
  protected pageLang: WidgetLang = 'en';
  protected state!: StateOf<S>;
  protected fields: Partial<Record<keyof S & string, FieldControl>> = {};
  #abort = new AbortController();
  #channels: WorkerChannel<unknown, unknown>[] = [];
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  #motion: MediaQueryList | null = null;
  /** The state pinned for this widget by the link or by "Pin this state" (a query string), null when none. */
  #pinned: string | null = null;

  /** Aborted when the widget leaves the page: pass it to addEventListener so listeners go with it. */
  protected get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** True when the reader asked the system for less motion: jump instead of animating. */
  protected get reducedMotion(): boolean {
    return this.#motion?.matches ?? false;
  }

  connectedCallback(): void {
    if (this.dataset.ready !== undefined) return;
    this.#abort = new AbortController();
    this.pageLang = langOf(this.dataset.lang ?? document.documentElement.lang);
    const { schema, prefix } = this.declaration;
    // A hash link (short, versioned) becomes today's query form before any widget reads it.
    const opened = openPageLink();
    const mine = opened.anchor === this.#anchor();
    if (mine) this.#pinned = opened.pinned;
    const { state, notices } = parseState(schema, prefix, location.search);
    this.state = state;
    this.fields = hydrateFields(this, schema, this.state, (field, value, commit) => this.update({ [field]: value } as Partial<StateOf<S>>, commit), this.signal);
    this.#wireActions();
    this.#motion = typeof matchMedia === 'function' ? matchMedia('(prefers-reduced-motion: reduce)') : null;
    document.addEventListener('visibilitychange', () => (document.hidden ? this.onHidden() : this.onVisible()), { signal: this.signal });
    this.hydrate();
    this.showNotices(notices, mine && opened.problems.length > 0 ? CLASSROOM_TEXT[this.pageLang].unreadableLink : '');
    this.#showPinned();
    // A link that was changed is rewritten at once, so a copied link never carries the rejected values.
    if (notices.length > 0) this.#save();
    this.dataset.ready = '';
  }

  disconnectedCallback(): void {
    this.#abort.abort();
    clearTimeout(this.#saveTimer);
    for (const channel of this.#channels) channel.dispose();
    this.#channels = [];
    this.teardown();
    delete this.dataset.ready;
  }

  protected abstract hydrate(): void;
  protected abstract changed(keys: (keyof S & string)[], commit: boolean): void;
  /** The worker of this widget stopped; the runtime already shows the message and the Restart button. */
  protected onFault(): void {}
  /** Restart was pressed: the channel has a fresh worker; start again what was running (default: nothing). */
  protected onRestart(): void {}
  protected onHidden(): void {}
  protected onVisible(): void {}
  protected teardown(): void {}

  /**
   * Changes the state: every value is brought into the schema (clamped, rounded), the fields show it, the
   * URL is rewritten after a quiet moment, and changed() hears which keys moved. `commit` is false while
   * a slider is dragged.
   */
  protected update(patch: Partial<StateOf<S>>, commit = true): void {
    const { schema } = this.declaration;
    const keys: (keyof S & string)[] = [];
    for (const key of Object.keys(patch) as (keyof S & string)[]) {
      if (!schema[key]) continue;
      const value = coerceField(schema[key], patch[key]) as StateOf<S>[typeof key];
      if (JSON.stringify(value) === JSON.stringify(this.state[key])) continue;
      this.state = { ...this.state, [key]: value };
      this.fields[key]?.set(value);
      keys.push(key);
    }
    if (keys.length === 0) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#save(), SAVE_DELAY_MS);
    this.changed(keys, commit);
  }

  /** Back to the schema's defaults (the Reset button). The link is rewritten at once: a reset is one act. */
  protected reset(): void {
    this.update(defaultState(this.declaration.schema));
    this.showNotices([]);
    clearTimeout(this.#saveTimer);
    this.#save();
  }

  /**
   * The link to this widget in its current state: a short hash link (shared/link-hash.ts) pointing at its
   * figure, with this widget's state compressed, its pinned state if any, and the page's other parameters.
   */
  protected link(): string {
    return shortLink(this.#anchor(), this.#ownState(this.state), this.#pinned, this.#otherParams());
  }

  /** Shows the notices about the link, and `extra` after them (or hides the line when there is nothing). */
  protected showNotices(notices: readonly Notice[], extra = ''): void {
    const line = this.querySelector<HTMLElement>('[data-notice]');
    if (!line) return;
    const names = this.declaration.fieldNames[this.pageLang] as Record<string, string | undefined>;
    line.textContent = [noticeLine(notices, this.pageLang, (field) => names[field] ?? field), extra].filter(Boolean).join(' ');
    line.hidden = notices.length === 0 && !extra;
  }

  /** This widget's parameters alone (`prefix.field=…`, no `?`), for a state. */
  #ownState(state: StateOf<S>): string {
    const { schema, prefix } = this.declaration;
    return writeState(schema, prefix, state, '').slice(1);
  }

  /** The page's parameters that are not this widget's (another widget's state, the presenter's slide). */
  #otherParams(): string {
    const { prefix } = this.declaration;
    const params = new URLSearchParams(location.search);
    for (const key of [...params.keys()]) if (key.startsWith(`${prefix}.`)) params.delete(key);
    return params.toString();
  }

  #showPinned(): void {
    for (const b of this.querySelectorAll<HTMLElement>('[data-action="back-to-pin"]')) {
      if (b.closest(this.localName) === this) b.hidden = this.#pinned === null;
    }
  }

  /**
   * A channel to this widget's service in the compute worker. A fault shows the runtime's message with a
   * Restart button and calls onFault(); Restart gives the channel a fresh worker and calls onRestart().
   */
  protected channel<Command, Event>(options: Omit<ChannelOptions<Event>, 'service' | 'onFault'>): WorkerChannel<Command, Event> {
    const service = this.declaration.service;
    if (!service) throw new Error(`${this.declaration.tag}: its declaration names no service`);
    const channel: WorkerChannel<Command, Event> = new WorkerChannel<Command, Event>({
      ...options,
      service,
      onFault: (detail) => {
        this.#showFault(detail);
        this.onFault();
      },
    });
    this.#channels.push(channel as WorkerChannel<unknown, unknown>);
    return channel;
  }

  #showFault(detail: string | null): void {
    const box = this.querySelector<HTMLElement>('[data-fault]');
    if (!box) return;
    box.hidden = detail === null;
    const text = box.querySelector('[data-fault-text]');
    if (text) text.textContent = detail === null ? '' : FAULT_TEXT[this.pageLang].stopped(detail);
    this.toggleAttribute('data-fault', detail !== null);
  }

  #wireActions(): void {
    const on = (action: string, listener: () => void) => {
      for (const b of this.querySelectorAll(`[data-action="${action}"]`)) {
        if (b.closest(this.localName) === this) b.addEventListener('click', listener, { signal: this.signal });
      }
    };
    on('reset', () => this.reset());
    on('restart', () => {
      this.#showFault(null);
      for (const channel of this.#channels) channel.restart();
      this.onRestart();
    });
    on('share', () => void openShareDialog(this.link(), this.pageLang));
    on('pin', () => {
      this.#pinned = this.#ownState(this.state);
      setPinned(this.#anchor(), this.#pinned);
      this.#showPinned();
      const status = this.querySelector<HTMLElement>('[data-copy-status]');
      if (status) status.textContent = CLASSROOM_TEXT[this.pageLang].pinned;
    });
    on('back-to-pin', () => {
      if (this.#pinned === null) return;
      const { schema, prefix } = this.declaration;
      this.update(parseState(schema, prefix, this.#pinned).state);
      clearTimeout(this.#saveTimer);
      this.#save();
    });
    const figure = this.closest<HTMLElement>('figure') ?? this;
    const fullScreen = new FullScreen(
      figure,
      (on) => {
        for (const b of this.querySelectorAll('[data-action="full-screen"]')) b.textContent = CLASSROOM_TEXT[this.pageLang][on ? 'exitFullScreen' : 'fullScreen'];
      },
      this.signal,
    );
    on('full-screen', () => void fullScreen.toggle());
    on('copy-link', async () => {
      const status = this.querySelector<HTMLElement>('[data-copy-status]');
      const link = this.link();
      const text = LINK_TEXT[this.pageLang];
      try {
        await navigator.clipboard.writeText(link);
        if (status) status.textContent = text.copied;
      } catch {
        if (status) status.textContent = `${text.copyFailed} ${link}`;
      }
    });
  }

  #anchor(): string {
    return this.closest('figure')?.id || this.declaration.anchor;
  }

  #save(): void {
    const { schema, prefix } = this.declaration;
    const search = writeState(schema, prefix, this.state, location.search);
    history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  }
}

/** Defines the element once (a page may load the module twice through two components). */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
