/**
 * Full screen for a widget's figure: the Fullscreen API where the browser allows it, else a fixed layer over
 * the page (the same `data-fullscreen` attribute, so one set of wide-layout rules serves both). Escape, the
 * button again, or the browser's own exit restores the figure where it was.
 */
export class FullScreen {
  #figure: HTMLElement;
  #onChange: (on: boolean) => void;
  #fallback = false;

  constructor(figure: HTMLElement, onChange: (on: boolean) => void, signal: AbortSignal) {
    this.#figure = figure;
    this.#onChange = onChange;
    document.addEventListener('fullscreenchange', () => this.#set(document.fullscreenElement === figure), { signal });
    document.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Escape' && this.#fallback && !document.querySelector('dialog[open]')) this.exit();
      },
      { signal },
    );
  }

  get on(): boolean {
    return this.#figure.hasAttribute('data-fullscreen');
  }

  async toggle(): Promise<void> {
    if (this.on) return this.exit();
    try {
      if (!this.#figure.requestFullscreen) throw new Error('no Fullscreen API');
      await this.#figure.requestFullscreen();
    } catch {
      this.#fallback = true;
      this.#set(true);
    }
  }

  async exit(): Promise<void> {
    if (document.fullscreenElement === this.#figure) await document.exitFullscreen();
    this.#fallback = false;
    this.#set(false);
  }

  #set(on: boolean): void {
    if (on === this.on) return;
    this.#figure.toggleAttribute('data-fullscreen', on);
    this.#onChange(on);
  }
}
