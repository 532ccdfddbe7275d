import { AliasCycleError, AliasDepthExceededError } from './errors.js';

/** Longest alias chain followed before giving up: each link is one rename of a fund's file. */
export const DEFAULT_MAX_ALIAS_DEPTH = 64;

/** Where an identity leads after following its aliases. */
export interface ResolvedIdentity {
  /** The identity at the end of the chain (the start itself when it has no alias). */
  readonly identity: string;
  /** Every identity visited, start first, end last. */
  readonly path: readonly string[];
}

/**
 * Follows FundRenamed aliases (old identity -> new identity) from `start` to the identity
 * that has no further alias. `aliasOf` returns the identity an identity was renamed to, or
 * undefined. Throws AliasCycleError when the chain returns to an identity already visited
 * and AliasDepthExceededError when it has more than `maxDepth` links.
 */
export function resolveAlias(start: string, aliasOf: (identity: string) => string | undefined, maxDepth: number = DEFAULT_MAX_ALIAS_DEPTH): ResolvedIdentity {
  if (!Number.isInteger(maxDepth) || maxDepth < 0) throw new RangeError(`maxDepth must be a non-negative integer, got ${maxDepth}`);
  const path = [start];
  const visited = new Set(path);
  let current = start;
  for (;;) {
    const next = aliasOf(current);
    if (next === undefined) return { identity: current, path };
    if (visited.has(next)) throw new AliasCycleError([...path, next]);
    if (path.length > maxDepth) throw new AliasDepthExceededError(start, maxDepth);
    path.push(next);
    visited.add(next);
    current = next;
  }
}
