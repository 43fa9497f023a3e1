/**
 * Presenter mode: the chapter as slides, for a projector. The "Present" button or Alt+Shift+P enters
 * (components/Presenter.astro listens for them and loads this module);
 * ArrowLeft / ArrowRight and PageUp / PageDown (what a clicker sends) move; Home / End jump; Escape leaves,
 * back to where the reader was. The slide number is in the URL (`?present=3`), so a reload stays on it.
 *
 * The chapter's own blocks are the slides' content: the presenter hides the blocks of other slides and
 * shows the chapter's content column as a full-window region, so widgets keep running with their state.
 * Everything else on the page is inert while presenting. Exercise hints and answers start closed.
 */
import { planSlides } from './slides.ts';
import { PRESENTER_TEXT } from './labels.ts';
import { langOf } from '../../widgets/shared/labels.ts';
import { openShareDialog } from '../../widgets/runtime/share-dialog.ts';

const PARAM = 'present';
/** The most a widget is magnified on its slide (a wide screen fits it by width, not by this). */
const WIDGET_ZOOM_MAX = 3;
/** Widths a widget's slide tries, as multiples of the reading column's. */
const WIDGET_WIDTHS = [1, 1.3, 1.6, 2, 2.5];

export interface Presenter {
  /** Enters at slide `slideNumber` (1-based), or at the reading position with 0. */
  enter(slideNumber: number): void;
  /** Enters, or leaves when presenting (the keyboard shortcut). */
  toggle(): void;
}

let started: Presenter | null | undefined;

