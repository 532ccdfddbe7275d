/**
 * Access to the posteriordb reference set in test/fixtures/reference/posteriordb (see its
 * PROVENANCE.md): reference draws and the diagnostics stored with them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readZipJson } from './zip.js';

/** Absolute path of the posteriordb reference folder. */
export const posteriordbDir = fileURLToPath(new URL('../fixtures/reference/posteriordb/', import.meta.url));

/** Missing or malformed reference files, with a stable code. */
export class ReferenceDataError extends Error {
  readonly code: 'REFERENCE_DATA_MISSING' | 'REFERENCE_DATA_INVALID';

  constructor(code: ReferenceDataError['code'], message: string) {
    super(message);
    this.name = 'ReferenceDataError';
    this.code = code;
  }
}

/** Reference draws: one object per chain from parameter name (e.g. `theta[1]`) to its draws. */
export type ReferenceDraws = Record<string, number[]>[];

/** Per-parameter diagnostics that posterior computed for a reference posterior. */
export interface ReferenceInfo {
  readonly name: string;
  readonly parameters: readonly string[];
  readonly essBulk: readonly number[];
  readonly essTail: readonly number[];
  readonly rhat: readonly number[];
  readonly nChains: number;
  readonly nDraws: number;
}

function requireFolder(): void {
  if (!existsSync(posteriordbDir)) {
    throw new ReferenceDataError('REFERENCE_DATA_MISSING', `posteriordb reference folder missing at ${posteriordbDir} (test/fixtures/reference/posteriordb, committed with the repository)`);
  }
}

/** Names of the reference posteriors that have an info file (e.g. `arma-arma11`). */
export function referenceNames(): string[] {
  requireFolder();
  return readdirSync(`${posteriordbDir}info`)
    .filter((f) => f.endsWith('.info.json'))
    .map((f) => f.slice(0, -'.info.json'.length))
    .sort();
}

function numbers(value: unknown, what: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number')) throw new ReferenceDataError('REFERENCE_DATA_INVALID', `${what} is not a number array`);
  return value as number[];
}

/** Reads `info/<name>.info.json`: names and the bulk ESS, tail ESS and R-hat stored per parameter. */
export function readReferenceInfo(name: string): ReferenceInfo {
  requireFolder();
  const info = JSON.parse(readFileSync(`${posteriordbDir}info/${name}.info.json`, 'utf8')) as {
    diagnostics: Record<string, unknown> & { diagnostic_information: { names: unknown } };
  };
  const d = info.diagnostics;
  const parameters = d.diagnostic_information.names;
  if (!Array.isArray(parameters) || !parameters.every((p) => typeof p === 'string')) throw new ReferenceDataError('REFERENCE_DATA_INVALID', `${name}: bad names`);
  return {
    name,
    parameters,
    essBulk: numbers(d.effective_sample_size_bulk, `${name} bulk ESS`),
    essTail: numbers(d.effective_sample_size_tail, `${name} tail ESS`),
    rhat: numbers(d.r_hat, `${name} R-hat`),
    nChains: Number(d.nchains),
    nDraws: Number(d.ndraws),
  };
}

/** Reads `draws/<name>.json.zip`. */
export function readReferenceDraws(name: string): ReferenceDraws {
  requireFolder();
  const draws = readZipJson(`${posteriordbDir}draws/${name}.json.zip`);
  if (!Array.isArray(draws) || draws.length === 0) throw new ReferenceDataError('REFERENCE_DATA_INVALID', `${name}: reference draws are not a list of chains`);
  return draws as ReferenceDraws;
}

/** One parameter's reference draws as chains x iterations. */
export function parameterChains(draws: ReferenceDraws, parameter: string): number[][] {
  return draws.map((chain, c) => {
    const values = chain[parameter];
    if (values === undefined) throw new ReferenceDataError('REFERENCE_DATA_INVALID', `chain ${c} has no parameter ${parameter}`);
    return values;
  });
}
