/**
 * Starlight's table-of-contents element (`@astrojs/starlight/components/TableOfContents/starlight-toc.ts`,
 * 0.37, MIT), served in its place by toc-module.ts, with one change: which elements it watches.
 *
 * Starlight finds them with one selector built on `:has()` and the sibling combinator
 * (`main :where(h2, h3, .sl-heading-wrapper) ~ *:not(:has(h2, h3))`, and three more). Chromium answers it by
 * testing every element of the page: on chapter 4 (18,000 elements, most of them KaTeX's) that is 90 ms, and
 * 260 ms at a 4× CPU slowdown (Lighthouse's phone), in a task of its own, twice (the mobile and the wide table of
 * contents).
 * `watchedElements` (watched-elements.ts) collects the same elements by walking the few hundred blocks of the
 * page instead.
 */
import { watchedElements } from './watched-elements.ts';

// Starlight's id of the page title (its constants module is not exported to packages).
const PAGE_TITLE_ID = '_top';

export class StarlightTOC extends HTMLElement {
  private _current = this.querySelector<HTMLAnchorElement>('a[aria-current="true"]');
  private minH = parseInt(this.dataset.minH || '2', 10);
  private maxH = parseInt(this.dataset.maxH || '3', 10);

  /** Matches only headings that can appear in the table of contents, e.g. `h1#_top,:where(h2,h3)[id]`. */
  private tocHeadingSelector =
    `h1#${PAGE_TITLE_ID},` +
    `:where(${[...Array.from({ length: 1 + this.maxH - this.minH }).map((_, index) => `h${this.minH + index}`)].join()})[id]`;

  protected set current(link: HTMLAnchorElement) {
    if (link === this._current) return;
    if (this._current) this._current.removeAttribute('aria-current');
    link.setAttribute('aria-current', 'true');
    this._current = link;
  }

  private onIdle = (cb: IdleRequestCallback) => (window.requestIdleCallback || ((cb) => setTimeout(cb, 1)))(cb);

  constructor() {
    super();
    this.onIdle(() => this.init());
  }

  private init = (): void => {
    const links = [...this.querySelectorAll('a')];
    const isHeading = (el: Element): el is HTMLHeadingElement => el.matches(this.tocHeadingSelector);

    /** Walks up the DOM to the nearest heading. */
    const getElementHeading = (el: Element | null): HTMLHeadingElement | null => {
      if (!el) return null;
      const origin = el;
      while (el) {
        // Short circuit at the top-level content container or one of the other containers in main.
        if (el.matches('.sl-markdown-content, main > *')) return document.getElementById(PAGE_TITLE_ID) as HTMLHeadingElement;
        if (isHeading(el)) return el;
        const childHeading = el.querySelector<HTMLHeadingElement>(this.tocHeadingSelector);
        if (childHeading) return childHeading;
        // The previous sibling's last, most deeply nested child.
        el = el.previousElementSibling;
        while (el?.lastElementChild) el = el.lastElementChild;
        const h = getElementHeading(el);
        if (h) return h;
      }
      return getElementHeading(origin.parentElement);
    };

    /** Sets the current link to the heading of the first intersecting element. */
    const setCurrent: IntersectionObserverCallback = (entries) => {
      for (const { isIntersecting, target } of entries) {
        if (!isIntersecting) continue;
        const heading = getElementHeading(target);
        if (!heading) continue;
        const link = links.find((link) => link.hash === '#' + encodeURIComponent(heading.id));
        if (link) {
          this.current = link;
          break;
        }
      }
    };

    const toObserve = watchedElements(document.querySelector('main'), this.tocHeadingSelector);
    // Says which element runs and what it watches (tests/e2e/table-of-contents.spec.ts reads it).
    this.dataset.watching = String(toObserve.length);

    let observer: IntersectionObserver | undefined;
    const observe = () => {
      if (observer) return;
      observer = new IntersectionObserver(setCurrent, { rootMargin: this.getRootMargin() });
      toObserve.forEach((h) => observer!.observe(h));
    };
    observe();

    let timeout: ReturnType<typeof setTimeout>;
    window.addEventListener('resize', () => {
      // No intersections while the window is being resized.
      if (observer) {
        observer.disconnect();
        observer = undefined;
      }
      clearTimeout(timeout);
      timeout = setTimeout(() => this.onIdle(observe), 200);
    });
  };

  private getRootMargin(): `-${number}px 0% ${number}px` {
    const navBarHeight = document.querySelector('header')?.getBoundingClientRect().height || 0;
    // `<summary>` only exists in the mobile table of contents.
    const mobileTocHeight = this.querySelector('summary')?.getBoundingClientRect().height || 0;
    /** Intersections start at the nav's height plus 2rem. */
    const top = navBarHeight + mobileTocHeight + 32;
    /** And end 53px later, a little more than the largest `margin-top` in Markdown content. */
    const bottom = top + 53;
    const height = document.documentElement.clientHeight;
    return `-${top}px 0% ${bottom - height}px`;
  }
}

customElements.define('starlight-toc', StarlightTOC);