/** Wires presenter mode once per page (components/Presenter.astro loads this module on first use). */
export function startPresenter(): Presenter | null {
  if (started !== undefined) return started;
  const root = document.querySelector<HTMLElement>('.sl-markdown-content');
  const bar = document.querySelector<HTMLElement>('[data-presenter-bar]');
  if (!root || !bar) return (started = null);
  const lang = langOf(document.documentElement.lang);
  const text = PRESENTER_TEXT[lang];
  const counter = bar.querySelector<HTMLElement>('[data-presenter-count]')!;
  let slides: Element[][] = [];
  let index = 0;
  let readingY = 0;
  let inerted: Element[] = [];
  /** The content column's width while reading (px): a widget slide lays its widget out from this width. */
  let readingWidth = 0;
  /** Whether each widget was live when its slide's width was chosen. */
  const fitLive = new WeakMap<Element, string>();

  const presenting = () => document.documentElement.hasAttribute('data-presenting');
  const blocks = () => slideBlocks(root);

  const showOnly = (shown: readonly Element[]) => {
    for (const block of blocks()) block.toggleAttribute('data-slide-on', shown.includes(block));
    // A container opened into its parts (the exercises) is shown around the parts on this slide.
    for (const open of root.querySelectorAll('[data-slide-open]')) open.removeAttribute('data-slide-open');
    for (const block of shown) {
      for (let up = block.parentElement; up && up !== root; up = up.parentElement) up.setAttribute('data-slide-open', '');
    }
  };
  const fits = (shown: Element[]) => {
    showOnly(shown);
    return root.scrollHeight <= root.clientHeight + 1;
  };

  /**
   * Scales the slide's blocks (CSS zoom) until the slide does not scroll; anything too tall shrinks. A lone
   * widget is laid out at the page's own type size, at one of a few widths from the reading column's up to the
   * slide's (wider: its controls share rows and it gets shorter), and magnified as a whole; `chooseWidth` keeps
   * the width that magnifies it most. (Zooming a widget laid out at the slide's width would only make its charts
   * redraw wider, since they fill their box, so shrinking it to fit could never succeed.) A refit after the
   * widget redraws keeps the chosen width, so the widget does not redraw again and again. The widths are tried
   * in one task, before any chart has redrawn for them, so the choice reads each width's layout with the charts
   * as they were; a chart that changes height with its width can make the choice a little off.
   */
  const fitZoom = (slide: Element[], chooseWidth: boolean) => {
    const blocksShown = slide as HTMLElement[];
    const widget = blocksShown.length === 1 && blocksShown[0].matches('figure.widget') ? blocksShown[0] : null;
    document.documentElement.toggleAttribute('data-presenting-widget', widget !== null);
    const shrinkToFit = (zoom: number) => {
      for (let tries = 0; tries < 6 && root.scrollHeight > root.clientHeight + 1; tries++) {
        zoom = Math.max(0.25, (zoom * root.clientHeight) / root.scrollHeight) * 0.99;
        for (const block of blocksShown) block.style.zoom = String(zoom);
      }
      return zoom;
    };
    if (!widget) {
      for (const block of blocksShown) clearFit(block);
      shrinkToFit(1);
      return;
    }
    // Full screen from the slide (the widget's own button): the window is the widget's, not the slide's.
    if (widget.hasAttribute('data-fullscreen')) return clearFit(widget);
    const style = getComputedStyle(root);
    const inner = root.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const layAt = (width: number) => {
      widget.style.width = `${width}px`;
      fitted.add(widget);
      widget.style.zoom = String(Math.min(WIDGET_ZOOM_MAX, inner / width));
      return shrinkToFit(Math.min(WIDGET_ZOOM_MAX, inner / width));
    };
    // Chosen again once the widget comes to life: the live widget is laid out differently from its fallback.
    const live = String(widget.querySelector('[data-ready]') !== null);
    const kept = fitted.has(widget) ? parseFloat(widget.style.width) : 0;
    if (!chooseWidth && kept > 0 && fitLive.get(widget) === live) return void layAt(kept);
    fitLive.set(widget, live);
    const widths = WIDGET_WIDTHS.map((k) => Math.round(readingWidth * k)).filter((w, k) => k === 0 || w <= inner);
    let best = widths[0];
    let bestZoom = -1;
    for (const width of widths) {
      const zoom = layAt(width);
      if (zoom > bestZoom * 1.02) [best, bestZoom] = [width, zoom];
    }
    layAt(best);
  };

  // A widget that hydrates (or a chart that redraws) after its slide is shown changes size: fit it again.
  const refit = new ResizeObserver(() => {
    if (presenting()) fitZoom(slides[index] ?? [], false);
  });

  const show = (next: number) => {
    index = Math.min(Math.max(next, 0), slides.length - 1);
    const slide = slides[index] ?? [];
    showOnly(slide);
    fitZoom(slide, true);
    refit.disconnect();
    for (const block of slide) refit.observe(block);
    root.scrollTop = 0;
    counter.textContent = text.slideOf(index + 1, slides.length);
    const url = new URL(location.href);
    url.searchParams.set(PARAM, String(index + 1));
    history.replaceState(history.state, '', url);
  };

  const plan = () => {
    // Slides of prose are measured at the presenter's type size, whatever slide is showing now.
    document.documentElement.removeAttribute('data-presenting-widget');
    for (const block of blocks()) clearFit(block as HTMLElement);
    slides = planSlides(blocks(), fits);
  };

  const enter = (slideNumber: number) => {
    if (presenting()) return;
    readingY = scrollY;
    readingWidth = Math.max(root.clientWidth, 320);
    document.documentElement.setAttribute('data-presenting', '');
    root.setAttribute('role', 'region');
    root.setAttribute('aria-label', text.slides);
    root.tabIndex = -1;
    bar.hidden = false;
    for (const details of root.querySelectorAll<HTMLDetailsElement>('.exercise-hint, .exercise-answer')) details.open = false;
    inerted = inertOutside([root, bar]);
    plan();
    // The slide that holds what the reader was looking at, unless the link names one.
    show(slideNumber > 0 ? slideNumber - 1 : slideAt(slides, readingY));
    root.focus();
  };

  const exit = () => {
    if (!presenting()) return;
    const first = slides[index]?.[0] as HTMLElement | undefined;
    document.documentElement.removeAttribute('data-presenting');
    document.documentElement.removeAttribute('data-presenting-widget');
    refit.disconnect();
    for (const open of root.querySelectorAll('[data-slide-open]')) open.removeAttribute('data-slide-open');
    for (const block of blocks()) {
      block.removeAttribute('data-slide-on');
      clearFit(block as HTMLElement);
    }
    for (const el of inerted) el.removeAttribute('inert');
    inerted = [];
    root.removeAttribute('role');
    root.removeAttribute('aria-label');
    root.removeAttribute('tabindex');
    bar.hidden = true;
    const url = new URL(location.href);
    url.searchParams.delete(PARAM);
    history.replaceState(history.state, '', url);
    if (readingY > 0) scrollTo(0, readingY);
    else first?.scrollIntoView();
    document.querySelector<HTMLElement>('[data-presenter-start]')?.focus({ preventScroll: true });
  };

  bar.querySelector('[data-presenter-prev]')!.addEventListener('click', () => show(index - 1));
  bar.querySelector('[data-presenter-next]')!.addEventListener('click', () => show(index + 1));
  bar.querySelector('[data-presenter-exit]')!.addEventListener('click', exit);
  bar.querySelector('[data-presenter-share]')!.addEventListener('click', () => void openShareDialog(location.href, lang));

  document.addEventListener('keydown', (event) => {
    if (!presenting() || document.querySelector('dialog[open]') || document.fullscreenElement) return;
    const target = event.target as Element | null;
    const typing = !!target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]');
    // Arrow keys belong to a focused control (a slider, the stepper); clicker keys always turn the slide.
    const inControl = typing || !!target?.closest('[role="slider"], [role="tablist"], [role="radiogroup"], [role="listbox"], .widget');
    const move: Record<string, number> = { PageDown: 1, PageUp: -1, ...(inControl ? {} : { ArrowRight: 1, ArrowLeft: -1 }) };
    if (event.key === 'Escape') {
      event.preventDefault();
      exit();
    } else if (event.key in move && !(typing && event.key.startsWith('Page'))) {
      event.preventDefault();
      show(index + move[event.key]);
    } else if (!inControl && (event.key === 'Home' || event.key === 'End')) {
      event.preventDefault();
      show(event.key === 'Home' ? 0 : slides.length - 1);
    }
  });

  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  addEventListener('resize', () => {
    if (!presenting()) return;
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      const first = slides[index]?.[0];
      plan();
      show(Math.max(0, slides.findIndex((s) => first !== undefined && s.includes(first))));
    }, 150);
  });

  return (started = { enter, toggle: () => (presenting() ? exit() : enter(0)) });
}

