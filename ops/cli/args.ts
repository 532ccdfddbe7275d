import { NavcastError } from '../../domain/errors.js';
import { parseArgs } from 'node:util';

/** Wrong command-line usage: printed with the usage text, exit code 2. */
export class UsageError extends NavcastError {
  readonly code = 'usage';
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Option names a subcommand accepts (all take a value unless listed as flags). */
export interface OptionSpec {
  readonly values: readonly string[];
  readonly flags?: readonly string[];
}

/** Parses `--name value` options strictly: unknown options and stray words are usage errors. */
export function parseOptions(argv: readonly string[], spec: OptionSpec): Record<string, string | boolean | undefined> {
  const options: Record<string, { type: 'string' | 'boolean' }> = { 'database-url': { type: 'string' } };
  for (const name of spec.values) options[name] = { type: 'string' };
  for (const name of spec.flags ?? []) options[name] = { type: 'boolean' };
  try {
    const { values, positionals } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    return values;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError((error as Error).message);
  }
}

/** A required option's value, or a usage error naming it. */
export function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

/** The database URL from --database-url or DATABASE_URL. */
export function databaseUrl(values: Record<string, string | boolean | undefined>, env: Record<string, string | undefined>): string {
  const url = (values['database-url'] as string | undefined) ?? env.DATABASE_URL;
  if (url === undefined || url === '') throw new UsageError('no database: pass --database-url or set DATABASE_URL');
  return url;
}
