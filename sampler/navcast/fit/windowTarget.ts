/** The target of one window, built the same way by the fit's main thread, its workers and the validation runs. */
import { navcastTarget, type NavcastTarget } from '../model/index.js';
import type { PreparedFund } from '../data/prepare.js';

/**
 * The parameterisation every fit samples (same posterior as the plain one): comp-whitened
 * shocks (b.8), anchored coordinates at distribution weeks, standardised globals and
 * NAV-whitened pivots (see model/anchoring.ts, parameters.ts standardiseGlobals and
 * navPivots.ts). Without anchoring and standardising, windows late in a fund's life and the
 * liquidation week adapt to step sizes near 1e-4; without the NAV pivots, small sigma_n is a
 * funnel and early windows diverge.
 */
export const FIT_PARAMETERISATION = { whitened: true, anchored: true, standardised: true, navWhitened: true } as const;

/** The NAVcast posterior of `prepared` in the window ending at week `tau` (FIT_PARAMETERISATION, the fund's priors). */
export function windowTarget(prepared: PreparedFund, tau: number): NavcastTarget {
  return navcastTarget(prepared.fund, { tau, ...FIT_PARAMETERISATION, priors: prepared.priors });
}
