/**
 * Test fixtures of the NAVcast model: the golden values in
 * test/fixtures/reference/navcast/golden.json (see test/fixtures/reference/PROVENANCE.md), a
 * seeded generator, and a finite-difference gradient.
 */
import { readFileSync } from 'node:fs';
import type { NavcastFundData } from '../fundData.js';
import type { NavcastTarget } from '../target.js';

/** One golden evaluation point. */
export interface GoldenPoint {
  tau: number;
  point: 'truth' | 'naiveInit' | 'jittered';
  whitened: boolean;
  /** 13 globals (golden.meta.globals order), then e_1..e_tau (or z when whitened). */
  x: number[];
  /** null = minus infinity. */
  logDensity: number | null;
}

/** One simulated fund with its truth and evaluation points. */
export interface GoldenCase {
  seed: number;
  fund: NavcastFundData & {
    T: number;
    truth: { V: number[]; B: number[]; e: number[]; params: Record<string, number> };
  };
  points: GoldenPoint[];
}

/** golden.json, parsed once per test file. */
export const golden: { meta: { globals: string[] }; cases: GoldenCase[] } = JSON.parse(readFileSync(new URL('../../../../test/fixtures/reference/navcast/golden.json', import.meta.url), 'utf8'));

/** Deterministic uniform(0,1) stream (mulberry32) so that failing points can be replayed. */
export function uniformStream(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal stream (Box-Muller on uniformStream). */
export function normalStream(seed: number): () => number {
  const u = uniformStream(seed);
  return () => Math.sqrt(-2 * Math.log(1 - u())) * Math.cos(2 * Math.PI * u());
}

/**
 * Fourth-order central differences (error O(h^4)) of target.logDensity at q, with step
 * steps[i] per coordinate.
 */
export function finiteDifferenceGradient(target: NavcastTarget, q: Float64Array, steps: Float64Array): Float64Array {
  const x = Float64Array.from(q);
  const out = new Float64Array(q.length);
  const at = (i: number, d: number) => {
    x[i] = q[i] + d;
    const value = target.logDensity(x);
    x[i] = q[i];
    return value;
  };
  for (let i = 0; i < q.length; i++) {
    const h = steps[i];
    out[i] = (8 * (at(i, h) - at(i, -h)) - (at(i, 2 * h) - at(i, -2 * h))) / (12 * h);
  }
  return out;
}

/** ||a - b|| / ||b||. */
export function relativeError(a: Float64Array, b: Float64Array): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num += (a[i] - b[i]) ** 2;
    den += b[i] ** 2;
  }
  return Math.sqrt(num / den);
}
