import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planSlides } from '../../../src/site/presenter/slides.ts';

/** A stand-in for a chapter's top-level block: only what blockKind asks of an Element. */
function block(kind: 'h2' | 'p' | 'widget' | 'equation', name: string): Element {
  const matches = (selector: string) =>
    (kind === 'h2' && selector.includes('h2')) ||
    (kind === 'widget' && selector.includes('figure.widget')) ||
    (kind === 'equation' && selector.includes('.equation'));
  return { matches, querySelector: () => null, toString: () => name } as unknown as Element;
}

const names = (slides: Element[][]) => slides.map((s) => s.map(String).join(' '));

test('a heading starts a slide; widgets and equations get their own; prose shares while it fits', () => {
  const blocks = [block('p', 'intro'), block('h2', 'H1'), block('p', 'a'), block('p', 'b'), block('equation', 'E'), block('p', 'c'), block('widget', 'W'), block('h2', 'H2'), block('p', 'd')];
  assert.deepEqual(names(planSlides(blocks, () => true)), ['intro', 'H1 a b', 'E', 'c', 'W', 'H2 d']);
});

test('prose that would scroll continues on the next slide, one block at least per slide', () => {
  const blocks = [block('h2', 'H'), block('p', 'a'), block('p', 'b'), block('p', 'c'), block('p', 'd')];
  // At most two blocks fit on a slide.
  assert.deepEqual(names(planSlides(blocks, (shown) => shown.length <= 2)), ['H a', 'b c', 'd']);
  // Nothing fits: every block still gets a slide (the presenter scales it).
  assert.deepEqual(names(planSlides(blocks, () => false)), ['H', 'a', 'b', 'c', 'd']);
});
