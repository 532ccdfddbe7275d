/**
 * Deterministic synthetic funds for the ingestion benchmark: each fund has one cash-flow
 * row per week for `years` years (contributions in the investment period, distributions
 * after it), quarter-end NAVs published six weeks later, and a yearly secondary price.
 */
import type { FundData, NamedFundData } from '../../../domain/funds/index.js';
import { FUND_STRATEGIES } from '../../../domain/funds/index.js';

const DAY_MS = 86_400_000;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Park-Miller LCG: reproducible amounts without a dependency. */
function generator(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

function syntheticFund(index: number, years: number): NamedFundData {
  const random = generator(index + 1);
  const vintage = 2010 + (index % 5);
  const start = Date.UTC(vintage, 0, 4) + (index % 7) * DAY_MS;
  const weeks = years * 52;
  const commitment = 50_000_000 + (index % 20) * 5_000_000;
  const data: FundData = {
    attributes: { currency: ['USD', 'EUR', 'GBP'][index % 3], commitment, vintage, strategy: FUND_STRATEGIES[index % FUND_STRATEGIES.length] },
    contributions: [],
    distributions: [],
    navs: [],
    prices: [],
  };
  for (let week = 0; week < weeks; week++) {
    const date = isoDay(start + week * 7 * DAY_MS);
    const amount = Math.round(commitment * (0.001 + 0.004 * random()) * 100) / 100;
    if (week < weeks * 0.4) data.contributions.push({ date, amount });
    else data.distributions.push({ date, amount, liquidating: week === weeks - 1 });
  }
  for (let quarter = 0; quarter < years * 4; quarter++) {
    const valueMs = Date.UTC(vintage, 3 * quarter + 3, 0);
    if (valueMs < start) continue;
    const amount = Math.round(commitment * (0.3 + random()) * 100) / 100;
    data.navs.push({ valueDate: isoDay(valueMs), publishedDate: isoDay(valueMs + 42 * DAY_MS), amount });
  }
  for (let year = 1; year < years; year++) {
    data.prices.push({ date: isoDay(start + year * 365 * DAY_MS), amount: Math.round(commitment * random() * 100) / 100, source: 'Secondary broker, indicative bid' });
  }
  return { name: `Synthetic Fund ${String(index + 1).padStart(3, '0')}`, data };
}

/** `count` synthetic funds of `years` years each. */
export function syntheticFunds(count: number, years: number): NamedFundData[] {
  return Array.from({ length: count }, (_, i) => syntheticFund(i, years));
}
