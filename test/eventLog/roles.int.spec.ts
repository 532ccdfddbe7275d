import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformRoles, setRolePasswords } from '../../ops/db/roles.js';
import { newTenant, openLogFixture, thing, type LogFixture } from './fixture.js';

let f: LogFixture;
beforeAll(async () => {
  f = await openLogFixture();
});
afterAll(async () => {
  await f.close();
});

async function asRole<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('platform roles', () => {
  it('are plain login roles: no superuser, no BYPASSRLS', async () => {
    const { rows } = await f.owner.query('SELECT rolname, rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ANY($1) ORDER BY rolname', [[...platformRoles]]);
    expect(rows).toEqual([...platformRoles].sort().map((rolname) => ({ rolname, rolcanlogin: true, rolsuper: false, rolbypassrls: false })));
  });

  it('setting the passwords again is idempotent and every URL logs in as its role', async () => {
    const urls = await setRolePasswords(f.db.ownerUrl, 'navcast-test');
    for (const [name, url] of Object.entries(urls)) {
      expect(await asRole(url, async (c) => (await c.query('SELECT current_user AS u')).rows[0].u)).toBe(`navcast_${name}`);
    }
  });

  it('only the application appends; projector and auditor read across tenants', async () => {
    const tenants = [newTenant(), newTenant()];
    for (const t of tenants) await f.log.append(t, 'thing-1', [thing(1)]);
    for (const url of [f.urls.projector, f.urls.auditor]) {
      await asRole(url, async (c) => {
        const seen = await c.query('SELECT DISTINCT tenant_id FROM events WHERE tenant_id = ANY($1)', [tenants]);
        expect(seen.rows).toHaveLength(2);
        await expect(c.query(`SELECT navcast_append($1, '[]'::jsonb)`, [tenants[0]])).rejects.toMatchObject({ code: '42501' });
        await expect(c.query('SELECT navcast_redact_payload($1, $1)', [tenants[0]])).rejects.toMatchObject({ code: '42501' });
      });
    }
  });
});
