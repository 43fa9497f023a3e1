/**
 * The studio's loss chart: training loss (every step, thinned for drawing) and validation loss (dots on a
 * line) in bits per character against the step, with Observable Plot through plotChart. Colours come from
 * CSS (.st-mark-train, .st-mark-validation), so both themes work.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../shared/plot.ts';
import type { LossPoint } from '../../studio/trainer.ts';

/** Most training points drawn; a longer history is averaged in equal runs of steps. */
const MAX_DRAWN = 600;

export interface ChartText {
  chartLabel: string;
  stepAxis: string;
  bitsAxis: string;
}

export function lossChart(history: readonly LossPoint[], width: number, text: ChartText, description: string): SVGSVGElement | HTMLElement {
  const train = thin(history.filter((p) => p.trainBits !== undefined));
  const validation = history.filter((p) => p.validationBits !== undefined);
  const height = Math.round(Math.max(180, Math.min(300, width * 0.45)));
  const top = Math.max(1, ...train.map((p) => p.trainBits!), ...validation.map((p) => p.validationBits!));
  return plotChart({
    width,
    height,
    marginLeft: 44,
    marginBottom: 36,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px', overflow: 'visible' },
    ariaLabel: text.chartLabel,
    ariaDescription: description,
    x: { label: text.stepAxis, labelAnchor: 'center', labelArrow: 'none', nice: true },
    y: { domain: [0, Math.ceil(top)], grid: true, label: text.bitsAxis, labelArrow: 'none' },
    marks: [
      Plot.line(train, { x: 'step', y: 'trainBits', stroke: 'currentColor', strokeWidth: 1.5, className: 'st-mark-train', ariaHidden: 'true' }),
      Plot.line(validation, { x: 'step', y: 'validationBits', stroke: 'currentColor', strokeWidth: 2, strokeDasharray: '6,3', className: 'st-mark-validation', ariaHidden: 'true' }),
      Plot.dot(validation, { x: 'step', y: 'validationBits', r: 3, fill: 'currentColor', stroke: 'none', className: 'st-mark-validation', ariaHidden: 'true' }),
    ],
  });
}

/** At most MAX_DRAWN points: each the mean of an equal run of steps, so thinning also smooths the batch noise. */
function thin(points: LossPoint[]): LossPoint[] {
  if (points.length <= MAX_DRAWN) return points;
  const out: LossPoint[] = [];
  const size = points.length / MAX_DRAWN;
  for (let k = 0; k < MAX_DRAWN; k++) {
    const bucket = points.slice(Math.floor(k * size), Math.floor((k + 1) * size));
    const mean = bucket.reduce((sum, p) => sum + p.trainBits!, 0) / bucket.length;
    out.push({ step: bucket[bucket.length - 1].step, trainBits: mean });
  }
  return out;
}
