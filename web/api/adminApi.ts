import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { EmailAddress, OrganizationName } from '../../domain/organizations/index.js';
import { accessLogRowSchema } from '../services/accessLog.js';
import type { ApiOperation } from './apiRoute.js';
import type { WebContext } from '../context.js';
import { HttpProblem } from '../problems.js';
import {
  AccessLogQuery,
  adminCall,
  checkChain,
  createOrganization,
  EventFeedFilter,
  inviteOrgAdmin,
  listMarketSeries,
  listOrganizationSummaries,
  listUsersAcross,
  MAX_MARKET_CSV_BYTES,
  readAccessLogPage,
  readEventFeed,
  uploadMarketCsv,
} from '../services/admin/index.js';
import { cursorParameter, encodeCursor, NextCursor, pageInMemory, pageQuery } from './pagination.js';

const access = { role: 'super_admin' } as const;
const tag = 'admin';
const orgId = z.uuid();

const Organization = z.object({
  orgId,
  name: z.string(),
  kind: z.string(),
  createdAt: z.string(),
  users: z.number().int(),
  activeUsers: z.number().int(),
  orgAdmins: z.number().int(),
  funds: z.number().int(),
  events: z.number().int(),
});
const User = z.object({
  orgId,
  organizationName: z.string(),
  userId: z.uuid(),
  email: z.string(),
  role: z.string(),
  status: z.enum(['invited', 'active', 'deactivated']),
  invitedAt: z.string(),
  activatedAt: z.string().nullable(),
});
const FeedEvent = z.object({ orgId, organizationName: z.string(), position: z.number().int(), recordedAt: z.string(), streamId: z.string(), eventType: z.string(), actor: z.string() });
const ChainStatus = z.object({
  orgId,
  status: z.enum(['verified', 'broken']),
  eventsChecked: z.number().int(),
  lastSeq: z.number().int(),
  chainHead: z.string(),
  failure: z.object({ class: z.string(), position: z.number().int(), detail: z.string() }).nullable(),
});
const MarketSeries = z.object({ seriesId: z.string(), revision: z.number().int(), points: z.number().int(), firstDate: z.string(), lastDate: z.string(), uploadedAt: z.string() });
const MarketUpload = z.object({
  series: z.record(z.string(), z.object({ revision: z.number().int().nullable(), points: z.number().int(), outcome: z.enum(['recorded', 'unchanged']) })),
});

/** nextCursor of the event feed: the lowest position of the page (the next holds those below it). */
const positionCursor = cursorParameter(1)
  .transform(([position]) => Number(position))
  .pipe(z.number().int().min(2));
/** nextCursor of the access log: the id of the page's last (oldest) entry. */
const entryCursor = cursorParameter(1)
  .transform(([id]) => id)
  .pipe(z.string().regex(/^\d{1,18}$/));

/**
 * JSON API of super_admins under /api/v1/admin (tag `admin`): the same reads and commands as
 * the admin pages (routes/admin), so both record the same access-log entries. Needs a
 * signed-in super_admin (session cookie plus X-CSRF-Token on writes); API keys get 403
 * (see routes/admin/crossTenant.ts). The market upload takes the CSV as a `text/csv` body.
 */
