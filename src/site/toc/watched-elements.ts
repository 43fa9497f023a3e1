/**
 * The elements Starlight's table of contents watches to know which section is on screen, found without the
 * `:has()` selector Starlight uses (see starlight-toc.ts). tests/e2e/table-of-contents.spec.ts compares the two
 * on built pages.
 */

/**
 * What Starlight's selector matches, in document order: the table's headings; the later siblings of each
 * heading or heading wrapper; the direct children of the content; and the direct children of `main`; leaving
 * out, among the last three, any element that contains one of the headings (its headings are watched already).
 */
export function watchedElements(main: Element | null, headingSelector: string): Element[] {
  if (!main) return [];
  const found = new Set<Element>();
  const holdsHeading = (el: Element) => el.querySelector(headingSelector) !== null;
  const headings = main.querySelectorAll(headingSelector);
  for (const h of headings) found.add(h);
  const starts = new Set<Element>(headings);
  for (const w of main.querySelectorAll('.sl-heading-wrapper')) starts.add(w);
  // Each sibling is looked at once: a walk stops where an earlier walk (from a later start) has been.
  const walked = new Set<Element>();
  for (const start of starts) {
    for (let el = start.nextElementSibling; el && !walked.has(el); el = el.nextElementSibling) {
      walked.add(el);
      if (!el.matches(headingSelector) && !holdsHeading(el)) found.add(el);
    }
  }
  for (const content of main.querySelectorAll('.sl-markdown-content')) {
    for (const el of content.children) if (!holdsHeading(el)) found.add(el);
  }
  for (const el of main.children) if (!holdsHeading(el)) found.add(el);
  return [...found].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}
