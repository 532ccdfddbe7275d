import { SamplerError } from './errors.js';
import { standardNormalQuantile, standardNormalQuantileInto } from './normalQuantile.js';

/** The only source of randomness the sampler uses. */
export interface RandomSource {
  /** Uniform on the open interval (0, 1), resolution 2^-52. */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** `count` standard normals into out[at], out[at + 1], ...: the values of `count` calls of normal(). */
  fillNormals(out: Float64Array, at: number, count: number): void;
}

/** Saved generator state: the four 64-bit xoshiro256** words as 16-digit hex strings. */
export interface RngState {
  readonly algorithm: 'xoshiro256**';
  readonly words: readonly [string, string, string, string];
}

const MASK64 = (1n << 64n) - 1n;
const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_52 = 2 ** -52;
/** Jump polynomial of xoshiro256 (Blackman & Vigna): advances the state by 2^128 outputs. */
const JUMP = [0x180ec6d33cfd0aban, 0xd5a61266f0c9392cn, 0xa9582618e03fc9aan, 0x39abdc4529b1661cn];

const rotl64 = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (64n - k))) & MASK64;

/**
 * Reference 64-bit xoshiro256** step on BigInt words (mutates `s`, returns the output). Used
 * for seeding and jumping only; the hot path below works on 32-bit halves.
 */
export function xoshiro256StarStarReference(s: bigint[]): bigint {
  const result = (rotl64((s[1] * 5n) & MASK64, 7n) * 9n) & MASK64;
  const t = (s[1] << 17n) & MASK64;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl64(s[3], 45n);
  return result;
}

/** SplitMix64 (Steele, Lea and Flood 2014): the output for state `x`, whose next state is x + the golden gamma. */
export function splitMix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** SplitMix64 expansion of a seed into the four xoshiro words, as its authors recommend. */
function splitMix64Words(seed: bigint): bigint[] {
  const words: bigint[] = [];
  for (let i = 0n; i < 4n; i++) words.push(splitMix64((seed + i * 0x9e3779b97f4a7c15n) & MASK64));
  return words;
}

function jump(s: bigint[]): void {
  const acc = [0n, 0n, 0n, 0n];
  for (const word of JUMP) {
    for (let b = 0n; b < 64n; b++) {
      if ((word >> b) & 1n) for (let i = 0; i < 4; i++) acc[i] ^= s[i];
      xoshiro256StarStarReference(s);
    }
  }
  for (let i = 0; i < 4; i++) s[i] = acc[i];
}

/**
 * xoshiro256** (Blackman & Vigna 2018) on 32-bit halves, with uniform(0,1) from the top 52
 * output bits and normals by AS 241 inversion of one uniform. Stream `k` of a seed is the
 * SplitMix64-seeded state jumped k times by 2^128 steps, so streams never overlap.
 */
export class Xoshiro256StarStar implements RandomSource {
  /** Words s0..s3 as [high, low] 32-bit halves: s[2k] = high of word k, s[2k+1] = low. */
  private readonly s = new Int32Array(8);
  /** Last output as [high, low] halves (typed, so no field ever holds a non-Smi integer). */
  private readonly out = new Int32Array(2);

  private constructor(words: readonly bigint[]) {
    for (let k = 0; k < 4; k++) {
      this.s[2 * k] = Number(words[k] >> 32n) | 0;
      this.s[2 * k + 1] = Number(words[k] & 0xffffffffn) | 0;
    }
  }

