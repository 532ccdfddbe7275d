/**
 * Set-up of bench:portal: an organisation with an active member and synthetic funds uploaded
 * through the real upload command, its read models caught up; and signing in through the
 * portal's real login form.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { PgEventLog, PgTenantFeed } from '../../../commands/eventLog/index.js';
import { handleUpload, PgMultiStreamLog } from '../../../commands/funds/index.js';
import { writeFundsWorkbook } from '../../../commands/ingest/index.js';
import { handleOrganizationCommand, hashPassword } from '../../../commands/organizations/index.js';
import { createEventRegistry } from '../../../domain/eventCatalogue.js';
import type { CommandMetadata, OrganizationCommand } from '../../../domain/organizations/index.js';
import { LocalBlobStore } from '../../../ops/blobs/index.js';
import { allProjections, ProjectionRunner } from '../../../projections/index.js';
import { syntheticFunds } from '../ingest/syntheticFunds.js';

const PASSWORD = 'bench password for the portal';

const operator = (): CommandMetadata => ({ commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'bench' } });

/** What to seed: the organisation's name, its member's e-mail, how many funds of how many years. */
export interface SeedPlan {
  readonly name: string;
  readonly email: string;
  readonly funds: number;
  readonly years: number;
}

/** One organisation with a member and `plan.funds` funds; returns the member's e-mail. */
export async function seedOrganization(ownerUrl: string, blobDir: string, plan: SeedPlan): Promise<{ email: string }> {
  const pool = new pg.Pool({ connectionString: ownerUrl, max: 4 });
  const registry = createEventRegistry();
  const log = new PgEventLog(pool, registry);
  const orgId = randomUUID();
  const userId = randomUUID();
  const run = (command: OrganizationCommand) => handleOrganizationCommand(log, command, operator());
  await run({ type: 'CreateOrganization', orgId, name: plan.name });
  await run({ type: 'InviteUser', orgId, userId, email: plan.email, role: 'member', passwordHash: await hashPassword(PASSWORD) });
  await run({ type: 'ActivateUser', orgId, userId });
  const path = join(blobDir, `${orgId}.csv`);
  await writeFundsWorkbook(path, syntheticFunds(plan.funds, plan.years), 'csv');
  const meta: CommandMetadata = { ...operator(), actor: { kind: 'user', userId, orgId, role: 'member' } };
  const upload = await handleUpload(
    { log: new PgMultiStreamLog(pool, registry), blobs: new LocalBlobStore(blobDir), parseOptions: { maxBytes: 100 * 1024 * 1024 } },
    { orgId, filename: 'bench-funds.csv', bytes: await readFile(path), source: 'cli' },
    meta,
  );
  if (!upload.ok) throw new Error(`bench workbook rejected: ${upload.problems[0].message}`);
  const runner = new ProjectionRunner({ pool, feed: new PgTenantFeed(pool, registry), projections: allProjections, owner: `bench-${randomUUID()}` });
  await runner.catchUp();
  await runner.stop();
  await pool.end();
  return { email: plan.email };
}

function cookiesOf(response: Response, jar: Map<string, string>): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair.indexOf('=');
    jar.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

/** Signs in through the real form and returns the Cookie header of the session. */
export async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const form = await fetch(`${base}/login`);
  cookiesOf(form, jar);
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const cookie = (): string => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookie() },
    body: new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString(),
  });
  if (login.status !== 303) throw new Error(`bench sign-in failed with ${login.status}`);
  cookiesOf(login, jar);
  return cookie();
}
