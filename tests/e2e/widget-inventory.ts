/**
 * The widgets that the inventories (layout, main thread, axe) and `bench:main-thread` go through: every
 * widget of the registry (src/widgets/registry.ts).
 */
import { WIDGETS } from '../../src/widgets/registry.ts';

const declared = WIDGETS.map((w) => w.tag);

/** Every widget tag of the book. */
export const WIDGET_TAGS: readonly string[] = declared;

/**
 * What a widget shows once it is live, where that is not a Plot chart: the inventories wait for it before
 * measuring. Widgets missing here are waited for by `svg.cs-plot`.
 */
const DRAWN: Record<string, string> = {
	'cell-explorer': '.ce-equation .katex',
	'cell-diagram': 'svg.cd-svg',
	'unrolled-chain': 'svg.uc-svg',
	'equation-view': '[data-part] .katex',
	'sequence-stepper': '.ss-line svg.cs-plot',
	// The generate embed has no chart: its generated-text region is what it shows.
	'studio-generate': '[data-generated]',
};

export function drawnSelector(tag: string): string {
	return DRAWN[tag] ?? 'svg.cs-plot';
}
