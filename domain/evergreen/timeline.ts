/**
 * Puts the member funds of an evergreen (open-ended) fund on one weekly timeline. Week 0
 * starts on the earliest first contribution of any member (docs/navcast-model.md b.1:
 * week(date) = floor((date - d0) / 7 days)). Cash flows are summed per week and padded
 * with zeros; NAVs and prices are padded as missing (NaN), the week's latest one kept.
 */
import type { FundData } from '../funds/fundData.js';
import { EvergreenInputError } from './errors.js';
import { epochDay, weekIndex } from './weeks.js';

/** One member's place in the evergreen fund's life, in weeks of the common timeline. */
export interface MemberLifecycle {
  /** Week of the member's first contribution. */
  readonly firstContributionWeek: number;
  /** Week of its liquidating distribution, or null while it is alive. */
  readonly endOfLifeWeek: number | null;
  /** Last week with any row (flow, NAV or price). */
  readonly lastActivityWeek: number;
}

/** A member's series on the common timeline; every array has the timeline's length. */
export interface AlignedMember {
  readonly identity: string;
  readonly lifecycle: MemberLifecycle;
  /** Sum of contributions dated in each week; 0 where none. */
  readonly contributions: Float64Array;
  /** Sum of distributions dated in each week; 0 where none. */
  readonly distributions: Float64Array;
  /** Reported NAV whose value date falls in the week (the latest one), NaN where none. */
  readonly navs: Float64Array;
  /** Week in which that NAV was published (its value week when unknown), -1 where no NAV. */
  readonly navPublishedWeeks: Int32Array;
  /** Secondary or third-party price in the week (the latest one), NaN where none. */
  readonly prices: Float64Array;
}

/** All members on one weekly timeline. */
export interface EvergreenTimeline {
  /** ISO date on which week 0 starts. */
  readonly startDate: string;
  /** Number of weeks (array length), week 0 to the last week any member has a row in. */
  readonly weeks: number;
  readonly members: readonly AlignedMember[];
}

/** A member fund: its identity hash and its data. */
export interface EvergreenMemberData {
  readonly identity: string;
  readonly data: FundData;
}

function firstContribution(member: EvergreenMemberData): string {
  const dates = member.data.contributions.map((c) => c.date);
  if (dates.length === 0) throw new EvergreenInputError(`member ${member.identity} has no contributions`);
  return dates.reduce((a, b) => (b < a ? b : a));
}

function lastDate(data: FundData): string {
  const dates = [...data.contributions.map((c) => c.date), ...data.distributions.map((d) => d.date), ...data.navs.map((n) => n.valueDate), ...data.prices.map((p) => p.date)];
  return dates.reduce((a, b) => (b > a ? b : a));
}

/** Keeps, per week, the value of the latest date (ties: the later row). */
function placeLatest(target: Float64Array, chosen: number[], week: number, date: string, value: number): boolean {
  const day = epochDay(date);
  if (Number.isNaN(target[week]) || day >= chosen[week]) {
    target[week] = value;
    chosen[week] = day;
    return true;
  }
  return false;
}

function align(member: EvergreenMemberData, start: string, weeks: number): AlignedMember {
  const { data } = member;
  const week = (date: string) => weekIndex(start, date);
  const contributions = new Float64Array(weeks);
  const distributions = new Float64Array(weeks);
  const navs = new Float64Array(weeks).fill(Number.NaN);
  const navPublishedWeeks = new Int32Array(weeks).fill(-1);
  const prices = new Float64Array(weeks).fill(Number.NaN);
  for (const c of data.contributions) contributions[week(c.date)] += c.amount;
  let endOfLifeWeek: number | null = null;
  for (const d of data.distributions) {
    distributions[week(d.date)] += d.amount;
    if (d.liquidating) endOfLifeWeek = week(d.date);
  }
  const navDays: number[] = new Array(weeks).fill(-Infinity);
  for (const nav of data.navs) {
    const w = week(nav.valueDate);
    if (placeLatest(navs, navDays, w, nav.valueDate, nav.amount)) navPublishedWeeks[w] = nav.publishedDate === null ? w : week(nav.publishedDate);
  }
  const priceDays: number[] = new Array(weeks).fill(-Infinity);
  for (const price of data.prices) placeLatest(prices, priceDays, week(price.date), price.date, price.amount);
  const lifecycle = { firstContributionWeek: week(firstContribution(member)), endOfLifeWeek, lastActivityWeek: week(lastDate(data)) };
  return { identity: member.identity, lifecycle, contributions, distributions, navs, navPublishedWeeks, prices };
}

/**
 * Aligns the members on one weekly timeline. Members keep their given order. Refuses no
 * members, a repeated identity, and a member without contributions.
 */
export function alignEvergreenMembers(members: readonly EvergreenMemberData[]): EvergreenTimeline {
  if (members.length === 0) throw new EvergreenInputError('an evergreen fund needs at least one member');
  const identities = new Set<string>();
  for (const member of members) {
    if (identities.has(member.identity)) throw new EvergreenInputError(`member ${member.identity} is listed twice`);
    identities.add(member.identity);
  }
  const startDate = members.map(firstContribution).reduce((a, b) => (b < a ? b : a));
  const endDate = members.map((m) => lastDate(m.data)).reduce((a, b) => (b > a ? b : a));
  // A NAV may be published after the last dated row; the timeline must hold that week too.
  const lastPublished = members.flatMap((m) => m.data.navs.map((n) => n.publishedDate ?? n.valueDate)).reduce((a, b) => (b > a ? b : a), endDate);
  const weeks = weekIndex(startDate, lastPublished) + 1;
  return { startDate, weeks, members: members.map((member) => align(member, startDate, weeks)) };
}

/** True when the member is alive in `week`: on or after its first contribution, up to its end of life. */
export function isMemberActive(lifecycle: MemberLifecycle, week: number): boolean {
  return week >= lifecycle.firstContributionWeek && (lifecycle.endOfLifeWeek === null || week <= lifecycle.endOfLifeWeek);
}
