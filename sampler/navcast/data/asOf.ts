/** A fund input cut to what was known at the end of one week (for nowcast tests and the lab). */
import type { FundInput } from './input.js';

/**
 * The input as of the end of `week`: weekly arrays cut to weeks 0..week, NAVs published after
 * `week` and later prices dropped, and no liquidation unless it happened by then.
 */
export function inputAsOf(input: FundInput, week: number): FundInput {
  const cut = <T>(array: readonly T[]) => array.slice(0, week + 1);
  return {
    ...input,
    contributions: cut(input.contributions),
    distributions: cut(input.distributions),
    marketReturns: cut(input.marketReturns),
    comparableReturns: cut(input.comparableReturns),
    liquidationWeek: input.liquidationWeek !== null && input.liquidationWeek <= week ? input.liquidationWeek : null,
    navs: input.navs.filter((n) => n.publishedWeek <= week),
    prices: input.prices.filter((p) => p.week <= week),
    ...(input.h ? { h: cut(input.h) } : {}),
  };
}
