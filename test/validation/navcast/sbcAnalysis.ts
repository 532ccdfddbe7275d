/** SBC results as tests and tables: binned rank counts per parameter and a chi-square test of uniformity. */
import { SBC_PARAMETERS, type SbcParameter, type SbcReplication } from './sbc.js';
import { binRanks, chiSquareUniform, type ChiSquareTest } from './stats.js';

/** The rank histogram of one parameter and its test. */
export interface SbcParameterResult extends ChiSquareTest {
  readonly parameter: SbcParameter;
  readonly counts: number[];
  /** Mean rank / L: 0.5 when calibrated; below when the posterior sits above the truth. */
  readonly meanRankFraction: number;
}

/** Rank histograms with `bins` bins of ranks 0..rankDraws, one test per parameter. */
export function analyseSbc(replications: readonly SbcReplication[], rankDraws: number, bins: number): SbcParameterResult[] {
  return SBC_PARAMETERS.map((parameter) => {
    const ranks = replications.map((r) => r.ranks[parameter]);
    const counts = binRanks(ranks, rankDraws, bins);
    const meanRankFraction = ranks.reduce((s, x) => s + x, 0) / ranks.length / rankDraws;
    return { parameter, counts, meanRankFraction, ...chiSquareUniform(counts) };
  });
}

/** Markdown table of an SBC analysis. */
export function sbcTable(results: readonly SbcParameterResult[]): string {
  const rows = results.map((r) => `| ${r.parameter} | ${r.counts.join(' ')} | ${r.meanRankFraction.toFixed(3)} | ${r.statistic.toFixed(2)} | ${r.df} | ${r.pValue.toPrecision(3)} |`);
  return ['| parameter | rank histogram (bin counts) | mean rank / L | chi-square | df | p-value |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
