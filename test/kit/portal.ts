/**
 * Test kit of the portal: a fresh database with the platform organisation, two client
 * organisations (Acme, Globex) and one active user per role, the app built on the
 * navcast_app pool, and a projector to bring read models up to date between requests.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { PgEventLog, PgTenantFeed } from '../../commands/eventLog/index.js';
import { handleUpload, PgMultiStreamLog, type UploadResult } from '../../commands/funds/index.js';
import { handleOrganizationCommand, hashPassword } from '../../commands/organizations/index.js';
import { createEventRegistry } from '../../domain/eventCatalogue.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import type { CommandMetadata, OrganizationCommand, Role } from '../../domain/organizations/index.js';
import { LocalBlobStore } from '../../ops/blobs/index.js';
import { setRolePasswords } from '../../ops/db/roles.js';
import { allProjections, ProjectionRunner } from '../../projections/index.js';
import { buildApp, type AppDependencies, type PortalApp } from '../../web/app.js';
import { createTestDatabase, type TestDatabase } from './database.js';

/** The password every fixture user has (long enough for the password policy). */
export const FIXTURE_PASSWORD = 'correct horse battery staple';

/** A fixture user: who they are and how to sign in. */
export interface FixtureUser {
  readonly userId: string;
  readonly orgId: string;
  readonly email: string;
  readonly role: Role;
}

export interface PortalFixture extends PortalApp {
  readonly db: TestDatabase;
  /** navcast_app pool the app uses. */
  readonly appPool: pg.Pool;
  /** Owner pool for set-up and for assertions that must see every tenant. */
  readonly ownerPool: pg.Pool;
  readonly log: PgEventLog;
  readonly blobRoot: string;
  readonly platformOrgId: string;
  readonly acmeOrgId: string;
  readonly globexOrgId: string;
  /** Users by key: admin (super_admin), acmeAdmin, acmeMember, acmeViewer, globexAdmin, globexMember. */
  readonly users: Readonly<Record<'admin' | 'acmeAdmin' | 'acmeMember' | 'acmeViewer' | 'globexAdmin' | 'globexMember', FixtureUser>>;
  /** Applies every pending event to the read models. */
  catchUp(): Promise<number>;
  /** Uploads a workbook file as `user` (straight through the command, not the web) and catches up. */
  upload(user: FixtureUser, file: string): Promise<UploadResult>;
  /** Runs an organisation command as the operator (CLI-like set-up). */
  asOperator(command: OrganizationCommand): Promise<void>;
  close(): Promise<void>;
}

function operatorMeta(): CommandMetadata {
  return { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'test-kit' } };
}

/** Starts the fixture; `overrides` replace app dependencies (e.g. a clock). */
export async function openPortalFixture(overrides: Partial<AppDependencies> = {}): Promise<PortalFixture> {
  const db = await createTestDatabase();
  const urls = await setRolePasswords(db.ownerUrl, 'navcast-test');
  const ownerPool = new pg.Pool({ connectionString: db.ownerUrl, max: 4 });
  const appPool = new pg.Pool({ connectionString: urls.app, max: 10 });
  const registry = createEventRegistry();
  const log = new PgEventLog(ownerPool, registry);
  const runner = new ProjectionRunner({ pool: ownerPool, feed: new PgTenantFeed(ownerPool, registry), projections: allProjections, owner: `test-${randomUUID()}` });
  const asOperator = async (command: OrganizationCommand): Promise<void> => {
    await handleOrganizationCommand(log, command, operatorMeta());
  };
  const passwordHash = await hashPassword(FIXTURE_PASSWORD);
  const acmeOrgId = randomUUID();
  const globexOrgId = randomUUID();
  const admin: FixtureUser = { userId: randomUUID(), orgId: PLATFORM_TENANT_ID, email: 'admin@navcast.test', role: 'super_admin' };
  await asOperator({ type: 'BootstrapPlatform', orgId: PLATFORM_TENANT_ID, name: 'NAVcast platform', userId: admin.userId, email: admin.email, passwordHash });
  await asOperator({ type: 'CreateOrganization', orgId: acmeOrgId, name: 'Acme Pension Fund' });
  await asOperator({ type: 'CreateOrganization', orgId: globexOrgId, name: 'Globex Endowment' });
  const invite = async (orgId: string, email: string, role: 'viewer' | 'member' | 'org_admin'): Promise<FixtureUser> => {
    const userId = randomUUID();
    await asOperator({ type: 'InviteUser', orgId, userId, email, role, passwordHash });
    await asOperator({ type: 'ActivateUser', orgId, userId });
    return { userId, orgId, email, role };
  };
  const users = {
    admin,
    acmeAdmin: await invite(acmeOrgId, 'admin@acme.test', 'org_admin'),
    acmeMember: await invite(acmeOrgId, 'member@acme.test', 'member'),
    acmeViewer: await invite(acmeOrgId, 'viewer@acme.test', 'viewer'),
    globexAdmin: await invite(globexOrgId, 'admin@globex.test', 'org_admin'),
    globexMember: await invite(globexOrgId, 'member@globex.test', 'member'),
  };
  await runner.catchUp();
  const blobRoot = await mkdtemp(join(tmpdir(), 'navcast-portal-'));
  const blobs = new LocalBlobStore(blobRoot);
  const multiLog = new PgMultiStreamLog(ownerPool, registry);
  const upload = async (user: FixtureUser, file: string): Promise<UploadResult> => {
    const meta: CommandMetadata = { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'user', userId: user.userId, orgId: user.orgId, role: user.role } };
    const result = await handleUpload({ log: multiLog, blobs }, { orgId: user.orgId, filename: basename(file), bytes: await readFile(file), source: 'cli' }, meta);
    await runner.catchUp();
    return result;
  };
  const portal = await buildApp({
    pool: appPool,
    blobs,
    cookieSecret: 'test-cookie-secret-0123456789abcdef0123456789',
    // Every API response of every portal test is checked against /openapi.json.
    checkResponses: true,
    settleProjections: async () => {
      await runner.catchUp();
    },
    ...overrides,
  });
  return {
    ...portal,
    db,
    appPool,
    ownerPool,
    log,
    blobRoot,
    platformOrgId: PLATFORM_TENANT_ID,
    acmeOrgId,
    globexOrgId,
    users,
    catchUp: () => runner.catchUp(),
    upload,
    asOperator,
    async close() {
      await portal.app.close();
      await runner.stop();
      await Promise.all([appPool.end(), ownerPool.end()]);
      await db.drop();
      await rm(blobRoot, { recursive: true, force: true });
    },
  };
}
