/**
 * The widgets that the inventories (layout, main thread, axe) and `bench:main-thread` go through: every
 * widget of the registry (src/widgets/registry.ts), plus the legacy tags below.
 */
import { WIDGETS } from '../../src/widgets/registry.ts';

/**
 * TEMPORARY — widgets not yet declared in the registry, so that they keep their coverage until their
 * migration onto the widget runtime lands. A tag that the registry declares is dropped from this list
 * automatically; delete the list once it is empty.
 */
const LEGACY_TAGS: readonly string[] = ['cell-explorer', 'sequence-stepper', 'gradient-lab'];

const declared = WIDGETS.map((w) => w.tag);

/** Every widget tag of the book: the registry's first, then the legacy ones still outside it. */
export const WIDGET_TAGS: readonly string[] = [...declared, ...LEGACY_TAGS.filter((tag) => !declared.includes(tag))];

/**
 * What a widget shows once it is live, where that is not a Plot chart: the inventories wait for it before
 * measuring. Widgets missing here are waited for by `svg.cs-plot`.
 */
const DRAWN: Record<string, string> = {
	'cell-explorer': '.ce-equation .katex',
	'sequence-stepper': '.ss-line svg.cs-plot',
};

export function drawnSelector(tag: string): string {
	return DRAWN[tag] ?? 'svg.cs-plot';
}
