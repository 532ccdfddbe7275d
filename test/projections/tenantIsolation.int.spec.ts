import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PgEventLog } from '../../commands/eventLog/index.js';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import { createEventRegistry } from '../../domain/eventCatalogue.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

const tenantA = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const tenantB = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

interface TenantTable {
  readonly schema: string;
  readonly table: string;
  readonly column: string;
  readonly forced: boolean;
  readonly enabled: boolean;
  readonly policies: number;
}

/** Every table (not view) with a tenant_id or org_id column, outside the system schemas. */
async function tenantTables(client: pg.Client): Promise<TenantTable[]> {
  const { rows } = await client.query<TenantTable>(`
    SELECT n.nspname AS schema, c.relname AS table, a.attname AS column,
           c.relforcerowsecurity AS forced, c.relrowsecurity AS enabled,
           (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relkind IN ('r', 'p')
       AND a.attname IN ('tenant_id', 'org_id')
       AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
     ORDER BY 1, 2`);
  return rows;
}

describe('tenant isolation: every tenant table has forced RLS (real PostgreSQL)', () => {
  let db: TestDatabase;
  let owner: pg.Client;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    owner = new pg.Client({ connectionString: db.ownerUrl });
    await owner.connect();
    pool = new pg.Pool({ connectionString: db.ownerUrl, max: 2 });
    const log = new PgEventLog(pool, createEventRegistry());
    // One row per tenant in every tenant table that has a simple shape to fill.
    for (const tenant of [tenantA, tenantB]) {
      await owner.query("SELECT set_config('app.current_org_id', $1, false)", [tenant]);
      await owner.query("INSERT INTO read_models.organizations_v1 VALUES ($1, 'Org', 'client', now(), 1)", [tenant]);
      await owner.query("INSERT INTO read_models.users_v1 (tenant_id, user_id, email, role, status, invited_at, last_seq) VALUES ($1, gen_random_uuid(), 'u@x.io', 'member', 'invited', now(), 2)", [
        tenant,
      ]);
      await owner.query("INSERT INTO read_models.fund_identities_v1 VALUES ($1, repeat('a', 64), 'Fund', 'f.csv', repeat('b', 64), now(), 3)", [tenant]);
      await owner.query("INSERT INTO read_models.product_selections_v1 VALUES ($1, repeat('a', 64), 'nowcast', true, now(), 4)", [tenant]);
      await owner.query("INSERT INTO consumer_checkpoints (consumer, tenant_id, projection_version) VALUES ('t', $1, 1)", [tenant]);
      const command = { type: 'CreateOrganization' as const, orgId: tenant, name: 'Org' };
      await handleOrganizationCommand(log, command, { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'test' } });
    }
  });
  afterAll(async () => {
    await owner.end();
    await pool.end();
    await db.drop();
  });

  it('finds the tenant tables, each with RLS enabled and forced and at least one policy', async () => {
    const tables = await tenantTables(owner);
    const names = tables.map((t) => `${t.schema}.${t.table}`);
    const fundTables = [
      'uploads',
      'fund_identities',
      'fund_identity_aliases',
      'fund_data_versions',
      'evergreen_funds',
      'evergreen_fund_members',
      'market_configs',
      'market_config_history',
      'product_selections',
      'market_series',
    ];
    for (const expected of [
      'read_models.organizations_v1',
      'read_models.users_v1',
      'public.consumer_checkpoints',
      'public.events',
      ...fundTables.map((t) => `read_models.${t}_v1`),
      'read_models.api_keys_v1',
      'read_models.machine_tokens_v1',
      'web.account_tokens',
      'web.mail_outbox',
      'web.credential_use',
      'web.sessions',
      'web.oidc_identities',
    ]) {
      expect(names).toContain(expected);
    }
    const unprotected = tables.filter((t) => !t.enabled || !t.forced || t.policies < 1);
    expect(unprotected).toEqual([]);
  });

  it('gives every tenant table the one tenant policy of migration 0006, but for the deliberate exceptions', async () => {
    const tables = await tenantTables(owner);
    const { rows } = await owner.query<{ schemaname: string; tablename: string; cmd: string; qual: string | null; with_check: string | null }>(
      "SELECT schemaname, tablename, cmd, qual, with_check FROM pg_policies WHERE policyname = 'tenant_isolation'",
    );
    const isolated = new Set(
      rows
        .filter((p) => p.cmd === 'ALL' && p.qual === '(tenant_id = navcast_current_tenant())' && p.with_check === '(tenant_id = navcast_current_tenant())')
        .map((p) => `${p.schemaname}.${p.tablename}`),
    );
    // Other policies on purpose: the log is read-only for the app (appends go through
    // navcast_append), checkpoints belong to the projector, the access log is insert-only.
    const deliberate = ['public.events', 'public.streams', 'public.tenant_log_head', 'public.consumer_checkpoints', 'web.access_log'];
    const names = tables.map((t) => `${t.schema}.${t.table}`);
    expect(names.filter((n) => isolated.has(n)).length).toBeGreaterThanOrEqual(17);
    expect(names.filter((n) => !isolated.has(n) && !deliberate.includes(n))).toEqual([]);
  });

  it('lets the application role read none of another tenant’s rows in any tenant table', async () => {
    const tables = await tenantTables(owner);
    const app = new pg.Client({ connectionString: db.ownerUrl });
    await app.connect();
    try {
      await app.query('SET ROLE navcast_app');
      const role = await app.query<{ rolbypassrls: boolean; rolsuper: boolean }>('SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user');
      expect(role.rows[0]).toEqual({ rolbypassrls: false, rolsuper: false });
      let readable = 0;
      let populated = 0;
      for (const t of tables) {
        const total = await owner.query(`SELECT count(*)::int AS n FROM "${t.schema}"."${t.table}" WHERE "${t.column}" = $1`, [tenantB]);
        if (total.rows[0].n > 0) populated++;
        await app.query('BEGIN');
        await app.query("SELECT set_config('app.current_org_id', $1, true)", [tenantA]);
        try {
          const seen = await app.query(`SELECT count(*)::int AS n FROM "${t.schema}"."${t.table}" WHERE "${t.column}" = $1`, [tenantB]);
          expect({ table: t.table, n: seen.rows[0].n }).toEqual({ table: t.table, n: 0 });
          const own = await app.query(`SELECT count(*)::int AS n FROM "${t.schema}"."${t.table}" WHERE "${t.column}" = $1`, [tenantA]);
          if (own.rows[0].n > 0) readable++;
        } catch (error) {
          // No grant at all is isolation too (e.g. consumer_checkpoints for the app role).
          expect((error as { code?: string }).code).toBe('42501');
        } finally {
          await app.query('ROLLBACK');
        }
      }
      // The check must not pass vacuously: tenant B has rows in the log's and the read models'
      // tables, and the app does see its own tenant's rows.
      expect(populated).toBeGreaterThanOrEqual(7);
      expect(readable).toBeGreaterThanOrEqual(6);
      // And with no tenant set it sees nothing at all.
      const none = await app.query('SELECT count(*)::int AS n FROM public.users');
      expect(none.rows[0].n).toBe(0);
    } finally {
      await app.end();
    }
  });
});
