/**
 * Opens the page's link once, before any widget reads its state: a versioned hash link (shared/link-hash.ts)
 * is migrated into today's live form, `?prefix.field=…#anchor`, keeping a pinned state in the hash
 * (`#anchor&v=2&pin=…`) so a reload still offers "Back to pinned state". Widgets then read location.search
 * as before. A hash with state scrolls to its anchor itself (the browser looks for an id "anchor&v=2…").
 */
import { decodeHash, encodeHash, migrate, type HashProblem } from '../shared/link-hash.ts';

export interface OpenedLink {
  /** The figure the link pointed at ('' when none). */
  anchor: string;
  /** The state pinned for the widget at `anchor`, as a query string; null when none. */
  pinned: string | null;
  problems: HashProblem[];
}

let opened: OpenedLink | undefined;

export function openPageLink(): OpenedLink {
  if (opened) return opened;
  const { search, hash, pathname } = location;
  const decoded = decodeHash(hash);
  opened = { anchor: decoded.anchor, pinned: decoded.pinned, problems: decoded.problems };
  if (!/[&]/.test(hash)) return opened;
  const migrated = migrate(search, hash);
  const query = migrated.state ? `?${migrated.state}` : '';
  history.replaceState(history.state, '', `${pathname}${query}${encodeHash({ anchor: decoded.anchor, state: '', pinned: decoded.pinned })}`);
  const target = decoded.anchor ? document.getElementById(decoded.anchor) : null;
  if (target) requestAnimationFrame(() => target.scrollIntoView());
  return opened;
}

/** Writes (or, with null, removes) the pinned state of the widget at `anchor` into the live hash. */
export function setPinned(anchor: string, pinned: string | null): void {
  opened = { anchor, pinned, problems: [] };
  history.replaceState(history.state, '', `${location.pathname}${location.search}${encodeHash({ anchor, state: '', pinned })}`);
}

/** A short link to `anchor` carrying `state` (and the pin, if any) in the hash, plus the page's other parameters. */
export function shortLink(anchor: string, state: string, pinned: string | null, keep: string): string {
  const query = keep ? `?${keep}` : '';
  return `${location.origin}${location.pathname}${query}${encodeHash({ anchor, state, pinned })}`;
}
