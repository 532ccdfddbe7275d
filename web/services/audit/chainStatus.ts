import type pg from 'pg';
import { verifyRows } from '../../../commands/audit/index.js';
import { readTenantHead, tenantRows } from '../../../commands/audit/liveLog.js';
import type { SessionPrincipal } from '../../auth/principal.js';
import { HttpProblem } from '../../problems.js';
import { recordAdminRead, type AdminCall } from '../admin/crossTenant.js';

/** The outcome of verifying one organisation's hash chain, as the admin pages show it. */
export interface ChainStatus {
  readonly orgId: string;
  readonly status: 'verified' | 'broken';
  readonly eventsChecked: number;
  readonly lastSeq: number;
  readonly chainHead: string;
  /** For a broken chain: what is wrong first, at which position (tenant_seq). */
  readonly failure: { readonly class: string; readonly position: number; readonly detail: string } | null;
}

/**
 * Walks one organisation's log with the audit verifier (`navcast audit verify` uses the same
 * walk): every payload hash, entry hash and chain link from position 1 to the head, in one
 * REPEATABLE READ READ ONLY snapshot as navcast_app with that organisation as the RLS tenant.
 * Signed checkpoints are not checked here (the portal holds no checkpoint store or trusted
 * keys); the CLI verifies those.
 */
export async function verifyOrganizationChain(pool: pg.Pool, reader: SessionPrincipal, orgId: string): Promise<ChainStatus> {
  if (reader.role !== 'super_admin') throw new HttpProblem(403, 'forbidden', 'only a super_admin verifies organisations');
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query("SELECT set_config('app.current_org_id', $1, true)", [orgId]);
    const head = await readTenantHead(client, orgId);
    const result = await verifyRows(orgId, tenantRows(client, orgId), head);
    await client.query('COMMIT');
    return {
      orgId,
      status: result.ok ? 'verified' : 'broken',
      eventsChecked: result.eventsChecked,
      lastSeq: result.lastSeq,
      chainHead: result.chainHead,
      failure: result.failure === null ? null : { class: result.failure.class, position: result.failure.position, detail: result.failure.detail },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Verifies and records the read (`read` of `event_chain`) in the access log. */
export async function checkChain(call: AdminCall, orgId: string): Promise<ChainStatus> {
  const status = await verifyOrganizationChain(call.pool, call.reader, orgId);
  await recordAdminRead(call, { tenantId: orgId, action: 'read', resourceType: 'event_chain', resourceId: orgId });
  return status;
}
