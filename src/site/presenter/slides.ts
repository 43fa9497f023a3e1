/**
 * Which parts of a chapter go on which slide. DOM-light: it reads the chapter's top-level blocks and
 * measures them, it never moves them (widgets stay live where they are; the presenter only hides the
 * blocks of other slides).
 *
 * A heading starts a slide; a widget and a display equation each get a slide of their own; prose after a
 * heading shares its slide until the slide would scroll, then continues on the next one.
 */
export type BlockKind = 'heading' | 'widget' | 'equation' | 'prose';

export function blockKind(block: Element): BlockKind {
  if (block.matches('h2, h3, h4, .sl-heading-wrapper')) return 'heading';
  if (block.matches('figure.widget, figure:has(.widget)')) return 'widget';
  if (block.matches('.equation, .katex-display') || block.querySelector(':scope > .katex-display, :scope > .math-display')) return 'equation';
  return 'prose';
}

/**
 * Groups `blocks` into slides. `fits(blocks)` shows exactly those blocks in the slide frame and says whether
 * they fit without scrolling; a block that does not fit alone still gets its slide (the presenter scales it).
 */
export function planSlides(blocks: readonly Element[], fits: (blocks: Element[]) => boolean): Element[][] {
  const slides: Element[][] = [];
  let current: Element[] = [];
  const close = () => {
    if (current.length > 0) slides.push(current);
    current = [];
  };
  for (const block of blocks) {
    const kind = blockKind(block);
    if (kind === 'widget' || kind === 'equation') {
      close();
      slides.push([block]);
      continue;
    }
    if (kind === 'heading') close();
    const trial = [...current, block];
    if (current.length > 0 && !fits(trial)) {
      close();
      current = [block];
    } else current = trial;
  }
  close();
  return slides;
}