export function registerAdminApi(app: FastifyInstance, ctx: WebContext): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_MARKET_CSV_BYTES }, (_request, body, done) => done(null, body));
    const add = <P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(operation: ApiOperation<P, Q, B, R>): void => ctx.catalogue.add(scope, operation);

    add({
      method: 'GET',
      url: '/api/v1/admin/organizations',
      operationId: 'listOrganizations',
      access,
      tag,
      summary: 'Every organisation with its user, fund and event counts, by name, a page at a time',
      query: pageQuery(2),
      response: z.object({ organizations: z.array(Organization), nextCursor: NextCursor }),
      handler: async (request, { query }) => {
        const page = pageInMemory(await listOrganizationSummaries(adminCall(ctx, request)), (o) => [o.name, o.orgId], query);
        return { organizations: page.items, nextCursor: page.nextCursor };
      },
    });

    add({
      method: 'POST',
      url: '/api/v1/admin/organizations',
      operationId: 'createOrganization',

      errors: { 409: ['organization_name_taken', 'organization_already_exists'] },
      access,
      tag,
      summary: 'Create a client organisation',
      status: 201,
      body: z.object({ name: OrganizationName }),
      response: z.object({ orgId }),
      handler: async (request, { body }) => ({ orgId: (await createOrganization(ctx, adminCall(ctx, request), body.name)).orgId }),
    });

    add({
      method: 'GET',
      url: '/api/v1/admin/users',
      operationId: 'listUsersAcrossOrganizations',

      errors: { 404: ['organization_not_found'] },
      access,
      tag,
      summary: 'Users across organisations (or of one), by organisation and e-mail address, a page at a time',
      query: pageQuery(3).extend({ orgId: orgId.optional() }),
      response: z.object({ users: z.array(User), nextCursor: NextCursor }),
      handler: async (request, { query }) => {
        const users = await listUsersAcross(adminCall(ctx, request), { orgId: query.orgId });
        const page = pageInMemory(users, (u) => [u.organizationName, u.email, u.userId], query);
        return { users: page.items, nextCursor: page.nextCursor };
      },
    });

    add({
      method: 'POST',
      url: '/api/v1/admin/invitations',
      operationId: 'inviteOrganizationAdmin',

      errors: { 404: ['organization_not_found'], 409: ['email_already_in_use', 'user_id_already_used'] },
      access,
      tag,
      summary: "Invite an organisation's org_admin",
      status: 201,
      body: z.object({ orgId, email: EmailAddress }),
      response: z.object({ userId: z.uuid(), invitationPath: z.string().describe('path of the single-use invitation link, returned only here') }),
      handler: async (request, { body }) => inviteOrgAdmin(ctx, adminCall(ctx, request), body.orgId, body.email),
    });

    add({
      method: 'GET',
      url: '/api/v1/admin/events',
      operationId: 'listEvents',
      access,
      tag,
      summary: 'The event log, newest first, filtered by organisation, stream category, type and UTC dates',
      // Pages by position within one organisation: `after` (nextCursor) or `before` (a position); the feed across organisations is one page.
      query: EventFeedFilter.extend({ after: positionCursor.optional() }).refine((f) => f.after === undefined || f.orgId !== undefined, {
        message: 'paging by position needs an organisation',
        path: ['after'],
      }),
      response: z.object({ events: z.array(FeedEvent), categories: z.array(z.string()), eventTypes: z.array(z.string()), nextCursor: NextCursor }),
      handler: async (request, { query }) => {
        const { after, ...filter } = query;
        const before = after ?? filter.before;
        const { events, categories, eventTypes } = await readEventFeed(adminCall(ctx, request), { ...filter, before });
        // A page holds the organisation's `limit` highest positions below the cursor (shown by time); the next starts below its lowest.
        const lowest = Math.min(...events.map((e) => e.position));
        const nextCursor = filter.orgId !== undefined && events.length === filter.limit && lowest > 1 ? encodeCursor([String(lowest)]) : null;
        return { events: [...events], categories: [...categories], eventTypes: [...eventTypes], nextCursor };
      },
    });

    add({
      method: 'GET',
      url: '/api/v1/admin/events/verification',
      operationId: 'verifyEventChain',

      errors: { 404: ['organization_not_found'] },
      access,
      tag,
      summary: "Verify one organisation's hash chain now",
      query: z.object({ orgId }),
      response: ChainStatus,
      handler: async (request, { query }) => checkChain(adminCall(ctx, request), query.orgId),
    });

    add({
      method: 'GET',
      url: '/api/v1/admin/market-series',
      operationId: 'listMarketSeries',
      access,
      tag,
      summary: 'Platform market series with point counts and date ranges, by series id, a page at a time',
      query: pageQuery(1),
      response: z.object({ series: z.array(MarketSeries), nextCursor: NextCursor }),
      handler: async (request, { query }) => {
        const page = pageInMemory(await listMarketSeries(adminCall(ctx, request)), (m) => [m.seriesId], query);
        return { series: page.items, nextCursor: page.nextCursor };
      },
    });

    add({
      method: 'POST',
      url: '/api/v1/admin/market-series',
      operationId: 'uploadMarketSeries',

      errors: { 422: ['market_csv_invalid'] },
      access,
      tag,
      summary: 'Upload market series: text/csv body with series_id,date,value',
      query: z.object({
        fileName: z
          .string()
          .regex(/^[\w .-]{1,100}$/)
          .default('market.csv'),
      }),
      body: z.string().min(1),
      response: MarketUpload,
      requestContent: { 'text/csv': { schema: { type: 'string', description: 'series_id,date,value rows with a header line' } } },
      handler: async (request, { query, body }) => {
        const result = await uploadMarketCsv(ctx, adminCall(ctx, request), new TextEncoder().encode(body), query.fileName);
        if (!result.ok) throw new HttpProblem(422, 'market_csv_invalid', `the CSV has ${result.problems.length} problem(s); nothing was recorded`, { problems: result.problems });
        return { series: { ...result.series } };
      },
    });

    add({
      method: 'GET',
      url: '/api/v1/admin/access-log',
      operationId: 'listAccessLog',
      access,
      tag,
      summary: 'The access log, newest first, by organisation of the resource and actor',
      query: AccessLogQuery.extend({ after: entryCursor.optional() }),
      response: z.object({ entries: z.array(accessLogRowSchema), nextCursor: NextCursor }),
      handler: async (request, { query }) => {
        const { after, ...filter } = query;
        const entries = await readAccessLogPage(adminCall(ctx, request), { ...filter, beforeId: after ?? filter.beforeId });
        const last = entries.at(-1);
        return { entries, nextCursor: last !== undefined && entries.length === filter.limit ? encodeCursor([last.id]) : null };
      },
    });
  });
}
