/**
 * The per-coordinate passes of the diag_e leapfrog (nuts.md §1.1) fused with NUTS bookkeeping.
 * Pure loops over one workspace heap `h` of n-vectors at the given offsets. "grad" is the
 * gradient of log pi, so Stan's p <- p - (eps/2) dV/dq is p + (eps/2) grad here (the same
 * floating-point result).
 */

/** Opening half kick and drift: p += (eps/2) grad; q += eps M^-1 p. */
export function kickDrift(h: Float64Array, n: number, q: number, p: number, grad: number, minv: number, epsilon: number): void {
  const half = 0.5 * epsilon;
  for (let i = 0; i < n; i++) {
    const pi = h[p + i] + half * h[grad + i];
    h[p + i] = pi;
    h[q + i] += epsilon * (h[minv + i] * pi);
  }
}

/**
 * Closing half kick of a lone new state; writes p_sharp to psBeg and psEnd, p to pBeg, pEnd and
 * rho (a one-state subtree's ends and momentum sum). Returns p' M^-1 p.
 */
export function closeLoneState(
  h: Float64Array, n: number, p: number, grad: number, minv: number, half: number,
  psBeg: number, psEnd: number, pBeg: number, pEnd: number, rho: number,
): number {
  let twoKinetic = 0;
  for (let i = 0; i < n; i++) {
    const pi = h[p + i] + half * h[grad + i];
    h[p + i] = pi;
    const psi = h[minv + i] * pi;
    twoKinetic += pi * psi;
    h[psBeg + i] = psi;
    h[psEnd + i] = psi;
    h[pBeg + i] = pi;
    h[pEnd + i] = pi;
    h[rho + i] = pi;
  }
  return twoKinetic;
}

/**
 * Closes the first state of a pair (p_sharp to psBeg, p to pBeg, q copied to proposeQ) and, as
 * the gradient is the same, opens the second step in the same pass. Returns p' M^-1 p of the
 * first state.
 */
export function closeFirstOpenSecond(
  h: Float64Array, n: number, q: number, p: number, grad: number, minv: number, epsilon: number,
  psBeg: number, pBeg: number, proposeQ: number,
): number {
  const half = 0.5 * epsilon;
  let twoKinetic = 0;
  for (let i = 0; i < n; i++) {
    const g = h[grad + i];
    const pi = h[p + i] + half * g;
    const m = h[minv + i];
    const psi = m * pi;
    twoKinetic += pi * psi;
    h[psBeg + i] = psi;
    h[pBeg + i] = pi;
    const qi = h[q + i];
    h[proposeQ + i] = qi;
    const pNext = pi + half * g;
    h[p + i] = pNext;
    h[q + i] = qi + epsilon * (m * pNext);
  }
  return twoKinetic;
}

/**
 * Closes the second state of a pair and evaluates the pair's U-turn check in the same pass:
 * rho = pBeg + p, and out = [p' M^-1 p, psEnd . rho, psBeg . rho]. As the gradient is the same,
 * it also opens the next step of size epsilon without moving the state: the kicked momentum
 * goes to pNext and the drifted position to qNext, for the next leaf to adopt (or to ignore
 * when the trajectory ends here).
 */
export function closeSecondOfPair(
  h: Float64Array, n: number, q: number, p: number, grad: number, minv: number, epsilon: number,
  psBeg: number, pBeg: number, psEnd: number, pEnd: number, rho: number, qNext: number, pNext: number, out: Float64Array,
): void {
  const half = 0.5 * epsilon;
  let twoKinetic = 0;
  let endDot = 0;
  let begDot = 0;
  for (let i = 0; i < n; i++) {
    const g = h[grad + i];
    const pi = h[p + i] + half * g;
    h[p + i] = pi;
    const m = h[minv + i];
    const psi = m * pi;
    twoKinetic += pi * psi;
    h[psEnd + i] = psi;
    h[pEnd + i] = pi;
    const r = h[pBeg + i] + pi;
    h[rho + i] = r;
    endDot += psi * r;
    begDot += h[psBeg + i] * r;
    const pOpened = pi + half * g;
    h[pNext + i] = pOpened;
    h[qNext + i] = h[q + i] + epsilon * (m * pOpened);
  }
  out[0] = twoKinetic;
  out[1] = endDot;
  out[2] = begDot;
}

/** Fresh momentum p ~ N(0, M) (p_i = z_i / sqrt(minv_i), Stan's sample_p) and p_sharp; returns p' M^-1 p. */
export function sampleMomentum(normal: () => number, h: Float64Array, n: number, minv: number, p: number, ps: number): number {
  let twoKinetic = 0;
  for (let i = 0; i < n; i++) {
    const m = h[minv + i];
    const pi = normal() / Math.sqrt(m);
    const psi = m * pi;
    twoKinetic += pi * psi;
    h[p + i] = pi;
    h[ps + i] = psi;
  }
  return twoKinetic;
}

/** Closing half kick alone; returns p' M^-1 p. */
export function closeKick(h: Float64Array, n: number, p: number, grad: number, minv: number, half: number): number {
  let twoKinetic = 0;
  for (let i = 0; i < n; i++) {
    const pi = h[p + i] + half * h[grad + i];
    h[p + i] = pi;
    twoKinetic += pi * (h[minv + i] * pi);
  }
  return twoKinetic;
}
