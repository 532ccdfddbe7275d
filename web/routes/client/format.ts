/** Formats of the client pages: dates as ISO text (sortable, the same in every locale). */

/** YYYY-MM-DD of an instant, in UTC; empty for null. */
export function isoDay(at: Date | null): string {
  return at === null ? '' : at.toISOString().slice(0, 10);
}

/** YYYY-MM-DD HH:MM UTC of an instant; empty for null. */
export function isoMinute(at: Date | null): string {
  return at === null ? '' : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A short form of a SHA-256 hex digest for tables (the full one goes in a title attribute). */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}
