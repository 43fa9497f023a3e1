import { cos2pi, log } from './exact-math.ts';

/**
 * The engine's one source of randomness: xoshiro128** (Blackman & Vigna), seeded from a 32-bit integer
 * through splitmix32. Pure 32-bit integer arithmetic (Math.imul, >>>), so a seed gives the same stream
 * bit for bit in every JavaScript engine, in Node, in a Worker and on the page.
 *
 *   const rng = new Rng(42);
 *   rng.next();          // float in [0, 1) with 53 random bits
 *   rng.normal(0, 1);    // standard normal (Box–Muller, no hidden cached second value)
 *
 * normal() uses the engine's own log and cos (exact-math.ts) rather than Math.log / Math.cos, whose last bit
 * may differ between JavaScript engines, so normal samples are bit-identical everywhere too.
 *   const child = rng.fork();   // independent stream, advances the parent by a fixed amount
 */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** @param seed an integer; it is reduced modulo 2^32 (so -1 and 4294967295 are the same seed). */
  constructor(seed: number) {
    if (typeof seed !== 'number' || !Number.isInteger(seed)) {
      throw new Error(`Rng: seed expected an integer, got ${String(seed)}`);
    }
    // splitmix32 spreads a small seed (0, 1, 2, ...) over all 128 state bits; it never yields an all-zero state
    // in practice, but we guard anyway because xoshiro's zero state is a fixed point.
    let x = seed >>> 0;
    const mix = (): number => {
      x = (x + 0x9e3779b9) | 0;
      let t = x ^ (x >>> 16);
      t = Math.imul(t, 0x21f0aaad);
      t ^= t >>> 15;
      t = Math.imul(t, 0x735a2d97);
      return (t ^ (t >>> 15)) >>> 0;
    };
    this.s0 = mix();
    this.s1 = mix();
    this.s2 = mix();
    this.s3 = mix();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Builds a generator from a raw xoshiro128** state (four uint32, not all zero). Used by fork() and tests. */
  static fromState(state: readonly [number, number, number, number]): Rng {
    const r = new Rng(0);
    [r.s0, r.s1, r.s2, r.s3] = state.map((v) => v >>> 0);
    if ((r.s0 | r.s1 | r.s2 | r.s3) === 0) throw new Error('Rng.fromState: state expected not all zero, got [0, 0, 0, 0]');
    return r;
  }

  /** Next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform float in [0, 1) with 53 bits of resolution (two 32-bit outputs, like a double's mantissa). */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /**
   * Normal sample by Box–Muller. Each call consumes exactly two uniforms and returns one value (the sine
   * partner is discarded), so the stream position never depends on how many normals were drawn before.
   */
  normal(mean = 0, std = 1): number {
    const u1 = 1 - this.next(); // (0, 1]: log(0) cannot happen
    const u2 = this.next();
    // √ is correctly rounded by IEEE 754; log and cos(2π·) come from exact-math.ts (same bits in every engine).
    return mean + std * Math.sqrt(-2 * log(u1)) * cos2pi(u2);
  }

  /** Uniform integer in [0, n), n a positive integer ≤ 2^32. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 4294967296) {
      throw new Error(`Rng.int: n expected an integer in [1, 2^32], got ${String(n)}`);
    }
    // 53-bit float times n: the bias is below 2^-21 for any n ≤ 2^32, far under anything observable here.
    return Math.floor(this.next() * n);
  }

  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T>(arr: T[] | Int32Array | Float32Array | Float64Array | Uint32Array): typeof arr {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = arr[i];
      arr[i] = arr[j];
      arr[j] = tmp;
    }
    return arr;
  }

  /**
   * An independent generator: its state is four outputs of this one, each passed through a splitmix32
   * finaliser so the child stream does not simply continue the parent's. Advances this generator by four outputs.
   */
  fork(): Rng {
    const s = [this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32()].map(fmix32);
    if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
    return Rng.fromState(s as [number, number, number, number]);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** splitmix32's output finaliser (a bijection on uint32). */
function fmix32(x: number): number {
  let t = (x + 0x9e3779b9) | 0;
  t ^= t >>> 16;
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  return (t ^ (t >>> 15)) >>> 0;
}
