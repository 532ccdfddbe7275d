/**
 * readAsTenantOnce (read-models/tenantRead.ts): the tenant setting and every query of a read in
 * one round trip and one implicit transaction, statements prepared once per connection, the
 * setting gone when the read ends, a failure dropping the connection. Real PostgreSQL with
 * the portal fixture's organisations and users.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreparedQuery, PreparedQueryError, readAsTenantOnce } from '../../read-models/index.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
let pool: pg.Pool;
let sent: string[];

const emails: PreparedQuery<string[]> = {
  name: 'test_user_emails',
  text: 'SELECT email FROM users ORDER BY email',
  types: [],
  values: [],
  parse: (rows) => (rows as { email: string }[]).map((r) => r.email),
};

const setting = (label: string): PreparedQuery<string> => ({
  name: 'test_current_org',
  text: "SELECT current_setting('app.current_org_id', true) AS org, $1::text AS label",
  types: ['text'],
  values: [label],
  parse: (rows) => (rows as { org: string }[])[0].org,
});

beforeAll(async () => {
  f = await openPortalFixture();
  // One connection, so that reuse is observable; every message the pool's client sends is recorded.
  pool = new pg.Pool({ connectionString: (f.appPool as unknown as { options: { connectionString: string } }).options.connectionString, max: 1 });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      sent.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text));
      return query(...args);
    };
  });
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await f?.close();
});

describe('readAsTenantOnce', () => {
  it('reads each query as the tenant, in order, in one round trip once its statements are prepared', async () => {
    sent = [];
    const [acme, org] = await readAsTenantOnce(pool, f.acmeOrgId, [emails, setting("it's quoted")]);
    expect(acme).toEqual(['admin@acme.test', 'member@acme.test', 'viewer@acme.test']);
    expect(org).toBe(f.acmeOrgId);
    expect(sent.length).toBe(1);
    expect(sent[0]).toMatch(/^PREPARE nc_test_user_emails AS/);
    sent = [];
    const [globex] = await readAsTenantOnce(pool, f.globexOrgId, [emails]);
    expect(globex).toEqual(['admin@globex.test', 'member@globex.test']);
    expect(sent.length).toBe(1);
    expect(sent[0]).not.toMatch(/PREPARE/);
  });

  it('leaves no tenant on the connection once the read is over', async () => {
    await readAsTenantOnce(pool, f.acmeOrgId, [emails]);
    const { rows } = await pool.query<{ org: string | null }>("SELECT current_setting('app.current_org_id', true) AS org");
    expect(rows[0].org ?? '').toBe('');
    expect((await pool.query('SELECT email FROM users')).rows).toEqual([]);
  });

  it('rolls back every statement and drops the connection when one fails, then prepares again', async () => {
    const failing: PreparedQuery<unknown> = { name: 'test_fails', text: 'SELECT 1 / ($1::integer - 1) AS x', types: ['integer'], values: [1], parse: (rows) => rows };
    const { rows: before } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await expect(readAsTenantOnce(pool, f.acmeOrgId, [emails, failing])).rejects.toThrow(/division by zero/);
    const { rows: after } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(after[0].pid).not.toBe(before[0].pid);
    sent = [];
    expect((await readAsTenantOnce(pool, f.acmeOrgId, [emails]))[0]).toHaveLength(3);
    expect(sent[0]).toMatch(/^PREPARE nc_test_user_emails AS/);
  });

  it('refuses a badly built query before anything is sent', async () => {
    sent = [];
    await expect(readAsTenantOnce(pool, f.acmeOrgId, [{ ...emails, name: 'Bad-Name' }])).rejects.toThrow(PreparedQueryError);
    await expect(readAsTenantOnce(pool, f.acmeOrgId, [{ ...setting('x'), values: [] }])).rejects.toThrow(/0 values for 1 parameters/);
    await expect(readAsTenantOnce(pool, f.acmeOrgId, [{ ...setting('x'), values: [Number.NaN] }])).rejects.toThrow(/not a finite number/);
    await expect(readAsTenantOnce(pool, 'not-a-uuid', [emails])).rejects.toThrow();
    expect(sent).toEqual([]);
  });
});
