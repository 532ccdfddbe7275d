/** Calendar-day arithmetic for weekly timelines (UTC days; no time zones involved). */

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO calendar date `YYYY-MM-DD`. */
export function epochDay(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;
}

/** The ISO date `days` after `isoDate`. */
export function addDays(isoDate: string, days: number): string {
  return new Date((epochDay(isoDate) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Week index of `isoDate` on a timeline starting at `startDate`: floor((date - start) / 7 days). */
export function weekIndex(startDate: string, isoDate: string): number {
  return Math.floor((epochDay(isoDate) - epochDay(startDate)) / 7);
}
