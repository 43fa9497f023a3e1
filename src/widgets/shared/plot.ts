/**
 * Observable Plot for widgets. Plot puts a <style> element inside every chart it makes. Inserting a
 * stylesheet into the document makes Chrome recompute fonts, style and layout for the whole page: about
 * 80 ms on a chapter with 200 typeset formulas, on every redraw. So charts are made with one fixed class
 * and without that <style>; the two rules it carried live once in site.css (and in the heatmaps' shadow
 * root, see sequence-stepper.ts) under PLOT_CLASS.
 *
 *   chart.replaceChildren(plotChart({ width, height, marks: [...] }));
 */
import * as Plot from '@observablehq/plot';

/** Class of every widget chart; its rules are PLOT_RULES. */
export const PLOT_CLASS = 'cs-plot';

/** What Plot's own <style> would have said, for PLOT_CLASS. */
export const PLOT_RULES = `
:where(.${PLOT_CLASS}) { display: block; height: auto; max-width: 100%; }
:where(.${PLOT_CLASS} text), :where(.${PLOT_CLASS} tspan) { white-space: pre; }
`;

/** A chart made by Plot.plot as a detached element (an <svg>, or a <figure> if it has a legend or title). */
export type PlotElement = (SVGSVGElement | HTMLElement) & Plot.Plot;

/** Plot.plot(options) with PLOT_CLASS and no <style> element in the result. */
export function plotChart(options: Plot.PlotOptions): PlotElement {
	const chart = Plot.plot({ ...options, className: PLOT_CLASS });
	for (const style of chart.querySelectorAll('style')) style.remove();
	return chart;
}
