/**
 * What the activation explorer shows, computed without the DOM so the build (static table) and the
 * browser (live chart) use the same numbers: σ, tanh and their derivatives from the engine.
 */
import { dsigmoid, dtanh, sigmoid, tanh } from '../../engine/index.ts';
import { ACTIVATION_SCHEMA, Z_DEFAULT, Z_MAX, Z_MIN, Z_STEP } from './schema.ts';

export { ACTIVATION_SCHEMA, Z_DEFAULT, Z_MAX, Z_MIN, Z_STEP };

/** The four curves, in the order they are drawn and read out. */
export const CURVES = ['sigmoid', 'tanh', 'dsigmoid', 'dtanh'] as const;
export type Curve = (typeof CURVES)[number];

/** Values of z listed in the static table. */
export const TABLE_Z = [-4, -2, -1, 0, 1, 2, 4];

export type Values = Record<Curve, number>;

const FUNCTIONS: Record<Curve, (z: number) => number> = { sigmoid, tanh, dsigmoid, dtanh };

/** σ(z), tanh(z), σ′(z), tanh′(z) at one z. */
export function valuesAt(z: number): Values {
	return { sigmoid: sigmoid(z), tanh: tanh(z), dsigmoid: dsigmoid(z), dtanh: dtanh(z) };
}

export interface CurvePoint {
	curve: Curve;
	z: number;
	value: number;
}

/** Samples every curve at `count` evenly spaced z in [zMin, zMax] (long format, for Plot's `z` channel). */
export function sampleCurves(count = 241, zMin = Z_MIN, zMax = Z_MAX): CurvePoint[] {
	if (count < 2) throw new RangeError(`sampleCurves: count must be at least 2, got ${count}`);
	const points: CurvePoint[] = [];
	for (const curve of CURVES) {
		const f = FUNCTIONS[curve];
		for (let k = 0; k < count; k++) {
			const z = zMin + ((zMax - zMin) * k) / (count - 1);
			points.push({ curve, z, value: f(z) });
		}
	}
	return points;
}

/**
 * Clamps a typed z into the explorer's range and rounds it to 0.001, the precision the description
 * states it with (so the sentence and the values agree); non-numbers fall back to `fallback`.
 */
export function clampZ(z: number, fallback = 0): number {
	if (!Number.isFinite(z)) return fallback;
	return Math.round(Math.min(Z_MAX, Math.max(Z_MIN, z)) * 1000) / 1000;
}

/** z as the reader typed it: up to three decimals, no trailing zeros, typographic minus (−2.345, 1). */
export function formatZ(z: number): string {
	return formatNumber(z, 3).replace(/\.?0+$/, '');
}

/** Fixed-decimal number with a typographic minus sign (−0.2384); never prints "−0.0000". */
export function formatNumber(x: number, digits = 4): string {
	const s = x.toFixed(digits);
	if (/^-0\.?0*$/.test(s)) return s.slice(1);
	return s.replace('-', '\u2212');
}
