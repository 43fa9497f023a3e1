/**
 * exp, log, tanh, σ and cos(2πu) written with + − × ÷ and √ only, which IEEE 754 rounds identically in every
 * JavaScript engine. Math.exp, Math.log, Math.tanh and Math.cos are only required to be approximately right,
 * so engines may differ in the last bit; the engine uses these instead, so a seed gives bit-identical
 * weights, activations, losses and samples in V8, SpiderMonkey and JavaScriptCore alike.
 * - `exp` and `log` follow fdlibm's e_exp.c and e_log.c, the algorithms behind V8's Math.exp and Math.log, and
 *   give the same bits as V8 (tests check this on a million arguments).
 * - `tanh` uses a Taylor series of sinh for |x| < 0.55 and 1 − 2/(e^{2|x|} + 1) above (error ≤ a few ulp).
 * - `cos2pi` reduces the angle exactly in turns and uses fdlibm's sin/cos kernels on [−π/4, π/4].
 */

const view = new DataView(new ArrayBuffer(8));

function hiWord(x: number): number {
  view.setFloat64(0, x);
  return view.getInt32(0);
}

function loWord(x: number): number {
  view.setFloat64(0, x);
  return view.getUint32(4);
}

function withHiWord(x: number, hi: number): number {
  view.setFloat64(0, x);
  view.setInt32(0, hi);
  return view.getFloat64(0);
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.80143985094819840000e16;
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** Natural logarithm, reproducible bit for bit on every engine (fdlibm's algorithm, < 1 ulp error). */
export function log(xIn: number): number {
  let x = xIn;
  let hx = hiWord(x);
  const lx = loWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(±0)
    if (hx < 0) return Number.NaN; // log(negative)
    k -= 54; // subnormal: scale up
    x *= TWO54;
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x; // +Infinity or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i0 = (hx + 0x95f64) & 0x100000;
  x = withHiWord(x, hx | (i0 ^ 0x3ff00000)); // normalise x into [√2/2, √2)
  k += i0 >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + k * LN2_LO;
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    return k === 0 ? f - R : k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const R = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    return k === 0 ? f - (hfsq - s * (hfsq + R)) : dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  return k === 0 ? f - s * (f - R) : dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

const PIO2 = 1.5707963267948966; // π/2 rounded to double
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

function kernelCos(x: number): number {
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  return 1 - (0.5 * z - z * r);
}

function kernelSin(x: number): number {
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}

/**
 * cos(2π·u) for u in turns. The quarter-turn n = round(4u) and the remainder 4u − n ∈ [−½, ½] are exact in
 * floating point, so only the final angle (π/2)(4u − n) ∈ [−π/4, π/4] carries rounding (error about 1 ulp).
 */
export function cos2pi(u: number): number {
  if (!Number.isFinite(u)) return Number.NaN;
  const t = 4 * (u - Math.floor(u)); // [0, 4); u − floor(u) and ×4 are exact for |u| < 2^52
  const n = Math.round(t);
  const theta = (t - n) * PIO2;
  switch (n & 3) {
    case 0:
      return kernelCos(theta);
    case 1:
      return -kernelSin(theta);
    case 2:
      return -kernelCos(theta);
    default:
      return kernelSin(theta);
  }
}

const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.45133219101941108420e2;
const INVLN2 = 1.44269504088896338700e0;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
/** 2^k for k = −1074..1023 built by exact doublings/halvings (index k + 1074). */
const POW2 = (() => {
  const t = new Float64Array(2098);
  t[1074] = 1;
  for (let k = 1; k <= 1023; k++) t[1074 + k] = t[1073 + k] * 2;
  for (let k = 1; k <= 1074; k++) t[1074 - k] = t[1075 - k] / 2;
  return t;
})();

/** e^x, reproducible bit for bit on every engine (fdlibm's e_exp.c, < 1 ulp error). */
export function exp(xIn: number): number {
  let x = xIn;
  if (!(x === x)) return x; // NaN
  if (x === 1) return Math.E; // as V8 does: e^1 is the double nearest e
  if (x > O_THRESHOLD) return Infinity;
  if (x < U_THRESHOLD) return 0;
  const ax = Math.abs(x);
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (ax > 0.34657359027997264) {
    // |x| > ln2 / 2: reduce x = k·ln2 + r, |r| ≤ ln2 / 2 (ln2 split in two so k·LN2_HI is exact)
    if (ax < 1.0397207708399179) {
      k = x > 0 ? 1 : -1;
      hi = x > 0 ? x - LN2_HI : x + LN2_HI;
      lo = x > 0 ? LN2_LO : -LN2_LO;
    } else {
      k = Math.trunc(INVLN2 * x + (x > 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < 3.725290298461914e-9) {
    return 1 + x; // |x| < 2^-28
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  // y·2^k; split the scale for results near the subnormal range so each product is exact.
  if (k === 1024) return y * 2 * POW2[1074 + 1023];
  return k >= -1021 ? y * POW2[1074 + k] : y * POW2[1074 + k + 1000] * POW2[1074 - 1000];
}

// 1/n! for the odd n of sinh's series (each a correctly rounded division, the same everywhere).
const F3 = 1 / 6;
const F5 = 1 / 120;
const F7 = 1 / 5040;
const F9 = 1 / 362880;
const F11 = 1 / 39916800;
const F13 = 1 / 6227020800;
const F15 = 1 / 1307674368000;
const F17 = 1 / 355687428096000;

/** tanh(x), reproducible bit for bit on every engine (error ≤ a few ulp). */
export function tanh(x: number): number {
  if (!(x === x)) return x; // NaN
  const a = Math.abs(x);
  let t: number;
  if (a >= 22) {
    t = 1; // 1 − tanh(22) < 2^-63: rounds to 1
  } else if (a >= 0.55) {
    t = 1 - 2 / (exp(2 * a) + 1);
  } else if (a < 3.725290298461914e-9) {
    t = a; // |x| < 2^-28: the cubic term is below half an ulp
  } else {
    // sinh a by its series (the next term, a^19/19!, is below 1e-22 here), then tanh = sinh / √(1 + sinh²).
    const z = a * a;
    const s = a + a * z * (F3 + z * (F5 + z * (F7 + z * (F9 + z * (F11 + z * (F13 + z * (F15 + z * F17)))))));
    t = s / Math.sqrt(1 + s * s);
  }
  return x < 0 ? -t : t;
}

/** Logistic σ(z) = 1/(1 + e^{−z}), reproducible on every engine; never evaluates e^{+large}. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + exp(-z));
  const e = exp(z); // z < 0 (or NaN, which propagates)
  return e / (1 + e);
}
