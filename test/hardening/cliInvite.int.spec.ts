/**
 * Probe: `navcast user invite --password` exited 0 but the user's sign-in answered 401 for
 * ever (the user stayed `invited`). Now the CLI, run as a process, makes a user who signs in
 * through the real login form; and `org create` refuses to run before bootstrap or with a
 * name another organisation has.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InjectBrowser } from '../kit/injectBrowser.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { runNavcastCli as navcast } from './serverProcess.js';

let f: PortalFixture;
beforeAll(async () => {
  f = await openPortalFixture();
}, 120_000);
afterAll(async () => f?.close());

describe('navcast user invite --password', () => {
  it('makes a user who signs in through the login form', async () => {
    const invited = await navcast(['user', 'invite', '--org', f.acmeOrgId, '--email', 'cli-made@acme.test', '--role', 'member', '--password', 'a long enough password 42'], f.db.ownerUrl);
    expect(invited.stderr).toBe('');
    expect(invited.code).toBe(0);
    expect(JSON.parse(invited.stdout)).toMatchObject({ email: 'cli-made@acme.test', role: 'member' });
    await f.catchUp();
    const browser = new InjectBrowser(f.app);
    const wrong = await browser.signIn('cli-made@acme.test', 'not the password at all');
    expect(wrong.statusCode).toBe(401);
    const response = await browser.signIn('cli-made@acme.test', 'a long enough password 42');
    expect(response.statusCode).toBe(303);
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('cli-made@acme.test');
  });
});

describe('navcast org create', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createTestDatabase();
  });
  afterAll(async () => empty?.drop());

  it('refuses to run before the platform is bootstrapped', async () => {
    const run = await navcast(['org', 'create', '--name', 'Too Early'], empty.ownerUrl);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('navcast admin bootstrap');
    const { rows } = await f.ownerPool.query('SELECT 1'); // the fixture's database is untouched
    expect(rows).toHaveLength(1);
    const events = await import('pg').then(async ({ default: pg }) => {
      const client = new pg.Client({ connectionString: empty.ownerUrl });
      await client.connect();
      try {
        return (await client.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n;
      } finally {
        await client.end();
      }
    });
    expect(events).toBe('0');
  });

  it('refuses a name another organisation has (ignoring case and spaces around it)', async () => {
    const run = await navcast(['org', 'create', '--name', '  acme pension FUND '], f.db.ownerUrl);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`organization_name_taken: an organisation named "Acme Pension Fund" already exists`);
    const fresh = await navcast(['org', 'create', '--name', 'Initech Family Office'], f.db.ownerUrl);
    expect(fresh.code, fresh.stderr).toBe(0);
  });
});
