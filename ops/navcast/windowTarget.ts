/** The target of one window, built the same way by the fit's main thread, its workers and the validation runs. */
import { navcastTarget, type NavcastTarget } from '../../sampler/models/navcast/index.js';
import { FIT_PARAMETERISATION, type PreparedFund } from '../../sampler/navcast/index.js';

/** The NAVcast posterior of `prepared` in the window ending at week `tau` (FIT_PARAMETERISATION, the fund's priors). */
export function windowTarget(prepared: PreparedFund, tau: number): NavcastTarget {
  return navcastTarget(prepared.fund, { tau, ...FIT_PARAMETERISATION, priors: prepared.priors });
}
