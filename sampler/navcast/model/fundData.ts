/**
 * One fund's weekly data as the NAVcast density reads it (the layout of
 * test/fixtures/reference/navcast/golden.json). Every array is indexed by week t = 0..T and has
 * length T + 1; money is in units of the commitment; returns are weekly log total returns.
 */
export interface NavcastFundData {
  /** Calls summed per week (>= 0); C[0] - D[0] > 0 is the first net contribution. */
  readonly C: readonly number[];
  /** Distributions summed per week (>= 0), not netted against calls. */
  readonly D: readonly number[];
  /** true for the week of the final, liquidating distribution (at most one, with D > 0). */
  readonly terminal: readonly boolean[];
  /** Market log return from the end of week t-1 to the end of week t; index 0 unused. */
  readonly rm: readonly (number | null)[];
  /** Conditional variance of the comparable's market residual for week t (> 0); index 0 unused. */
  readonly h: readonly (number | null)[];
  /** Comparable asset log return; null = missing. */
  readonly rc: readonly (number | null)[];
  /** Reported NAV (> 0) whose value date falls in week t; null = none. */
  readonly nav: readonly (number | null)[];
  /** Week in which nav[t] became available; -1 where there is no NAV. */
  readonly navPub: readonly number[];
  /** Secondary or third-party price of the LP's whole stake in week t (> 0); null = none. */
  readonly sec: readonly (number | null)[];
  /** Source of sec[t] (each source gets its own discount and noise); absent = one source. */
  readonly secSource?: readonly (string | null)[];
}

/** Name of the price source when `secSource` is absent. */
export const DEFAULT_PRICE_SOURCE = 'secondary';

/** Last week index T of a fund (arrays have length T + 1). */
export function lastWeek(fund: NavcastFundData): number {
  return fund.C.length - 1;
}

/** Week of the liquidating distribution, or Infinity when the fund is not liquidated. */
export function liquidationWeek(fund: NavcastFundData): number {
  const t = fund.terminal.indexOf(true);
  return t < 0 ? Infinity : t;
}

/** Distinct price sources in the order they first appear (the whole fund, not one window). */
export function priceSourcesOf(fund: NavcastFundData): string[] {
  const sources: string[] = [];
  fund.sec.forEach((price, t) => {
    if (price === null) return;
    const source = fund.secSource?.[t] ?? DEFAULT_PRICE_SOURCE;
    if (!sources.includes(source)) sources.push(source);
  });
  return sources;
}

const isPositive = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** Every reason why `fund` cannot be modelled in the window ending at week `tau` (empty = fine). */
export function fundDataIssues(fund: NavcastFundData, tau: number): string[] {
  const issues: string[] = [];
  const n = fund.C.length;
  const arrays = { D: fund.D, terminal: fund.terminal, rm: fund.rm, h: fund.h, rc: fund.rc, nav: fund.nav, navPub: fund.navPub, sec: fund.sec };
  for (const [name, array] of Object.entries(arrays)) {
    if (array.length !== n) issues.push(`${name} has length ${array.length}, C has ${n}`);
  }
  if (fund.secSource !== undefined && fund.secSource.length !== n) issues.push(`secSource has length ${fund.secSource.length}, C has ${n}`);
  if (!Number.isInteger(tau) || tau < 1 || tau > n - 1) issues.push(`tau ${tau} is not a week in 1..${n - 1}`);
  if (issues.length > 0) return issues;
  if (!(fund.C[0] - fund.D[0] > 0)) issues.push('C[0] - D[0] must be > 0');
  const terminalWeeks = fund.terminal.flatMap((x, t) => (x ? [t] : []));
  if (terminalWeeks.length > 1) issues.push(`more than one terminal week: ${terminalWeeks.join(', ')}`);
  for (let t = 0; t < n; t++) {
    if (!(fund.C[t] >= 0 && Number.isFinite(fund.C[t]))) issues.push(`C[${t}] is not a finite amount >= 0`);
    if (!(fund.D[t] >= 0 && Number.isFinite(fund.D[t]))) issues.push(`D[${t}] is not a finite amount >= 0`);
    if (fund.terminal[t] && !(fund.D[t] > 0)) issues.push(`terminal week ${t} has no distribution`);
    const rc = fund.rc[t];
    if (rc !== null && !Number.isFinite(rc)) issues.push(`rc[${t}] is not finite (use null for missing)`);
    const nav = fund.nav[t];
    if (nav !== null && !isPositive(nav)) issues.push(`nav[${t}] is not > 0 (use null for none)`);
    if (nav !== null && !(Number.isInteger(fund.navPub[t]) && fund.navPub[t] >= t)) issues.push(`navPub[${t}] is not a week >= ${t}`);
    const sec = fund.sec[t];
    if (sec !== null && !isPositive(sec)) issues.push(`sec[${t}] is not > 0 (use null for none)`);
    if (t >= 1 && t <= tau) {
      const rm = fund.rm[t];
      if (rm === null || !Number.isFinite(rm)) issues.push(`rm[${t}] is missing (required up to tau)`);
      if (!isPositive(fund.h[t])) issues.push(`h[${t}] is not > 0 (required up to tau)`);
    }
  }
  return issues;
}
