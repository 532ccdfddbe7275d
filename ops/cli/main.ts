/**
 * The `navcast` command line (installed as the package's bin, see ops/bin/navcast.js).
 * Every subcommand takes --database-url or DATABASE_URL (the migration owner's URL).
 * Results go to stdout as JSON; errors to stderr. Exit codes: 0 success, 1 failure,
 * 2 wrong usage.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../db/migrate.js';
import { runAuditCommand } from './audit.js';
import { databaseUrl, parseOptions, required, UsageError } from './args.js';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { modelConfigSchema, parseModelConfig } from '../../domain/runs/index.js';
import { identityHashes, template, uploadMarket, uploadWorkbook, type CliOutcome } from './funds.js';
import { bootstrapPlatform, createOrganization, inviteUser } from './organizations.js';
import { NAVCAST_MODEL_COMMANDS, navcastUsage, runNavcastModelCommand } from './navcast.js';
import { auditReplay } from './replay.js';
import { graceOption, sweepOrphanBlobs } from './blobs.js';

export const usage = `usage: navcast <command> [options]   (every command: --database-url URL or DATABASE_URL)
  db migrate
  admin bootstrap --email E --password P
  org create --name N
  user invite --org ID --email E --role viewer|member|org_admin [--password P]
  audit verify [--tenant ID]... [--checkpoints DIR] [--public-key FILE]... [--json]
  audit verify --bundle DIR [--checkpoints DIR] [--public-key FILE]...
  audit export --tenant ID --out DIR [--checkpoints DIR]
  audit seal [--tenant ID]... [--checkpoints DIR]
  audit keygen --out FILE
  audit replay [--as-of SEQ] [--tenant ID] [--keep]
  upload --org ID --as EMAIL --file PATH [--blobs DIR]   (blobs: NAVCAST_BLOB_DIR or .navcast/blobs)
  identity --org ID --filename F [--fund NAME]           (no database needed)
  template --out FILE.xlsx|FILE.csv                      (no database needed)
  config --schema                                        (the model configuration's JSON Schema; no database)
  config --check FILE                                    (parses a configuration, prints it with its config hash)
  market upload --file CSV                               (series_id,date,value)
  blobs sweep [--dry-run] [--grace-s N] [--blobs DIR]    (remove stored files no event refers to)
model commands (no database):
${navcastUsage}`;

type Env = Record<string, string | undefined>;

function print(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function seqOption(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seq = Number(value);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new UsageError('--as-of must be a non-negative integer (a tenant sequence number)');
  return seq;
}

function finish(outcome: CliOutcome): number {
  if (outcome.stdout !== undefined) print(outcome.stdout);
  if (outcome.stderr !== undefined) process.stderr.write(outcome.stderr);
  return outcome.exitCode;
}

function blobDir(values: Record<string, string | boolean | undefined>, env: Env): string {
  const dir = (values.blobs as string | undefined) ?? env.NAVCAST_BLOB_DIR ?? resolve(env.NAVCAST_DATA_DIR ?? '.navcast', 'blobs');
  return resolve(dir);
}

/** Subcommands that are one word (fund commands); undefined when `group` is not one. */
async function runSingleWord(group: string | undefined, rest: string[], env: Env): Promise<number | undefined> {
  switch (group) {
    case 'upload': {
      const o = parseOptions(rest, { values: ['org', 'as', 'file', 'blobs'] });
      return finish(await uploadWorkbook(databaseUrl(o, env), required(o, 'org'), required(o, 'as'), required(o, 'file'), blobDir(o, env)));
    }
    case 'identity': {
      const o = parseOptions(rest, { values: ['org', 'filename', 'fund'] });
      print(identityHashes(required(o, 'org'), required(o, 'filename'), o.fund as string | undefined));
      return 0;
    }
    case 'template': {
      const o = parseOptions(rest, { values: ['out'] });
      print(await template(required(o, 'out')));
      return 0;
    }
    case 'config': {
      const o = parseOptions(rest, { values: ['check'], flags: ['schema'] });
      if (o.schema === true) print(z.toJSONSchema(modelConfigSchema, { io: 'input' }));
      else print(parseModelConfig(JSON.parse(await readFile(required(o, 'check'), 'utf8'))));
      return 0;
    }
    default:
      return undefined;
  }
}

/** Runs one CLI invocation; returns the exit code. */
export async function runCli(argv: string[], env: Env = process.env): Promise<number> {
  if (argv.length === 1 && ['help', '--help', '-h'].includes(argv[0])) {
    process.stdout.write(usage);
    return 0;
  }
  const single = await runSingleWord(argv[0], argv.slice(1), env);
  if (single !== undefined) return single;
  const [group, action, ...rest] = argv;
  if (NAVCAST_MODEL_COMMANDS.includes(group)) return await runNavcastModelCommand(argv);
  const command = `${group ?? ''} ${action ?? ''}`.trim();
  switch (command) {
    case 'db migrate': {
      const o = parseOptions(rest, { values: [] });
      print({ applied: await migrate(databaseUrl(o, env)) });
      return 0;
    }
    case 'admin bootstrap': {
      const o = parseOptions(rest, { values: ['email', 'password'] });
      print(await bootstrapPlatform(databaseUrl(o, env), required(o, 'email'), required(o, 'password')));
      return 0;
    }
    case 'org create': {
      const o = parseOptions(rest, { values: ['name'] });
      print(await createOrganization(databaseUrl(o, env), required(o, 'name')));
      return 0;
    }
    case 'user invite': {
      const o = parseOptions(rest, { values: ['org', 'email', 'role', 'password'] });
      const password = o.password as string | undefined;
      print(await inviteUser(databaseUrl(o, env), required(o, 'org'), required(o, 'email'), required(o, 'role'), password));
      return 0;
    }
    case 'audit replay': {
      const o = parseOptions(rest, { values: ['as-of', 'tenant'], flags: ['keep'] });
      const tenant = o.tenant as string | undefined;
      const { report, failed } = await auditReplay(databaseUrl(o, env), { asOfSeq: seqOption(o['as-of']), tenant, keep: o.keep === true });
      print(report);
      if (failed) process.stderr.write('navcast: audit replay found differences between the log and the live read models\n');
      return failed ? 1 : 0;
    }
    case 'market upload': {
      const o = parseOptions(rest, { values: ['file'] });
      return finish(await uploadMarket(databaseUrl(o, env), required(o, 'file')));
    }
    case 'blobs sweep': {
      const o = parseOptions(rest, { values: ['grace-s', 'blobs'], flags: ['dry-run'] });
      print(await sweepOrphanBlobs(databaseUrl(o, env), blobDir(o, env), { dryRun: o['dry-run'] === true, graceMs: graceOption(o['grace-s']) }));
      return 0;
    }
    case 'audit verify':
    case 'audit export':
    case 'audit seal':
    case 'audit keygen':
      // The auditor's commands (ops/cli/audit.ts) print their own results and errors.
      return await runAuditCommand([action, ...rest]);
    default:
      throw new UsageError(command === '' ? 'no command given' : `unknown command: ${command}`);
  }
}

/** Runs the CLI and maps errors to stderr and an exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await runCli(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`navcast: ${error.message}\n${usage}`);
      return 2;
    }
    const code = (error as { code?: unknown }).code;
    const prefix = typeof code === 'string' ? `${code}: ` : '';
    process.stderr.write(`navcast: ${prefix}${(error as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
