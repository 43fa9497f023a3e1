import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACTIVATION_SCHEMA, CURVES, clampZ, formatNumber, formatZ, sampleCurves, valuesAt, Z_DEFAULT, Z_MAX, Z_MIN } from '../../../src/widgets/activation/model.ts';
import { readState, writeState } from '../../../src/widgets/shared/url-state.ts';
import { textFor } from '../../../src/widgets/activation/labels.ts';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

test('valuesAt matches the closed forms σ = 1/(1+e^{-z}), σ′ = σ(1−σ), tanh′ = 1 − tanh²', () => {
	for (const z of [-6, -1.3, 0, 0.5, 2, 6]) {
		const v = valuesAt(z);
		const s = 1 / (1 + Math.exp(-z));
		close(v.sigmoid, s);
		close(v.tanh, Math.tanh(z));
		close(v.dsigmoid, s * (1 - s));
		close(v.dtanh, 1 - Math.tanh(z) ** 2);
	}
	assert.deepEqual(valuesAt(0), { sigmoid: 0.5, tanh: 0, dsigmoid: 0.25, dtanh: 1 });
});

test('sampleCurves covers the range end to end for every curve', () => {
	const points = sampleCurves(5);
	assert.equal(points.length, 5 * CURVES.length);
	assert.deepEqual(points.filter((p) => p.curve === 'tanh').map((p) => p.z), [-6, -3, 0, 3, 6]);
	assert.throws(() => sampleCurves(1), /count must be at least 2, got 1/);
});

test('a typed z is kept to 0.001 and stated exactly as it is used', () => {
	assert.equal(clampZ(2.3449), 2.345);
	assert.equal(formatZ(2.345), '2.345');
	assert.equal(formatZ(-0.5), '\u22120.5');
	assert.equal(formatZ(0), '0');
	const z = clampZ(2.345);
	assert.match(textFor('en').describe(z, valuesAt(z)), new RegExp(`z = 2\\.345: σ\\(z\\) = ${formatNumber(valuesAt(2.345).sigmoid)}`));
});

test('clampZ keeps z in range and replaces non-numbers', () => {
	assert.equal(clampZ(10), Z_MAX);
	assert.equal(clampZ(-10), Z_MIN);
	assert.equal(clampZ(1.5), 1.5);
	assert.equal(clampZ(Number.NaN, 2), 2);
});

test('formatNumber uses a typographic minus and never shows −0', () => {
	assert.equal(formatNumber(-0.23841), '\u22120.2384');
	assert.equal(formatNumber(0.5), '0.5000');
	assert.equal(formatNumber(-0.00001), '0.0000');
	assert.equal(formatNumber(-2, 0), '\u22122');
});

test('the text alternative states the current numbers in both languages', () => {
	const v = valuesAt(1);
	assert.match(textFor('en').describe(1, v), /z = 1: σ\(z\) = 0\.7311, tanh\(z\) = 0\.7616, σ′\(z\) = 0\.1966, tanh′\(z\) = 0\.4200\./);
	assert.match(textFor('zh-CN').describe(1, v), /标记点位于 z = 1：σ\(z\) = 0\.7311/);
});

test('z round-trips through the URL; the default writes nothing; bad z falls back, out-of-range z is clamped', () => {
	assert.equal(writeState(ACTIVATION_SCHEMA, 'act', { z: Z_DEFAULT }, ''), '');
	const search = writeState(ACTIVATION_SCHEMA, 'act', { z: -2.35 }, '?seq.t=4');
	assert.match(search, /seq\.t=4/);
	assert.deepEqual(readState(ACTIVATION_SCHEMA, 'act', search), { z: -2.35 });
	for (const bad of ['?act.z=abc', '?act.z=Infinity', '?act.z=0x1']) {
		assert.deepEqual(readState(ACTIVATION_SCHEMA, 'act', bad), { z: Z_DEFAULT }, bad);
	}
	assert.deepEqual(readState(ACTIVATION_SCHEMA, 'act', `?act.z=${Z_MAX + 1}`), { z: Z_MAX });
	assert.deepEqual(readState(ACTIVATION_SCHEMA, 'act', `?act.z=${Z_MIN - 1}`), { z: Z_MIN });
});
