import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromHalfBits, toHalfBits } from '../../../src/studio/float16.ts';

test('every binary16 value converts to float32 and back to the same bits', () => {
  for (let h = 0; h < 0x10000; h++) {
    const x = fromHalfBits(h);
    if (Number.isNaN(x)) continue;
    assert.equal(toHalfBits(x), h, `0x${h.toString(16)}`);
  }
});

test('known values, rounding to nearest even, overflow and underflow', () => {
  assert.equal(toHalfBits(1), 0x3c00);
  assert.equal(toHalfBits(-2), 0xc000);
  assert.equal(toHalfBits(65504), 0x7bff); // the largest half
  assert.equal(toHalfBits(65520), 0x7c00); // rounds up to Infinity
  assert.equal(toHalfBits(2 ** -24), 0x0001); // the smallest subnormal
  assert.equal(toHalfBits(2 ** -26), 0x0000); // below half of it: zero
  assert.equal(toHalfBits(1 + 2 ** -11), 0x3c00); // a tie rounds to the even neighbour 1
  assert.equal(toHalfBits(1 + 3 * 2 ** -11), 0x3c02); // a tie rounds to the even neighbour 1 + 2^-9
  assert.equal(fromHalfBits(0x3555), 0.333251953125);
  assert.ok(Number.isNaN(fromHalfBits(toHalfBits(NaN))));
});

test('rounding error is at most half a unit in the last place', () => {
  for (let k = 0; k < 2000; k++) {
    const x = Math.fround(Math.sin(k) * 10 ** ((k % 9) - 4));
    const y = fromHalfBits(toHalfBits(x));
    assert.ok(Math.abs(y - x) <= Math.max(Math.abs(x) * 2 ** -11, 2 ** -25), `${x} → ${y}`);
  }
});
