/**
 * One error root: every error class of the product (found by reading the source tree, so a
 * new one is checked without being listed here) extends NavcastError, carries a code and an
 * HTTP status, and becomes a problem+json that names its code with that status. The web
 * layer maps by class (web/problems.ts), not by a table of names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NavcastError } from '../../domain/errors.js';
import { toProblem } from '../../web/problems.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LAYERS = ['domain', 'commands', 'projections', 'read-models', 'sampler', 'web', 'addin', 'ops'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'testdata' ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.(spec|d)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** Every class of the product that extends Error or an *Error / HttpProblem class. */
const declared = LAYERS.flatMap((layer) =>
  sources(join(root, layer)).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^(export )?(?:abstract )?class (\w+) extends (\w+)/gm)]
      .filter((m) => /Error$|^HttpProblem$/.test(m[3]) || /Error$/.test(m[2]))
      .map((m) => ({ file: relative(root, file), exported: m[1] !== undefined, name: m[2], parent: m[3] })),
  ),
);

/** Constructor arguments for classes whose constructor is not (message). */
const ARGUMENTS: Record<string, unknown[]> = {
  HttpProblem: [418, 'teapot_probe', 'a probe'],
  ConcurrencyError: ['probe-1', 0, 1],
  ReadModelRowError: ['probe_table', 'bad row'],
  ModelDataError: ['probe', 'bad data'],
  UndeclaredAccessError: ['GET', '/probe'],
  FundInputError: [['bad input']],
  FitConfigError: [['chains: too big']],
  ModelConfigError: [['fit.chains: too big']],
  ModelConfigRuleError: ['model_config_retired', 'a probe'],
  AliasCycleError: [['a', 'b', 'a']],
  NavcastModelError: ['NAVCAST_DATA_INVALID', ['bad data']],
  OidcRefusal: ['oidc_state_invalid'],
};

describe('one error root', () => {
  it('finds the error classes of the product', () => {
    expect(declared.length).toBeGreaterThan(50);
  });

  it('has no error class that extends bare Error', () => {
    expect(declared.filter((c) => c.parent === 'Error' && c.name !== 'NavcastError').map((c) => `${c.file}: ${c.name}`)).toEqual([]);
  });

  it("leaves out of the root only the API client's error, which reports a server's problem to a caller", () => {
    // client/ may import nothing of ours (it runs in Excel); its error is not raised by the product, it carries a problem the product sent.
    const clientErrors = sources(join(root, 'client')).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/^export class (\w+) extends (\w+)/gm)].map((m) => `${m[1]} extends ${m[2]}`));
    expect(clientErrors).toEqual(['NavcastApiError extends Error']);
  });

  it.each(
    declared.filter((c) => c.exported && c.name !== 'NavcastError').map((c) => [c.name, c.file] as const),
  )('%s (%s) extends NavcastError with a code and a status, and answers problem+json with both', async (name, file) => {
    const module = (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>;
    const Class = module[name] as (new (...args: unknown[]) => NavcastError) | undefined;
    expect(Class, `${name} is exported by ${file}`).toBeTypeOf('function');
    expect((Class as { prototype: unknown }).prototype instanceof NavcastError).toBe(true);
    if (Object.getOwnPropertyNames(Class).includes('prototype') && (name === 'OrganizationRuleError' || name === 'InvalidDocumentError')) return; // a base: its subclasses are checked
    const error = new (Class as new (...args: unknown[]) => NavcastError)(...(ARGUMENTS[name] ?? ['a probe message', 'b', 'c']));
    expect(typeof error.code === 'string' && error.code.length > 0, `${name} has a code`).toBe(true);
    expect(Number.isInteger(error.status) && error.status >= 400 && error.status <= 599, `${name} status ${error.status}`).toBe(true);
    const problem = toProblem(error);
    expect(problem).toMatchObject({ status: error.status, code: error.code, type: `urn:navcast:problem:${error.code}` });
    if (error.status < 500) expect(problem.detail).toBe(error.message);
    else if (error.status !== 503) expect(problem.detail).not.toContain('a probe message');
  });

  it('maps by class: a password that breaks the policy is a 400 with what to do, not a 500', async () => {
    const { PasswordPolicyError } = await import('../../commands/organizations/index.js');
    expect(toProblem(new PasswordPolicyError('use at least 12 characters'))).toMatchObject({ status: 400, code: 'password_policy', detail: 'use at least 12 characters' });
  });
});
