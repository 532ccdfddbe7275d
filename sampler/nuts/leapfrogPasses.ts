/**
 * The per-coordinate passes of the diag_e leapfrog (docs/nuts.md §1.1) fused with NUTS bookkeeping.
 * They are WebAssembly SIMD (source and exact semantics: leapfrogPasses.wat; binary:
 * leapfrogPassesWasm.ts) over a workspace's memory: vectors are element offsets, n the
 * workspace stride (even). Sums run over coordinates in order, like a scalar loop, so results
 * are bit for bit those of the plain formulas (leapfrogPasses.unit.spec.ts checks them).
 * "g" is the gradient of log pi; "m" the diagonal of M^-1; p_sharp = m p is recomputed where
 * needed rather than stored.
 */
import { LEAPFROG_PASSES_WASM_BASE64 } from './leapfrogPassesWasm.js';

/** The exports of leapfrogPasses.wat (offsets in elements). */
export interface LeapfrogPasses {
  /**
   * n standard normals into out..out+n-1 from the xoshiro256** state (four little-endian 64-bit
   * words at element offset `state`, updated): the values of n Xoshiro256StarStar.normal() calls.
   */
  xoshiroNormals(n: number, out: number, state: number): void;
  /** AS 241 quantile of u in (0, 1), as normalQuantile.ts computes it (exported for tests). */
  standardNormalQuantile(u: number): number;
  /** p = p / sqrt(m) for standard normals in p, so p ~ N(0, M) (Stan's sample_p); returns p' M^-1 p. */
  scaleMomentum(n: number, m: number, p: number): number;
  /** Opening half kick and drift: p += (eps/2) g; q += eps (m p). */
  kickDrift(n: number, q: number, p: number, g: number, m: number, eps: number): void;
  /** Closing half kick alone; returns p' M^-1 p. */
  closeKick(n: number, p: number, g: number, m: number, half: number): number;
  /** Closing half kick of a lone state, p also to pBeg, pEnd and rho; returns p' M^-1 p. */
  closeLoneState(n: number, p: number, g: number, m: number, half: number, pBeg: number, pEnd: number, rho: number): number;
  /** Closes a pair's first state (p to pBeg, q to proposeQ) and opens the second step in place; returns p' M^-1 p. */
  closeFirstOpenSecond(n: number, q: number, p: number, g: number, m: number, eps: number, pBeg: number, proposeQ: number): number;
  /**
   * Closes a pair's second state: p to pEnd, rho = pBeg + p, [p' M^-1 p, (m pEnd).rho, (m pBeg).rho]
   * to out..out+2; opens the next step into qNext / pNext (the state's own p is left stale).
   */
  closeSecondOfPair(n: number, q: number, p: number, g: number, m: number, eps: number, pBeg: number, pEnd: number, rho: number, qNext: number, pNext: number, out: number): void;
  /** rho = rhoInit + rhoFinal; 1 when the three no-U-turn checks of uTurn.ts hold, else 0. */
  mergeNoUTurn(n: number, m: number, pBeg: number, pEnd: number, pInitEnd: number, pFinalBeg: number, rhoInit: number, rhoFinal: number, rho: number): number;
}

/** The part of the WebAssembly JS API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
let compiled: object | undefined;

/**
 * A fixed-size memory of `bytes` (rounded up to 64 KiB pages) with the passes bound to it. The
 * module is compiled once per thread, synchronously (it is small); the memory never grows.
 */
export function passesWithMemory(bytes: number): { buffer: ArrayBuffer; passes: LeapfrogPasses } {
  if (compiled === undefined) {
    const text = atob(LEAPFROG_PASSES_WASM_BASE64);
    const binary = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) binary[i] = text.charCodeAt(i);
    compiled = new wasm.Module(binary);
  }
  const pages = Math.max(1, Math.ceil(bytes / 65536));
  const memory = new wasm.Memory({ initial: pages, maximum: pages });
  const instance = new wasm.Instance(compiled, { env: { memory, log: Math.log } });
  return { buffer: memory.buffer, passes: instance.exports as LeapfrogPasses };
}
