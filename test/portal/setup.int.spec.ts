import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgTenantFeed } from '../../commands/eventLog/index.js';
import { createEventRegistry } from '../../domain/eventCatalogue.js';
import { setRolePasswords } from '../../ops/db/roles.js';
import { allProjections, ProjectionRunner } from '../../projections/index.js';
import { buildApp, type PortalApp } from '../../web/app.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';
import { InjectBrowser } from '../kit/injectBrowser.js';

const token = 'first-run-token-0123456789abcdefghijklmnop';
let db: TestDatabase;
let appPool: pg.Pool;
let ownerPool: pg.Pool;
let portal: PortalApp;

beforeAll(async () => {
  db = await createTestDatabase();
  const urls = await setRolePasswords(db.ownerUrl, 'navcast-test');
  appPool = new pg.Pool({ connectionString: urls.app, max: 4 });
  ownerPool = new pg.Pool({ connectionString: db.ownerUrl, max: 2 });
  const runner = new ProjectionRunner({ pool: ownerPool, feed: new PgTenantFeed(ownerPool, createEventRegistry()), projections: allProjections, owner: `test-${randomUUID()}` });
  portal = await buildApp({
    pool: appPool,
    cookieSecret: 'setup-test-cookie-secret-0123456789abcdef',
    setupToken: token,
    settleProjections: async () => {
      await runner.catchUp();
      await runner.stop();
    },
  });
}, 60_000);
afterAll(async () => {
  await portal?.app.close();
  await Promise.all([appPool?.end(), ownerPool?.end()]);
  await db?.drop();
});

describe('first-run setup', () => {
  it('hides the page without the printed token', async () => {
    expect((await new InjectBrowser(portal.app).get('/setup')).statusCode).toBe(404);
    expect((await new InjectBrowser(portal.app).get('/setup?token=wrong')).statusCode).toBe(404);
  });

  it('refuses a short password without recording anything', async () => {
    const browser = new InjectBrowser(portal.app);
    await browser.get(`/setup?token=${token}`);
    const response = await browser.postForm('/setup', { token, email: 'owner@platform.test', password: 'short' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('at least 12 characters');
    const { rows } = await ownerPool.query('SELECT count(*)::int AS n FROM events');
    expect(rows[0].n).toBe(0);
  });

  it('creates the platform and its super_admin once, signs them in, then disappears', async () => {
    const browser = new InjectBrowser(portal.app);
    expect((await browser.get(`/setup?token=${token}`)).statusCode).toBe(200);
    const created = await browser.postForm('/setup', { token, email: 'Owner@Platform.test', password: 'a long enough first password' });
    expect(created.statusCode).toBe(303);
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('owner@platform.test');
    expect(home.body).toContain('super_admin');
    expect((await new InjectBrowser(portal.app).get(`/setup?token=${token}`)).statusCode).toBe(404);
    const again = new InjectBrowser(portal.app);
    await again.get('/login');
    const replay = await again.postForm('/setup', { token, email: 'x@platform.test', password: 'another long password' });
    expect(replay.statusCode).toBe(404);
  });
});
