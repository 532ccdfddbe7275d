/**
 * `navcast audit ...`: the auditor's and the sealer's commands.
 *   verify [--tenant ID]... [--checkpoints DIR] [--public-key FILE]... [--json]   live database
 *   verify --bundle DIR [--checkpoints DIR] [--public-key FILE]... [--json]        offline
 *   export --tenant ID --out DIR [--checkpoints DIR] [--public-key FILE]...
 *   seal [--tenant ID]... [--checkpoints DIR]        signs with NAVCAST_AUDIT_SIGNING_KEY(_FILE)
 *   keygen --out FILE                                writes a new private key (mode 0600)
 * Database commands read --database-url or DATABASE_URL. Exit codes: 0 intact (or done),
 * 1 an integrity failure was found (or a seal was refused), 2 the command could not run.
 * (`navcast audit replay` is dispatched elsewhere.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { uuidText } from '../../domain/events/index.js';
import { NavcastError } from '../../domain/errors.js';
import {
  describeVerification,
  exportBundle,
  FolderCheckpointStore,
  generateSigningKey,
  parsePublicKey,
  publicKeyPem,
  sealTenants,
  trustKeys,
  verifyBundle,
  verifyDatabase,
  type TenantVerification,
} from '../../commands/audit/index.js';
import { loadAuditConfig, splitPublicKeys, type AuditConfig } from '../auditConfig.js';
import { UsageError } from './args.js';

/** Where the command writes; tests pass their own. */
export interface AuditCommandContext {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const defaultContext: AuditCommandContext = {
  env: process.env,
  cwd: process.cwd(),
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

const options = {
  tenant: { type: 'string', multiple: true },
  checkpoints: { type: 'string' },
  'public-key': { type: 'string', multiple: true },
  'database-url': { type: 'string' },
  bundle: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

/** Runs `navcast audit <argv...>`; returns the process exit code. */
export async function runAuditCommand(argv: string[], context: AuditCommandContext = defaultContext): Promise<number> {
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const [sub, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
    const config = loadAuditConfig(context.env, context.cwd);
    switch (sub) {
      case 'verify':
        return values.bundle === undefined ? await verifyLive(values, config, context) : await verifyOffline(values, config, context);
      case 'export':
        return await exportTenant(values, config, context);
      case 'seal':
        return await seal(values, config, context);
      case 'keygen':
        return keygen(values, context);
      default:
        throw new UsageError(`usage: navcast audit verify|export|seal|keygen [options] (got ${sub ?? 'nothing'})`);
    }
  } catch (error) {
    const known = error instanceof NavcastError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    context.stderr(`navcast audit: ${known ? '' : 'unexpected error: '}${(error as Error).message}\n`);
    return 2;
  }
}

function tenantsOf(values: Values): string[] | undefined {
  return values.tenant?.map((t) => {
    const parsed = uuidText.safeParse(t.toLowerCase());
    if (!parsed.success) throw new UsageError(`--tenant ${t} is not a UUID`);
    return parsed.data;
  });
}

function trustedKeysOf(values: Values, config: AuditConfig, context: AuditCommandContext) {
  const pinned = (values['public-key'] ?? []).flatMap((file) => splitPublicKeys(readFileSync(resolve(context.cwd, file), 'utf8')).map(parsePublicKey));
  const keys = [...pinned, ...config.trustedPublicKeys, ...(config.signingKey === undefined ? [] : [config.signingKey.publicKey])];
  return keys.length === 0 ? undefined : trustKeys(...keys);
}

function checkpointStoreOf(values: Values, config: AuditConfig, context: AuditCommandContext): FolderCheckpointStore | undefined {
  const dir = values.checkpoints === undefined ? config.checkpointDir : resolve(context.cwd, values.checkpoints);
  return dir === undefined ? undefined : new FolderCheckpointStore(dir);
}

async function withDatabase<T>(values: Values, config: AuditConfig, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const url = values['database-url'] ?? config.databaseUrl;
  if (url === undefined) throw new UsageError('no database: pass --database-url or set DATABASE_URL');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function report(results: readonly TenantVerification[], started: number, values: Values, context: AuditCommandContext): number {
  const failed = results.filter((r) => !r.ok).length;
  if (values.json === true) {
    context.stdout(`${JSON.stringify(results)}\n`);
  } else {
    for (const r of results) context.stdout(`${describeVerification(r)}\n`);
    const events = results.reduce((n, r) => n + r.eventsChecked, 0);
    const seconds = (performance.now() - started) / 1000;
    context.stdout(
      `${failed === 0 ? 'intact' : 'INTEGRITY FAILURE'}: ${results.length} tenants, ${events} events checked in ${seconds.toFixed(2)} s (${Math.round(events / Math.max(seconds, 1e-9))} events/s)\n`,
    );
  }
  return failed === 0 ? 0 : 1;
}

async function verifyLive(values: Values, config: AuditConfig, context: AuditCommandContext): Promise<number> {
  const store = checkpointStoreOf(values, config, context);
  const trustedKeys = trustedKeysOf(values, config, context);
  if (store === undefined) context.stderr('warning: no checkpoints given (--checkpoints): a truncated tail or a fully rewritten chain cannot be detected\n');
  else if (trustedKeys === undefined) throw new UsageError('checkpoints need a trusted public key: pass --public-key or set NAVCAST_AUDIT_PUBLIC_KEYS');
  const started = performance.now();
  const results = await withDatabase(values, config, (client) => verifyDatabase(client, { store, trustedKeys, tenantIds: tenantsOf(values) }));
  return report(results, started, values, context);
}

async function verifyOffline(values: Values, config: AuditConfig, context: AuditCommandContext): Promise<number> {
  if (values.tenant !== undefined || values['database-url'] !== undefined) throw new UsageError('--bundle verifies one exported tenant offline: no --tenant or --database-url');
  const trustedKeys = trustedKeysOf(values, config, context);
  const store = checkpointStoreOf(values, config, context);
  const started = performance.now();
  const bundle = resolve(context.cwd, values.bundle!);
  const result = await verifyBundle(bundle, {
    trustedKeys,
    checkpoints: store === undefined ? undefined : await store.list(await bundleTenant(bundle)),
  });
  if (result.keySource === 'bundle') context.stderr(`warning: trusting the bundle's own public keys ${result.keyIds.join(', ')}: pin the sealer's key with --public-key\n`);
  return report([result], started, values, context);
}

async function bundleTenant(dir: string): Promise<string> {
  const manifest = JSON.parse(readFileSync(resolve(dir, 'manifest.json'), 'utf8')) as { tenantId?: unknown };
  if (typeof manifest.tenantId !== 'string') throw new UsageError(`${dir}/manifest.json names no tenant`);
  return manifest.tenantId;
}

async function exportTenant(values: Values, config: AuditConfig, context: AuditCommandContext): Promise<number> {
  const tenants = tenantsOf(values);
  if (tenants?.length !== 1 || values.out === undefined) throw new UsageError('usage: navcast audit export --tenant ID --out DIR');
  const store = checkpointStoreOf(values, config, context);
  const publicKeys = [...(trustedKeysOf(values, config, context)?.values() ?? [])];
  const out = resolve(context.cwd, values.out);
  const manifest = await withDatabase(values, config, (client) => exportBundle(client, tenants[0], out, { store, publicKeys }));
  const checkpoints = Object.keys(manifest.files).filter((f) => f.startsWith('checkpoints/')).length;
  context.stdout(`exported tenant ${manifest.tenantId}: ${manifest.eventCount} events, ${checkpoints} checkpoints, ${publicKeys.length} public keys to ${out}\n`);
  return 0;
}

async function seal(values: Values, config: AuditConfig, context: AuditCommandContext): Promise<number> {
  const store = checkpointStoreOf(values, config, context);
  if (store === undefined) throw new UsageError('seal needs --checkpoints DIR or NAVCAST_AUDIT_CHECKPOINT_DIR');
  if (config.signingKey === undefined) throw new UsageError('seal needs NAVCAST_AUDIT_SIGNING_KEY or NAVCAST_AUDIT_SIGNING_KEY_FILE');
  const key = config.signingKey;
  const trustedKeys = trustedKeysOf(values, config, context);
  const outcomes = await withDatabase(values, config, (client) => sealTenants(client, { store, key, trustedKeys, tenantIds: tenantsOf(values) }));
  for (const o of outcomes) {
    if (o.status === 'sealed') context.stdout(`sealed  tenant ${o.tenantId}: tree size ${o.record.checkpoint.treeSize}, root ${o.record.checkpoint.merkleRoot.slice(0, 16)}…, key ${key.keyId}\n`);
    else if (o.status === 'refused') context.stdout(`REFUSED tenant ${o.tenantId}: ${o.failure.class} at ${o.failure.position}: ${o.failure.detail}\n`);
    else context.stdout(`${o.status.padEnd(7)} tenant ${o.tenantId}: tree size ${o.treeSize}\n`);
  }
  return outcomes.some((o) => o.status === 'refused') ? 1 : 0;
}

function keygen(values: Values, context: AuditCommandContext): number {
  if (values.out === undefined) throw new UsageError('usage: navcast audit keygen --out FILE');
  const key = generateSigningKey();
  writeFileSync(resolve(context.cwd, values.out), key.privateKeyPem, { flag: 'wx', mode: 0o600 });
  context.stdout(`wrote private key ${key.keyId} to ${values.out} (keep it out of the database and the repository)\npublic key:\n${publicKeyPem(key.publicKey)}`);
  return 0;
}
