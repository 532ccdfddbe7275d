/** The access log as the admin pages and API read it: filters, paging, and the read itself recorded. */
import { z } from 'zod';
import { readAccessLog, type AccessLogRow } from '../accessLog.js';
import { recordAdminRead, type AdminCall } from './crossTenant.js';

const blank = (value: unknown): unknown => (value === '' ? undefined : value);

/** Filters of the access log: organisation of the resource, the actor, paging back by id. */
export const AccessLogQuery = z.object({
  orgId: z.preprocess(blank, z.uuid().optional()),
  actorId: z.preprocess(blank, z.string().max(200).optional()),
  beforeId: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{1,18}$/)
      .optional(),
  ),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(500).default(100)),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

/** One page of the access log (newest first); reading it is itself recorded. */
export async function readAccessLogPage(call: AdminCall, query: AccessLogQuery): Promise<AccessLogRow[]> {
  const rows = await readAccessLog(call.pool, call.reader, { tenantId: query.orgId, actorId: query.actorId, beforeId: query.beforeId, limit: query.limit });
  await recordAdminRead(call, { tenantId: query.orgId ?? null, action: 'list', resourceType: 'access_log', resourceId: query.actorId ?? null });
  return rows;
}
