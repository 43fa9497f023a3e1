/**
 * The cell inspector's view: a text with each character's background coloured by one unit's value there
 * (C_t or h_t of the top layer): blue for negative, orange for positive, stronger with |value|. The value
 * is in each character's title, and the sentence below states the range.
 */
export function paintTrace(view: HTMLElement, chars: readonly string[], values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  // C_t is unbounded; scale by the largest magnitude so a small-valued unit is still visible.
  const scale = Math.max(1e-6, Math.abs(min), Math.abs(max));
  const fragment = document.createDocumentFragment();
  chars.forEach((ch, t) => {
    const span = document.createElement('span');
    const v = values[t];
    span.className = v >= 0 ? 'st-pos' : 'st-neg';
    span.style.setProperty('--st-strength', String(Math.round((Math.abs(v) / scale) * 100) / 100));
    span.title = v.toFixed(3);
    span.textContent = ch === '\n' ? '↵' : ch;
    fragment.append(span);
    if (ch === '\n') fragment.append(document.createElement('br'));
  });
  view.replaceChildren(fragment);
  return { min, max };
}
