/**
 * The "Generated text" region: characters stream in as buttons inside running text (one tab stop, arrow
 * keys move between them: a roving tabindex), and clicking or focusing one shows the five characters the
 * model found most likely at that position, with their probabilities.
 */
import type { CandidateChar } from './protocol.ts';
import { formatPercent, type StudioText } from './labels.ts';

export class GeneratedView {
  readonly chars: CandidateChar[] = [];
  #current = -1;

  constructor(
    private readonly region: HTMLElement,
    private readonly prompt: HTMLElement,
    private readonly list: HTMLElement,
    private readonly panel: HTMLElement,
    private readonly t: StudioText,
    signal: AbortSignal,
  ) {
    list.addEventListener('click', (e) => this.#pick(e.target), { signal });
    list.addEventListener('focusin', (e) => this.#pick(e.target), { signal });
    list.addEventListener('keydown', (e) => this.#key(e), { signal });
  }

  /** The text so far: start text plus generated characters. */
  get text(): string {
    return this.prompt.textContent + this.chars.map((c) => c.char).join('');
  }

  get generatedText(): string {
    return this.chars.map((c) => c.char).join('');
  }

  clear(startText: string): void {
    this.chars.length = 0;
    this.#current = -1;
    this.prompt.textContent = startText;
    this.list.replaceChildren();
    this.panel.replaceChildren();
  }

  append(chars: readonly CandidateChar[]): void {
    const fragment = document.createDocumentFragment();
    for (const c of chars) {
      const k = this.chars.length;
      this.chars.push(c);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'st-ch';
      button.dataset.k = String(k);
      button.tabIndex = k === 0 ? 0 : -1;
      const name = this.t.charName(c.char);
      if (c.char === '\n') {
        button.textContent = '↵';
        button.classList.add('st-ch-break');
      } else button.textContent = c.char;
      if (name !== c.char) button.setAttribute('aria-label', name);
      fragment.append(button);
      if (c.char === '\n') fragment.append(document.createElement('br'));
    }
    this.list.append(fragment);
    this.region.dataset.count = String(this.chars.length);
  }

  #buttonAt(k: number): HTMLButtonElement | null {
    return this.list.querySelector<HTMLButtonElement>(`button[data-k="${k}"]`);
  }

  #pick(target: EventTarget | null): void {
    const button = (target as HTMLElement | null)?.closest?.<HTMLButtonElement>('button.st-ch');
    if (!button) return;
    const k = Number(button.dataset.k);
    if (k === this.#current) return;
    const previous = this.#buttonAt(this.#current);
    if (previous) {
      previous.tabIndex = -1;
      previous.removeAttribute('aria-current');
    }
    const first = this.#buttonAt(0);
    if (first && k !== 0) first.tabIndex = -1;
    button.tabIndex = 0;
    button.setAttribute('aria-current', 'true');
    this.#current = k;
    this.#showCandidates(k);
  }

  #key(e: KeyboardEvent): void {
    if (this.#current < 0 && this.chars.length > 0) this.#current = 0;
    const last = this.chars.length - 1;
    const to = { ArrowRight: this.#current + 1, ArrowLeft: this.#current - 1, Home: 0, End: last }[e.key];
    if (to === undefined) return;
    e.preventDefault();
    this.#buttonAt(Math.max(0, Math.min(last, to)))?.focus();
  }

  #showCandidates(k: number): void {
    const c = this.chars[k];
    const title = document.createElement('p');
    title.className = 'st-candidates-title';
    title.textContent = this.t.candidatesTitle(this.t.charName(c.char), k);
    const list = document.createElement('ol');
    list.className = 'st-candidates-list';
    for (const cand of c.candidates) {
      const item = document.createElement('li');
      if (cand.char === c.char) item.classList.add('st-chosen');
      const glyph = document.createElement('span');
      glyph.className = 'st-cand-char';
      glyph.textContent = this.t.charName(cand.char);
      const bar = document.createElement('span');
      bar.className = 'st-cand-bar';
      bar.style.inlineSize = `${Math.max(1, cand.p * 100)}%`;
      bar.setAttribute('aria-hidden', 'true');
      const value = document.createElement('span');
      value.className = 'st-cand-p';
      value.textContent = formatPercent(cand.p);
      item.append(glyph, bar, value);
      list.append(item);
    }
    this.panel.replaceChildren(title, list);
  }
}
