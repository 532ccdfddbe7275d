/**
 * Seeded randomness for the simulator and the predictive outputs: named, independent streams
 * (docs/navcast-model.md c.2: changing one parameter never reshuffles unrelated noise) and
 * counter-based standard normals keyed by (seed, stream, draw, week) for common random
 * numbers across windows (b.10).
 */
import { standardNormalQuantile } from '../../nuts/normalQuantile.js';
import { splitMix64, Xoshiro256StarStar, type RandomSource } from '../../nuts/rng.js';

const MASK64 = (1n << 64n) - 1n;

/** FNV-1a (64-bit) of a string's UTF-16 code units: a stable id for a stream name. */
function nameHash(name: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < name.length; i++) {
    h ^= BigInt(name.charCodeAt(i));
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

/** 64-bit hash of an integer seed and a sequence of integer or string keys. */
function mix(seed: number, keys: readonly (number | string)[]): bigint {
  let h = splitMix64(BigInt(seed));
  for (const key of keys) {
    const k = typeof key === 'string' ? nameHash(key) : BigInt(key) & MASK64;
    h = splitMix64(h ^ k);
  }
  return h;
}

/** A seed in [0, 2^53) derived from `seed` and `keys` (e.g. a stream name and a window week). */
export function deriveSeed(seed: number, ...keys: (number | string)[]): number {
  return Number(mix(seed, keys) >> 11n);
}

/** The random stream `name` of a run seeded with `seed` (xoshiro256**, uniforms never 0 or 1). */
export function namedStream(seed: number, name: string): RandomSource {
  return Xoshiro256StarStar.forStream(deriveSeed(seed, name), 0);
}

/** Factory of named streams, one generator per name, created on first use. */
export function streamSet(seed: number): (name: string) => RandomSource {
  const streams = new Map<string, RandomSource>();
  return (name) => {
    let stream = streams.get(name);
    if (stream === undefined) {
      stream = namedStream(seed, name);
      streams.set(name, stream);
    }
    return stream;
  };
}

/**
 * Counter-based standard normal Z[seed, stream, draw, week]: depends on nothing else, so two
 * windows (or scenarios) that read the same cell get the same variate (b.10). Inversion of
 * one uniform built from the top 52 bits of the hash.
 */
export function crnNormal(seed: number, stream: string, draw: number, week: number): number {
  const bits = mix(seed, [stream, draw, week]) >> 12n;
  return standardNormalQuantile((Number(bits) + 0.5) * 2 ** -52);
}
