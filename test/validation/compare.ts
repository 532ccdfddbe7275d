/**
 * The comparison of new draws with a reference, per parameter on the constrained scale
 * (posteriordb's reference-posterior definition, test/fixtures/reference/PROVENANCE.md; docs/nuts.md section 4.3):
 *   z = (estimate_new - estimate_ref) / sqrt(mcse_new^2 + mcse_ref^2)
 * for the mean and the 5%, 50% and 95% quantiles, with |z| < 3.5; sd ratio in 0.9..1.1;
 * R-hat < 1.01; bulk and tail ESS > 400.
 */
import { mcseMean, mcseQuantile, mcseSd, summarizeParameter } from '../../sampler/nuts/diagnostics/index.js';

/** Criteria of the posteriordb README. */
export const CRITERIA = { zLimit: 3.5, sdRatio: [0.9, 1.1], rhatBelow: 1.01, essAbove: 400 } as const;

/** Probabilities of the compared quantiles. */
export const QUANTILE_PROBABILITIES = [0.05, 0.5, 0.95] as const;

/** Reference estimates and their Monte Carlo standard errors (0 for exact values). */
export interface ReferenceEstimates {
  mean: number;
  mcseMean: number;
  /** NaN where the sd is not compared (e.g. the funnel's heavy-tailed x). */
  sd: number;
  mcseSd: number;
  /** At QUANTILE_PROBABILITIES; NaN entries are not compared. */
  quantiles: number[];
  mcseQuantiles: number[];
}

/** One parameter's comparison; `failures` lists every criterion it misses. */
export interface ParameterComparison {
  name: string;
  mean: number;
  referenceMean: number;
  zMean: number;
  sdRatio: number;
  zSd: number;
  zQuantiles: number[];
  rhat: number;
  essBulk: number;
  essTail: number;
  failures: string[];
}

/** Estimates from reference draws (chains x iterations), MCSEs by posterior's methods. */
export function referenceEstimates(draws: Float64Array[]): ReferenceEstimates {
  const summary = summarizeParameter(draws);
  return {
    mean: summary.mean,
    mcseMean: summary.mcseMean,
    sd: summary.sd,
    mcseSd: summary.mcseSd,
    quantiles: [summary.q5, summary.median, summary.q95],
    mcseQuantiles: QUANTILE_PROBABILITIES.map((p) => mcseQuantile(draws, p)),
  };
}

function zScore(estimate: number, reference: number, mcse: number, referenceMcse: number): number {
  return (estimate - reference) / Math.sqrt(mcse * mcse + referenceMcse * referenceMcse);
}

/** Compares new draws (chains x iterations) of one parameter with its reference. */
export function compareParameter(name: string, draws: Float64Array[], reference: ReferenceEstimates): ParameterComparison {
  const s = summarizeParameter(draws);
  const quantiles = [s.q5, s.median, s.q95];
  const zMean = zScore(s.mean, reference.mean, mcseMean(draws), reference.mcseMean);
  const zQuantiles = QUANTILE_PROBABILITIES.map((p, i) =>
    Number.isNaN(reference.quantiles[i]) ? Number.NaN : zScore(quantiles[i], reference.quantiles[i], mcseQuantile(draws, p), reference.mcseQuantiles[i]),
  );
  const sdRatio = s.sd / reference.sd;
  const failures: string[] = [];
  if (!(Math.abs(zMean) < CRITERIA.zLimit)) failures.push(`z(mean) = ${zMean.toFixed(2)}`);
  zQuantiles.forEach((z, i) => {
    if (!Number.isNaN(reference.quantiles[i]) && !(Math.abs(z) < CRITERIA.zLimit)) {
      failures.push(`z(q${QUANTILE_PROBABILITIES[i] * 100}) = ${z.toFixed(2)}`);
    }
  });
  if (!Number.isNaN(reference.sd) && !(sdRatio >= CRITERIA.sdRatio[0] && sdRatio <= CRITERIA.sdRatio[1])) {
    failures.push(`sd ratio = ${sdRatio.toFixed(3)}`);
  }
  if (!(s.rhat < CRITERIA.rhatBelow)) failures.push(`R-hat = ${s.rhat.toFixed(4)}`);
  if (!(s.essBulk > CRITERIA.essAbove)) failures.push(`bulk ESS = ${s.essBulk.toFixed(0)}`);
  if (!(s.essTail > CRITERIA.essAbove)) failures.push(`tail ESS = ${s.essTail.toFixed(0)}`);
  return {
    name,
    mean: s.mean,
    referenceMean: reference.mean,
    zMean,
    sdRatio,
    zSd: zScore(s.sd, reference.sd, mcseSd(draws), reference.mcseSd),
    zQuantiles,
    rhat: s.rhat,
    essBulk: s.essBulk,
    essTail: s.essTail,
    failures,
  };
}
