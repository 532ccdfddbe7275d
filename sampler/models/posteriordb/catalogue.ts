/**
 * The reference posteriors: which factory, data and reference draws belong together, and
 * where a worker can import the factory from (for `sampleInWorkers`).
 */
import { NavcastError } from '../../../domain/errors.js';
import type { TargetFactory } from '../kit/index.js';
import { arK } from './arK.js';
import { arma11 } from './arma11.js';
import { blr } from './blr.js';
import { diamonds } from './diamonds.js';
import { eightSchoolsCentered, eightSchoolsNoncentered } from './eightSchools.js';
import { funnelCentered, funnelNoncentered } from './funnel.js';
import { garch11 } from './garch11.js';
import { gpPoisRegr } from './gpPoisRegr.js';
import { kilpisjarvi } from './kilpisjarvi.js';
import { lowDimGaussMix } from './lowDimGaussMix.js';

/** One reference posterior and how to build its target. */
export interface ReferencePosterior {
  /** posteriordb posterior name (`<data>-<model>`), or `funnel-*` for Neal's funnel. */
  readonly name: string;
  /** posteriordb data name (file `data/<dataName>.json.zip`); null where the model has no data. */
  readonly dataName: string | null;
  /** Reference draws to compare with (`draws/<referenceName>.json.zip`); null for the funnel. */
  readonly referenceName: string | null;
  /** Whether this is a funnel whose divergences must be reported. */
  readonly expectDivergences: boolean;
  readonly create: TargetFactory;
  /** Module URL and export name that build the same target inside a worker. */
  readonly module: string;
  readonly exportName: string;
}

function entry(name: string, dataName: string | null, referenceName: string | null, file: string, create: TargetFactory, expectDivergences = false): ReferencePosterior {
  return {
    name,
    dataName,
    referenceName,
    expectDivergences,
    create,
    module: new URL(`./${file}`, import.meta.url).href,
    exportName: create.name,
  };
}

// Module files are named by their .ts source; workers load them through the same loader.
/** Every reference posterior, in the order validation reports them. */
export const referencePosteriors: readonly ReferencePosterior[] = [
  entry('eight_schools-eight_schools_noncentered', 'eight_schools', 'eight_schools-eight_schools_noncentered', 'eightSchools.ts', eightSchoolsNoncentered),
  entry('eight_schools-eight_schools_centered', 'eight_schools', 'eight_schools-eight_schools_noncentered', 'eightSchools.ts', eightSchoolsCentered, true),
  entry('arK-arK', 'arK', 'arK-arK', 'arK.ts', arK),
  entry('arma-arma11', 'arma', 'arma-arma11', 'arma11.ts', arma11),
  entry('garch-garch11', 'garch', 'garch-garch11', 'garch11.ts', garch11),
  entry('kilpisjarvi_mod-kilpisjarvi', 'kilpisjarvi_mod', 'kilpisjarvi_mod-kilpisjarvi', 'kilpisjarvi.ts', kilpisjarvi),
  entry('low_dim_gauss_mix-low_dim_gauss_mix', 'low_dim_gauss_mix', 'low_dim_gauss_mix-low_dim_gauss_mix', 'lowDimGaussMix.ts', lowDimGaussMix),
  entry('gp_pois_regr-gp_pois_regr', 'gp_pois_regr', 'gp_pois_regr-gp_pois_regr', 'gpPoisRegr.ts', gpPoisRegr),
  entry('sblrc-blr', 'sblrc', 'sblrc-blr', 'blr.ts', blr),
  entry('sblri-blr', 'sblri', 'sblri-blr', 'blr.ts', blr),
  entry('diamonds-diamonds', 'diamonds', 'diamonds-diamonds', 'diamonds.ts', diamonds),
  entry('funnel-centered', null, null, 'funnel.ts', funnelCentered, true),
  entry('funnel-noncentered', null, null, 'funnel.ts', funnelNoncentered),
];

/** A reference posterior name that the catalogue does not know. */
export class UnknownPosteriorError extends NavcastError {
  readonly code = 'UNKNOWN_REFERENCE_POSTERIOR';
  readonly status = 404;
  constructor(name: string) {
    super(`unknown reference posterior ${name}`);
    this.name = 'UnknownPosteriorError';
  }
}

/** Looks a reference posterior up by name; throws when unknown. */
export function referencePosterior(name: string): ReferencePosterior {
  const found = referencePosteriors.find((p) => p.name === name);
  if (found === undefined) throw new UnknownPosteriorError(name);
  return found;
}
