/**
 * Which windows (as-of weeks tau) a fit covers (docs/navcast-model.md b.9): the last week, every
 * quarter end and the last week (the default), or every week.
 */
import { lastWeek, liquidationWeek, type NavcastFundData } from '../model/index.js';

export type WindowMode = 'last' | 'quarterly' | 'weekly';

/** Weeks per quarter on the weekly grid (the simulator's and BGG's convention). */
export const QUARTER_WEEKS = 13;
/** Earliest window: before this the posterior is the prior (b.9 fits from tau = 5). */
export const FIRST_WINDOW_WEEK = 5;

/**
 * Quarter-end weeks of the fund: the value weeks of its reported NAVs (NAVs are dated at quarter
 * ends), with 13-week steps filling the stretch before the first and after the last NAV.
 */
export function quarterEnds(fund: NavcastFundData): number[] {
  const T = lastWeek(fund);
  const navWeeks = fund.nav.flatMap((v, t) => (v === null ? [] : [t]));
  const anchor = navWeeks[0] ?? QUARTER_WEEKS;
  const weeks = new Set(navWeeks);
  for (let t = anchor - QUARTER_WEEKS; t >= FIRST_WINDOW_WEEK; t -= QUARTER_WEEKS) weeks.add(t);
  const last = navWeeks.length > 0 ? navWeeks[navWeeks.length - 1] : anchor - QUARTER_WEEKS;
  for (let t = last + QUARTER_WEEKS; t <= T; t += QUARTER_WEEKS) weeks.add(t);
  return [...weeks].sort((a, b) => a - b);
}

/**
 * The window weeks of `mode`, ascending, ending with the last week of data, or with the
 * liquidation week of a liquidated fund (its window fits the whole life, the terminal
 * distribution included; later weeks model nothing more).
 */
export function windowWeeks(fund: NavcastFundData, mode: WindowMode): number[] {
  const T = Math.min(lastWeek(fund), liquidationWeek(fund));
  if (mode === 'last') return [T];
  if (mode === 'weekly') return Array.from({ length: T - FIRST_WINDOW_WEEK + 1 }, (_, k) => FIRST_WINDOW_WEEK + k);
  const weeks = quarterEnds(fund).filter((t) => t >= FIRST_WINDOW_WEEK && t < T);
  return [...weeks, T];
}

/** ISO date of the last day of week t (week t covers week0 + 7t .. week0 + 7t + 6). */
export function weekEndDate(week0: string, t: number): string {
  const day = new Date(`${week0}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + 7 * t + 6);
  return day.toISOString().slice(0, 10);
}
