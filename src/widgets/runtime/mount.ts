/**
 * Loads a widget's module only when one of its elements comes near the screen. Each widget component
 * calls this from its <script>, so a page ships the widget's code (Plot, the engine…) only to readers who
 * scroll to it. Defining the custom element upgrades the server-rendered markup already on the page.
 *
 *   import memoryRace from '../src/widgets/memory-race/declaration.ts';
 *   mountWhenVisible(memoryRace);
 */
import type { WidgetDeclaration } from './declaration.ts';
import { openPageLink } from './page-link.ts';

export function mountWhenVisible(declaration: Pick<WidgetDeclaration, 'tag' | 'load'>, rootMargin = '200px'): void {
  // A short link scrolls to its figure itself (so the widget it points at comes near the screen and loads).
  openPageLink();
  const { tag, load } = declaration;
  const elements = document.querySelectorAll(tag);
  if (elements.length === 0 || customElements.get(tag)) return;
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    load().catch((error: unknown) => {
      for (const el of elements) el.setAttribute('data-widget-error', '');
      console.warn(`${tag}: the interactive version could not be loaded`, error);
    });
  };
  if (!('IntersectionObserver' in window)) return start();
  const observer = new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        start();
      }
    },
    { rootMargin },
  );
  for (const el of elements) observer.observe(el);
}
