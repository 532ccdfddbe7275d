/**
 * The JSON input format of one fund for `navcast fit` (issue 5 item 5), validated with zod.
 * Money is in currency units (the fit divides by the commitment); returns are weekly log
 * total returns; week t covers the days [week0 + 7t, week0 + 7t + 7).
 */
import { issueLines } from '../../../domain/runs/issuePath.js';
import { InvalidDocumentError } from '../../../domain/errors.js';
import { z } from 'zod';

const money = z.number().finite().nonnegative();
const logReturn = z.number().finite();
const week = z.number().int().nonnegative();

const navReport = z.strictObject({
  week: week.describe('week of the value date (a quarter end)'),
  value: z.number().finite().positive().describe('reported NAV, currency units'),
  publishedWeek: week.describe('week in which the report became available (>= week)'),
});

const price = z.strictObject({
  week,
  value: z.number().finite().positive().describe('price of the whole stake, currency units'),
  source: z.string().min(1).describe('who quoted it; each source gets its own discount and noise'),
});

const history = z.strictObject({
  marketReturns: z.array(logReturn).describe('weekly market log returns before week 0, oldest first'),
  comparableReturns: z.array(logReturn.nullable()).describe('comparable log returns aligned with history.marketReturns; null = missing'),
});

/** zod schema of a fund input file (cross-field rules in {@link fundInputIssues}). */
export const fundInputSchema = z
  .strictObject({
    fund: z.string().min(1).describe('fund name'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD'),
    commitment: z.number().finite().positive().describe('LP commitment, currency units'),
    week0: z.iso.date().describe('date of week 0, the first capital call (YYYY-MM-DD)'),
    strategy: z.enum(['buyout', 'vc']).default('buyout').describe('selects the default priors'),
    contributions: z.array(money).min(2).describe('capital calls summed per week, weeks 0..T'),
    distributions: z.array(money).describe('distributions summed per week, weeks 0..T (not netted)'),
    marketReturns: z.array(logReturn.nullable()).describe('market log return over week t; entry 0 is unused (null)'),
    comparableReturns: z.array(logReturn.nullable()).describe('comparable log return over week t; null = missing'),
    liquidationWeek: week.nullable().describe('week of the final, liquidating distribution, or null'),
    navs: z.array(navReport).describe('reported NAVs'),
    prices: z.array(price).default([]).describe('secondary-trade or third-party prices'),
    h: z.array(z.number().finite().positive().nullable()).optional().describe("optional conditional variance of the comparable's market residual per week (entry 0 unused)"),
    history: history.optional().describe('pre-inception returns for the comparable regression and GARCH'),
  })
  .describe('NAVcast fund input');

/** A parsed fund input (defaults applied). */
export type FundInput = z.output<typeof fundInputSchema>;

/** Cross-field rules the schema cannot state: lengths, week ranges, required weeks. */
export function fundInputIssues(input: FundInput): string[] {
  const issues: string[] = [];
  const n = input.contributions.length;
  const T = n - 1;
  const lengths = { distributions: input.distributions, marketReturns: input.marketReturns, comparableReturns: input.comparableReturns, ...(input.h ? { h: input.h } : {}) };
  for (const [name, array] of Object.entries(lengths)) {
    if (array.length !== n) issues.push(`${name}: has ${array.length} entries, contributions has ${n} (weeks 0..${T})`);
  }
  if (issues.length > 0) return issues;
  if (!(input.contributions[0] - input.distributions[0] > 0)) issues.push('contributions[0]: week 0 must be a net contribution (contributions[0] > distributions[0])');
  input.marketReturns.forEach((r, t) => {
    if (t >= 1 && r === null) issues.push(`marketReturns[${t}]: missing; the market return is required for every week 1..${T}`);
  });
  input.h?.forEach((h, t) => {
    if (t >= 1 && h === null) issues.push(`h[${t}]: missing; when h is given it is required for every week 1..${T}`);
  });
  const liq = input.liquidationWeek;
  if (liq !== null) {
    if (liq < 1 || liq > T) issues.push(`liquidationWeek: ${liq} is not a week in 1..${T}`);
    else if (!(input.distributions[liq] > 0)) issues.push(`liquidationWeek: week ${liq} has no distribution`);
  }
  const navWeeks = new Set<number>();
  input.navs.forEach((nav, k) => {
    if (nav.week > T) issues.push(`navs[${k}].week: ${nav.week} is after the last week ${T}`);
    if (nav.publishedWeek < nav.week) issues.push(`navs[${k}].publishedWeek: ${nav.publishedWeek} is before its value week ${nav.week}`);
    if (navWeeks.has(nav.week)) issues.push(`navs[${k}].week: a second NAV for week ${nav.week}`);
    navWeeks.add(nav.week);
  });
  const priceWeeks = new Set<number>();
  input.prices.forEach((p, k) => {
    if (p.week > T) issues.push(`prices[${k}].week: ${p.week} is after the last week ${T}`);
    if (priceWeeks.has(p.week)) issues.push(`prices[${k}].week: a second price for week ${p.week} (one price per week)`);
    priceWeeks.add(p.week);
  });
  if (input.history && input.history.marketReturns.length !== input.history.comparableReturns.length) {
    issues.push(`history.comparableReturns: has ${input.history.comparableReturns.length} entries, history.marketReturns has ${input.history.marketReturns.length}`);
  }
  return issues;
}

/** An input that fails the schema or the cross-field rules; `issues` are "path: message" lines. */
export class FundInputError extends InvalidDocumentError {
  readonly code = 'NAVCAST_INPUT_INVALID';
  constructor(issues: readonly string[]) {
    super('fund input', issues);
  }
}

/** Parses and checks a fund input (already JSON-decoded); throws FundInputError listing every issue. */
export function parseFundInput(value: unknown): FundInput {
  const result = fundInputSchema.safeParse(value);
  if (!result.success) {
    throw new FundInputError(issueLines(result.error));
  }
  const issues = fundInputIssues(result.data);
  if (issues.length > 0) throw new FundInputError(issues);
  return result.data;
}

/** JSON Schema (draft 2020-12) of the input format, as printed by `navcast fit --schema`. */
export function fundInputJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(fundInputSchema, { io: 'input' }) as Record<string, unknown>;
}