  /** Generator of stream `stream` (e.g. the chain index) for an integer seed in [0, 2^53). */
  static forStream(seed: number, stream: number): Xoshiro256StarStar {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new SamplerError('SAMPLER_INVALID_OPTIONS', `seed must be an integer in [0, 2^53), got ${seed}`);
    }
    if (!Number.isSafeInteger(stream) || stream < 0 || stream > 65536) {
      throw new SamplerError('SAMPLER_INVALID_OPTIONS', `stream must be an integer in [0, 65536], got ${stream}`);
    }
    const words = splitMix64Words(BigInt(seed));
    for (let k = 0; k < stream; k++) jump(words);
    return new Xoshiro256StarStar(words);
  }

  /** Generator continuing from a saved state. */
  static fromState(state: RngState): Xoshiro256StarStar {
    if (state.algorithm !== 'xoshiro256**' || state.words.length !== 4) {
      throw new SamplerError('SAMPLER_INVALID_OPTIONS', 'not a xoshiro256** state');
    }
    const words = state.words.map((w) => BigInt(`0x${w}`) & MASK64);
    if (words.every((w) => w === 0n)) throw new SamplerError('SAMPLER_INVALID_OPTIONS', 'all-zero xoshiro256** state');
    return new Xoshiro256StarStar(words);
  }

  saveState(): RngState {
    const s = this.s;
    const word = (k: number) => ((BigInt(s[2 * k] >>> 0) << 32n) | BigInt(s[2 * k + 1] >>> 0)).toString(16).padStart(16, '0');
    return { algorithm: 'xoshiro256**', words: [word(0), word(1), word(2), word(3)] };
  }

  /** Next 64-bit output as a BigInt (tests and diagnostics only; slow). */
  nextUint64(): bigint {
    this.next();
    return (BigInt(this.out[0] >>> 0) << 32n) | BigInt(this.out[1] >>> 0);
  }

  uniform(): number {
    this.next();
    // (k + 0.5) 2^-52 with k the top 52 bits: exact, and never 0 or 1.
    return ((this.out[0] >>> 0) * 1048576 + (this.out[1] >>> 12) + 0.5) * TWO_POW_MINUS_52;
  }

  normal(): number {
    return standardNormalQuantile(this.uniform());
  }

  /** Writes the state as four little-endian 64-bit words (eight int32s, low half first) at out[at]. */
  writeWords(out: Int32Array, at: number): void {
    for (let k = 0; k < 4; k++) {
      out[at + 2 * k] = this.s[2 * k + 1];
      out[at + 2 * k + 1] = this.s[2 * k];
    }
  }

  /** Continues from a state written as by writeWords (after it was advanced elsewhere). */
  readWords(from: Int32Array, at: number): void {
    for (let k = 0; k < 4; k++) {
      this.s[2 * k + 1] = from[at + 2 * k];
      this.s[2 * k] = from[at + 2 * k + 1];
    }
  }

  fillNormals(out: Float64Array, at: number, count: number): void {
    for (let i = 0; i < count; i++) standardNormalQuantileInto(this.uniform(), out, at + i);
  }

  private next(): void {
    const s = this.s;
    const s0h = s[0],
      s0l = s[1],
      s1h = s[2],
      s1l = s[3];
    const s2h = s[4] ^ s0h,
      s2l = s[5] ^ s0l;
    const s3h = s[6] ^ s1h,
      s3l = s[7] ^ s1l;
    // result = rotl(s1 * 5, 7) * 9 (mod 2^64); products of a 32-bit half and 5 or 9 are exact doubles.
    const ml = (s1l >>> 0) * 5;
    const mh = (Math.imul(s1h, 5) + ((ml / TWO_POW_32) | 0)) | 0;
    const rh = (mh << 7) | ((ml | 0) >>> 25);
    const rl = ((ml | 0) << 7) | (mh >>> 25);
    const ol = (rl >>> 0) * 9;
    this.out[0] = Math.imul(rh, 9) + ((ol / TWO_POW_32) | 0);
    this.out[1] = ol;
    // s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= s1 << 17; s3 = rotl(s3, 45)
    s[2] = s1h ^ s2h;
    s[3] = s1l ^ s2l;
    s[0] = s0h ^ s3h;
    s[1] = s0l ^ s3l;
    s[4] = s2h ^ ((s1h << 17) | (s1l >>> 15));
    s[5] = s2l ^ (s1l << 17);
    s[6] = (s3l << 13) | (s3h >>> 19);
    s[7] = (s3h << 13) | (s3l >>> 19);
  }
}
