/**
 * Cursor pagination of the JSON API's lists (docs/architecture.md "The JSON API contract"):
 * every list has a stable order, answers at most `limit` items (default 100, at most 1000)
 * and a `nextCursor` naming where the next page starts (null on the last page). A cursor is
 * opaque to clients: base64url of the sort key of the page's last item, so a page never
 * skips or repeats an item that was there before and after, whatever is added in between.
 */
import { z } from 'zod';

/** The `limit` query parameter of every list. */
export const PageLimit = z.coerce.number().int().min(1).max(1000).default(100).describe('how many items at most (1 to 1000, default 100)');

/** Encodes a sort key as an opaque cursor. */
export function encodeCursor(key: readonly string[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The `after` query parameter of a list whose sort key has `parts` text parts: decodes to the key. */
export function cursorParameter(parts: number) {
  return z
    .string()
    .max(2048)
    .transform((text, ctx) => {
      try {
        const key = z
          .array(z.string())
          .length(parts)
          .parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
        return key;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not a cursor of this list: pass nextCursor from the previous page unchanged' });
        return z.NEVER;
      }
    })
    .describe('nextCursor of the previous page; omit for the first page');
}

/** The `nextCursor` field of a list response. */
export const NextCursor = z.string().nullable().describe('pass as `after` for the next page; null on the last page');

/** The query of a list paged by a sort key of `parts` text parts: `limit` and `after`. */
export function pageQuery(parts: number) {
  return z.object({ limit: PageLimit, after: cursorParameter(parts).optional() });
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * One page of a list the service returns whole (the small per-organisation lists: users,
 * keys, tokens, organisations, series): ordered by `key` (compared part by part, by code
 * unit; its last part must be unique), the items after `after`, at most `limit`.
 */
export function pageInMemory<T>(items: readonly T[], key: (item: T) => readonly string[], page: { limit: number; after?: readonly string[] }): { items: T[]; nextCursor: string | null } {
  const after = page.after;
  const sorted = [...items].sort((a, b) => compareKeys(key(a), key(b)));
  const rest = after === undefined ? sorted : sorted.filter((item) => compareKeys(key(item), after) > 0);
  const shown = rest.slice(0, page.limit);
  return { items: shown, nextCursor: rest.length > page.limit ? encodeCursor(key(shown[shown.length - 1])) : null };
}
