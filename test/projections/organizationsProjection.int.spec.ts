import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../domain/events/index.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { applyBatch, type ProjectionTarget } from '../../projections/applyBatch.js';
import { acquireLease } from '../../projections/checkpoints.js';
import { coalesce } from '../../projections/coalesce.js';
import { writeNetChanges } from '../../projections/bulkWrite.js';
import { organizationsProjection } from '../../projections/organizations/organizationsProjection.js';

const tenant = '5d1c0a2e-3b4f-4a6d-8e9f-0a1b2c3d4e5f';
const alice = '11111111-1111-4111-8111-111111111111';
const bob = '22222222-2222-4222-8222-222222222222';
const at = '2026-02-01T10:00:00.000Z';

function recorded(tenantSeq: number, eventType: string, payload: unknown): RecordedEvent {
  return {
    tenantId: tenant,
    tenantSeq,
    streamId: `org-${tenant}`,
    streamVersion: tenantSeq - 1,
    eventId: `00000000-0000-4000-8000-${String(tenantSeq).padStart(12, '0')}`,
    eventType,
    storedSchemaVersion: 1,
    payload,
    metadata: { actor: { kind: 'system', id: 'test' }, commandId: 'c', correlationId: 'c', causationId: null },
    recordedAt: at,
    hashes: { payloadHash: '', prevHash: '', entryHash: '', chainHash: '' },
    position: { txId: '1', globalPos: tenantSeq },
  };
}

const history: RecordedEvent[] = [
  recorded(1, 'OrganizationCreated', { orgId: tenant, name: 'Acme', kind: 'client', createdAt: at }),
  recorded(2, 'UserInvited', { userId: alice, email: 'alice@acme.com', role: 'member', invitedAt: at }),
  recorded(3, 'UserInvited', { userId: bob, email: 'bob@acme.com', role: 'viewer', invitedAt: at }),
  recorded(4, 'UserActivated', { userId: alice, activatedAt: '2026-02-02T10:00:00.000Z' }),
  recorded(5, 'UserRoleChanged', { userId: alice, from: 'member', to: 'org_admin', changedAt: '2026-02-03T10:00:00.000Z' }),
  recorded(6, 'UserDeactivated', { userId: bob, deactivatedAt: '2026-02-04T10:00:00.000Z' }),
];

describe('organisations projection (real PostgreSQL)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const target: ProjectionTarget = { projection: organizationsProjection, schema: 'read_models', version: 1, consumer: 'organizations' };

  async function snapshot(): Promise<unknown[]> {
    const client = await pool.connect();
    try {
      const orgs = await client.query('SELECT * FROM read_models.organizations_v1 ORDER BY tenant_id');
      const users = await client.query('SELECT * FROM read_models.users_v1 ORDER BY tenant_id, user_id');
      return [orgs.rows, users.rows];
    } finally {
      client.release();
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.ownerUrl, max: 3 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  it('projects the history into organizations and users rows', async () => {
    await acquireLease(pool, { consumer: 'organizations', tenantId: tenant, version: 1 }, 'test-worker', 60_000);
    await applyBatch(pool, target, tenant, 'test-worker', 0, history.slice(0, 3), 60_000);
    await applyBatch(pool, target, tenant, 'test-worker', 3, history.slice(3), 60_000);
    const [orgs, users] = (await snapshot()) as [Record<string, unknown>[], Record<string, unknown>[]];
    expect(orgs).toEqual([{ tenant_id: tenant, name: 'Acme', kind: 'client', created_at: new Date(at), last_seq: '1' }]);
    expect(users.map((u) => [u.email, u.role, u.status, u.last_seq])).toEqual([
      ['alice@acme.com', 'org_admin', 'active', '5'],
      ['bob@acme.com', 'viewer', 'deactivated', '6'],
    ]);
    expect(users[0].activated_at).toEqual(new Date('2026-02-02T10:00:00.000Z'));
    expect(users[1].deactivated_at).toEqual(new Date('2026-02-04T10:00:00.000Z'));
  });

  it('changes nothing when the same events are applied again, whole or overlapping', async () => {
    const before = await snapshot();
    const replays = [history, history.slice(1, 4), history.slice(3)];
    for (const batch of replays) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query("SELECT set_config('app.current_org_id', $1, true)", [tenant]);
        const changes = batch.flatMap((e) => organizationsProjection.project({ ...e, payload: e.payload }).map((change) => ({ change, seq: e.tenantSeq })));
        await writeNetChanges(client, 'read_models', 1, coalesce(changes));
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      expect(await snapshot()).toEqual(before);
    }
  });

  it('refuses a batch with a hole in the tenant sequence', async () => {
    await expect(applyBatch(pool, target, tenant, 'test-worker', 6, [recorded(8, 'UserActivated', { userId: bob, activatedAt: at })], 60_000)).rejects.toThrow(/expected seq 7, got 8/);
  });
});