/** Widgets whose inline width fitZoom set (so clearFit leaves any other block's width alone). */
const fitted = new WeakSet<HTMLElement>();

/** Undoes fitZoom on a block. */
function clearFit(block: HTMLElement): void {
  block.style.removeProperty('zoom');
  if (fitted.delete(block)) block.style.removeProperty('width');
}

/** The slide a link asks for (`?present=3`), 0 when none. */
export function requestedSlide(search: string): number {
  const n = Number(new URLSearchParams(search).get(PARAM));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/** Containers too long for one slide whose parts become blocks of their own (each exercise, say). */
const OPENED = 'section.exercises, ol.exercise-list';

/** The chapter's blocks in reading order: top-level elements that show something, containers opened up. */
function slideBlocks(parent: Element): Element[] {
  return [...parent.children]
    .filter((c) => !c.matches('script, style, template, link'))
    .flatMap((c) => (c.matches(OPENED) ? slideBlocks(c) : [c]));
}

/** The slide whose first block is the last one starting above the reading position. */
function slideAt(slides: Element[][], y: number): number {
  let found = 0;
  slides.forEach((slide, i) => {
    if ((slide[0] as HTMLElement).getBoundingClientRect().top + scrollY <= y + 80) found = i;
  });
  return y <= 0 ? 0 : found;
}

/** Makes everything on the page inert except `keep` (and their ancestors); returns what it changed. */
function inertOutside(keep: readonly Element[]): Element[] {
  const changed: Element[] = [];
  const walk = (parent: Element) => {
    for (const child of parent.children) {
      if (keep.includes(child)) continue;
      if (keep.some((k) => child.contains(k))) walk(child);
      else if (!child.hasAttribute('inert') && !(child instanceof HTMLScriptElement) && !(child instanceof HTMLDialogElement)) {
        child.setAttribute('inert', '');
        changed.push(child);
      }
    }
  };
  walk(document.body);
  return changed;
}
