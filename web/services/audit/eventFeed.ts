import { z } from 'zod';
import { organizationDirectory, findInDirectory, readEachOrganization, recordAdminRead, type AdminCall, type DirectoryEntry } from '../admin/crossTenant.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'write dates as YYYY-MM-DD');
const blankToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);

/**
 * Filters of the event feed, as query parameters (empty fields of the page's GET form count
 * as absent). `category` is the stream id's prefix before the first "-" (org, upload, fund,
 * fundname, evergreen, market); dates are UTC days, both ends included; `before` pages back
 * by position and needs `orgId` (positions are per organisation).
 */
export const EventFeedFilter = z
  .object({
    orgId: z.preprocess(blankToUndefined, z.uuid().optional()),
    category: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[a-z]{1,40}$/)
        .optional(),
    ),
    eventType: z.preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[A-Z][A-Za-z0-9]{0,99}$/)
        .optional(),
    ),
    from: z.preprocess(blankToUndefined, day.optional()),
    to: z.preprocess(blankToUndefined, day.optional()),
    before: z.preprocess(blankToUndefined, z.coerce.number().int().min(2).optional()),
    limit: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(500).default(100)),
  })
  .refine((f) => f.before === undefined || f.orgId !== undefined, { message: 'paging by position needs an organisation', path: ['before'] });
export type EventFeedFilter = z.infer<typeof EventFeedFilter>;

/** One row of the feed. `position` is the organisation's tenant_seq. */
export interface FeedEvent {
  readonly orgId: string;
  readonly organizationName: string;
  readonly position: number;
  readonly recordedAt: string;
  readonly streamId: string;
  readonly eventType: string;
  /** Who issued the command: a user's e-mail when known, else `<kind> <id>` (e.g. `system operator:cli`). */
  readonly actor: string;
}

/** The feed page: newest first across the selected organisations, with the filter's facets. */
export interface EventFeedPage {
  readonly events: readonly FeedEvent[];
  /** Categories and event types present in the organisations read (for the filter form). */
  readonly categories: readonly string[];
  readonly eventTypes: readonly string[];
  readonly organizations: readonly DirectoryEntry[];
}

interface EventRow {
  tenant_seq: string;
  recorded_at: Date;
  stream_id: string;
  event_type: string;
  actor_kind: string;
  actor_id: string;
  email: string | null;
}

// The actor's e-mail comes from the users read model of the same tenant; a super_admin
// acting on a client organisation is a platform user, whose address that tenant cannot see.
const feedQuery = `SELECT e.tenant_seq, e.recorded_at, e.stream_id, e.event_type, e.metadata -> 'actor' ->> 'kind' AS actor_kind,
       e.metadata -> 'actor' ->> 'id' AS actor_id,
       (SELECT u.email FROM users u WHERE u.user_id::text = e.metadata -> 'actor' ->> 'id') AS email
  FROM events e
 WHERE e.tenant_id = $1
   AND ($2::text IS NULL OR split_part(e.stream_id, '-', 1) = $2)
   AND ($3::text IS NULL OR e.event_type = $3)
   AND ($4::date IS NULL OR e.recorded_at >= ($4::date)::timestamp AT TIME ZONE 'UTC')
   AND ($5::date IS NULL OR e.recorded_at < ($5::date + 1)::timestamp AT TIME ZONE 'UTC')
   AND ($6::bigint IS NULL OR e.tenant_seq < $6)
 ORDER BY e.tenant_seq DESC
 LIMIT $7`;

function actorText(row: EventRow, platformEmails: ReadonlyMap<string, string>): string {
  const email = row.actor_kind === 'user' ? (row.email ?? platformEmails.get(row.actor_id)) : undefined;
  return email ?? `${row.actor_kind} ${row.actor_id}`;
}

/**
 * Reads the event feed: for each selected organisation, its newest matching events in its
 * own tenant transaction; then merged by time (newest first) and cut to `limit`.
 */
export async function readEventFeed(call: AdminCall, filter: EventFeedFilter): Promise<EventFeedPage> {
  const directory = await organizationDirectory(call.pool, call.reader);
  const orgs = filter.orgId === undefined ? directory : [findInDirectory(directory, filter.orgId)];
  const platform = directory.filter((o) => o.kind === 'platform');
  const platformEmails = new Map<string, string>();
  await readEachOrganization(call.pool, call.reader, platform, async (db) => {
    const { rows } = await db.query<{ user_id: string; email: string }>('SELECT user_id::text, email FROM users');
    for (const r of rows) platformEmails.set(r.user_id, r.email);
  });
  const categories = new Set<string>();
  const eventTypes = new Set<string>();
  const perOrg = await readEachOrganization(call.pool, call.reader, orgs, async (db, org) => {
    const facets = await db.query<{ category: string; event_type: string }>("SELECT DISTINCT split_part(stream_id, '-', 1) AS category, event_type FROM events");
    for (const f of facets.rows) {
      categories.add(f.category);
      eventTypes.add(f.event_type);
    }
    const { rows } = await db.query<EventRow>(feedQuery, [org.orgId, filter.category ?? null, filter.eventType ?? null, filter.from ?? null, filter.to ?? null, filter.before ?? null, filter.limit]);
    return rows.map((r) => ({
      orgId: org.orgId,
      organizationName: org.name,
      position: Number(r.tenant_seq),
      recordedAt: r.recorded_at.toISOString(),
      streamId: r.stream_id,
      eventType: r.event_type,
      actor: actorText(r, platformEmails),
    }));
  });
  const events = perOrg
    .flat()
    .sort((a, b) => (a.recordedAt === b.recordedAt ? b.position - a.position : a.recordedAt < b.recordedAt ? 1 : -1))
    .slice(0, filter.limit);
  await recordAdminRead(call, { tenantId: filter.orgId ?? null, action: 'list', resourceType: 'event_log', resourceId: describeFilter(filter) });
  return { events, categories: [...categories].sort(), eventTypes: [...eventTypes].sort(), organizations: directory };
}

/** The filter as one short line for the access log (resource id). */
function describeFilter(filter: EventFeedFilter): string | null {
  const parts = Object.entries(filter)
    .filter(([key, value]) => value !== undefined && key !== 'orgId' && key !== 'limit')
    .map(([key, value]) => `${key}=${String(value)}`);
  return parts.length === 0 ? null : parts.join(' ');
}
