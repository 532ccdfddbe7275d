/**
 * Fund subcommands of the `navcast` CLI: upload a workbook as a user, print identity
 * hashes, write the template, upload platform market series.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { basename, extname, resolve } from 'node:path';
import { handleMarketUpload, handleUpload, PgMultiStreamLog, type MarketUploadResult } from '../../commands/funds/index.js';
import { formatProblem, writeTemplate, type Problem } from '../../commands/ingest/index.js';
import { createEventRegistry } from '../../domain/eventCatalogue.js';
import { fileIdentityHash, fundIdentityHash } from '../../domain/identity/index.js';
import { fold } from '../../domain/decider.js';
import { toDomainEvent } from '../../commands/handleCommand.js';
import { EmailAddress, ForbiddenError, organizationDecider, organizationStreamId, type CommandMetadata, type OrganizationEvent } from '../../domain/organizations/index.js';
import { LocalBlobStore } from '../blobs/index.js';
import { allProjections, ProjectionRunner } from '../../projections/index.js';
import { openLog, workerId, type LogAccess } from '../platform.js';
import { UsageError } from './args.js';

/** A CLI result: what goes to stdout (JSON) or the problems for stderr, and the exit code. */
export interface CliOutcome {
  readonly stdout?: unknown;
  readonly stderr?: string;
  readonly exitCode: number;
}

function operatorMeta(): CommandMetadata {
  return { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: `cli:${userInfo().username}` } };
}

/** The active user with this e-mail in the organisation, folded from its stream. */
async function userActor(access: LogAccess, orgId: string, email: string): Promise<CommandMetadata['actor']> {
  const parsed = EmailAddress.safeParse(email);
  if (!parsed.success) throw new UsageError(`--as ${email} is not an e-mail address`);
  const { events } = await access.log.readStream(orgId, organizationStreamId(orgId));
  const state = fold(
    organizationDecider,
    events.map((e) => toDomainEvent<OrganizationEvent>(e)),
  );
  const user = state.status === 'exists' ? [...state.users].find(([, u]) => u.email === parsed.data && u.status === 'active') : undefined;
  if (user === undefined) throw new ForbiddenError(`${parsed.data} is not an active user of organisation ${orgId}`);
  return { kind: 'user', userId: user[0], orgId, role: user[1].role };
}

function problemLines(problems: readonly Problem[]): string {
  return `navcast: the file was rejected, nothing was recorded:\n${problems.map((p) => `  ${formatProblem(p)}\n`).join('')}`;
}

/** Brings every read model up to the log, so the upload is visible right away. */
async function catchUp(access: LogAccess): Promise<void> {
  const runner = new ProjectionRunner({ pool: access.pool, feed: access.feed, projections: allProjections, owner: workerId('cli') });
  try {
    await runner.catchUp();
  } finally {
    await runner.stop(); // releases the tenant leases, so the next command or the server goes on at once
  }
}

/** `upload --org ID --as EMAIL --file PATH`: JSON map fund name -> identity, version, outcome. */
export async function uploadWorkbook(url: string, orgId: string, email: string, file: string, blobDir: string): Promise<CliOutcome> {
  const access = openLog(url, 4);
  try {
    const actor = await userActor(access, orgId.toLowerCase(), email);
    const bytes = await readFile(file);
    const deps = { log: new PgMultiStreamLog(access.pool, createEventRegistry()), blobs: new LocalBlobStore(blobDir) };
    const meta = { ...operatorMeta(), actor };
    const result = await handleUpload(deps, { orgId, filename: basename(file), bytes, source: 'cli' }, meta);
    if (!result.ok) return { stderr: problemLines(result.problems), exitCode: 1 };
    await catchUp(access);
    const funds = Object.fromEntries(Object.entries(result.funds).map(([name, r]) => [name, { identityHash: r.identityHash, version: r.version, outcome: r.outcome }]));
    return { stdout: funds, exitCode: 0 };
  } finally {
    await access.close();
  }
}

/** `identity --org ID --filename F [--fund NAME]`: the identity hashes as JSON. */
export function identityHashes(orgId: string, filename: string, fund: string | undefined): object {
  const file = { orgId, filename, fileIdentityHash: fileIdentityHash(orgId, filename) };
  return fund === undefined ? file : { ...file, fundName: fund, fundIdentityHash: fundIdentityHash(orgId, filename, fund) };
}

/** `template --out FILE`: the empty workbook, XLSX or CSV by the file's extension. */
export async function template(out: string): Promise<object> {
  const extension = extname(out).toLowerCase();
  if (extension !== '.xlsx' && extension !== '.csv') throw new UsageError('--out must end in .xlsx or .csv');
  await writeTemplate(resolve(out), extension === '.xlsx' ? 'xlsx' : 'csv');
  return { written: resolve(out), format: extension.slice(1) };
}

/** `market upload --file CSV`: platform market series (series_id,date,value), as an operator. */
export async function uploadMarket(url: string, file: string): Promise<CliOutcome> {
  const access = openLog(url, 2);
  try {
    const result: MarketUploadResult = await handleMarketUpload(access.log, await readFile(file), basename(file), operatorMeta());
    if (!result.ok) return { stderr: problemLines(result.problems), exitCode: 1 };
    await catchUp(access);
    return { stdout: result.series, exitCode: 0 };
  } finally {
    await access.close();
  }
}
