/**
 * The per-coordinate passes of the diag_e leapfrog (nuts.md §1.1) fused with NUTS bookkeeping.
 * Pure loops over Float64Arrays; "grad" is the gradient of log pi, so Stan's
 * p <- p - (eps/2) dV/dq is p + (eps/2) grad here (the same floating-point result).
 */

/** Opening half kick and drift: p += (eps/2) grad; q += eps M^-1 p. */
export function kickDrift(q: Float64Array, p: Float64Array, grad: Float64Array, minv: Float64Array, epsilon: number): void {
  const half = 0.5 * epsilon;
  for (let i = 0; i < q.length; i++) {
    const pi = p[i] + half * grad[i];
    p[i] = pi;
    q[i] += epsilon * (minv[i] * pi);
  }
}

/**
 * Closing half kick of a lone new state; writes p_sharp to both psBeg and psEnd, p to pBeg,
 * pEnd and rho (a one-state subtree's ends and momentum sum). Returns p' M^-1 p.
 */
export function closeLoneState(
  p: Float64Array, grad: Float64Array, minv: Float64Array, half: number,
  psBeg: Float64Array, psEnd: Float64Array, pBeg: Float64Array, pEnd: Float64Array, rho: Float64Array,
): number {
  let twoKinetic = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] + half * grad[i];
    p[i] = pi;
    const psi = minv[i] * pi;
    twoKinetic += pi * psi;
    psBeg[i] = psi;
    psEnd[i] = psi;
    pBeg[i] = pi;
    pEnd[i] = pi;
    rho[i] = pi;
  }
  return twoKinetic;
}

/**
 * Closes the first state of a pair (p_sharp to psBeg, p to pBeg, q copied to proposeQ) and, as
 * the gradient is the same, opens the second step in the same pass. Returns p' M^-1 p of the
 * first state.
 */
export function closeFirstOpenSecond(
  q: Float64Array, p: Float64Array, grad: Float64Array, minv: Float64Array, epsilon: number,
  psBeg: Float64Array, pBeg: Float64Array, proposeQ: Float64Array,
): number {
  const half = 0.5 * epsilon;
  let twoKinetic = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] + half * grad[i];
    const psi = minv[i] * pi;
    twoKinetic += pi * psi;
    psBeg[i] = psi;
    pBeg[i] = pi;
    const qi = q[i];
    proposeQ[i] = qi;
    const pNext = pi + half * grad[i];
    p[i] = pNext;
    q[i] = qi + epsilon * (minv[i] * pNext);
  }
  return twoKinetic;
}

/**
 * Closes the second state of a pair and evaluates the pair's U-turn check in the same pass:
 * rho = pBeg + p, and out = [p' M^-1 p, psEnd . rho, psBeg . rho].
 */
export function closeSecondOfPair(
  p: Float64Array, grad: Float64Array, minv: Float64Array, half: number,
  psBeg: Float64Array, pBeg: Float64Array, psEnd: Float64Array, pEnd: Float64Array, rho: Float64Array, out: Float64Array,
): void {
  let twoKinetic = 0;
  let endDot = 0;
  let begDot = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] + half * grad[i];
    p[i] = pi;
    const psi = minv[i] * pi;
    twoKinetic += pi * psi;
    psEnd[i] = psi;
    pEnd[i] = pi;
    const r = pBeg[i] + pi;
    rho[i] = r;
    endDot += psi * r;
    begDot += psBeg[i] * r;
  }
  out[0] = twoKinetic;
  out[1] = endDot;
  out[2] = begDot;
}

/** Fresh momentum p ~ N(0, M) (p_i = z_i / sqrt(minv_i), Stan's sample_p) and p_sharp; returns p' M^-1 p. */
export function sampleMomentum(normal: () => number, minv: Float64Array, p: Float64Array, ps: Float64Array): number {
  let twoKinetic = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = normal() / Math.sqrt(minv[i]);
    const psi = minv[i] * pi;
    twoKinetic += pi * psi;
    p[i] = pi;
    ps[i] = psi;
  }
  return twoKinetic;
}

/** Closing half kick alone; returns p' M^-1 p. */
export function closeKick(p: Float64Array, grad: Float64Array, minv: Float64Array, half: number): number {
  let twoKinetic = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] + half * grad[i];
    p[i] = pi;
    twoKinetic += pi * (minv[i] * pi);
  }
  return twoKinetic;
}
