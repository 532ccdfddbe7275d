import { isIP } from 'node:net';

/** Names proxy-addr (Fastify's trustProxy) accepts for whole ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Checks a list of trusted reverse proxies: IP addresses, CIDR ranges (`10.0.0.0/8`,
 * `fd00::/8`) or the names loopback, linklocal, uniquelocal. Returns the problem with the
 * first bad entry, or undefined. Only requests arriving from one of these have their
 * X-Forwarded-For honoured, so a client cannot choose the address its rate limits and
 * access-log entries are kept under.
 */
export function trustedProxyProblem(entries: readonly string[]): string | undefined {
  for (const entry of entries) {
    if (RANGE_NAMES.has(entry)) continue;
    const [address, prefix, extra] = entry.split('/');
    const family = isIP(address ?? '');
    if (family === 0 || extra !== undefined) return `"${entry}" is not an IP address, a CIDR range or loopback/linklocal/uniquelocal`;
    if (prefix === undefined) continue;
    const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : Number.NaN;
    if (!(bits >= 0 && bits <= (family === 4 ? 32 : 128))) return `"${entry}" has an invalid prefix length`;
  }
  return undefined;
}

/** Splits NAVCAST_TRUSTED_PROXIES (comma-separated, blanks ignored) into entries. */
export function splitTrustedProxies(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
