/**
 * posteriordb files from test/fixtures/reference/posteriordb (see its PROVENANCE.md): model
 * data and reference draws on the constrained scale.
 */
import { readFileSync } from 'node:fs';
import { posteriordbDir } from '../kit/posteriordb.js';
import { readZipJson } from '../kit/zip.js';

/** Folder holding posteriordb's data/, draws/, info/ and posteriors/ (one place: test/kit/posteriordb.ts). */
export const posteriordbFolder = posteriordbDir;

/** The data object of a posteriordb data set (the one JSON object inside its zip). */
export function loadPosteriordbData(dataName: string): unknown {
  return readZipJson(`${posteriordbFolder}data/${dataName}.json.zip`);
}

/** Reference draws as parameter name -> chains x iterations (10 x 1000). */
export type ReferenceDraws = Map<string, Float64Array[]>;

/** Loads a reference posterior's draws, keyed by parameter name (e.g. `theta[1]`). */
export function loadReferenceDraws(referenceName: string): ReferenceDraws {
  const chains = readZipJson(`${posteriordbFolder}draws/${referenceName}.json.zip`) as Array<Record<string, number[]>>;
  const out: ReferenceDraws = new Map();
  for (const name of Object.keys(chains[0]))
    out.set(
      name,
      chains.map((chain) => Float64Array.from(chain[name])),
    );
  return out;
}

/** Sampler controls the reference draws were made with (rstan's adapt_delta and max_treedepth). */
export interface ReferenceControl {
  targetAcceptance: number;
  maxTreeDepth: number;
}

/** Reads `info/<referenceName>.info.json`; Stan's defaults fill what it leaves out. */
export function loadReferenceControl(referenceName: string): ReferenceControl {
  const info = JSON.parse(readFileSync(`${posteriordbFolder}info/${referenceName}.info.json`, 'utf8')) as {
    inference: { method_arguments: { control?: { adapt_delta?: number; max_treedepth?: number } } };
  };
  const control = info.inference.method_arguments.control ?? {};
  return { targetAcceptance: control.adapt_delta ?? 0.8, maxTreeDepth: control.max_treedepth ?? 10 };
}
