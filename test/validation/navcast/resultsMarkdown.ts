/** The validation results (JSON per part) as one markdown page, test/validation/navcast/results/README.md. */
import type { Case0Result, Case0Settings } from './case0Study.js';
import { coverageRows, logRmse, type CoverageSettings, type CoverageWindow } from './coverage.js';
import type { SbcReplication, SbcSettings } from './sbc.js';
import { analyseSbc, sbcTable } from './sbcAnalysis.js';

/** Where and when a part was measured. */
export interface RunInfo {
  readonly date: string;
  readonly commit: string;
  readonly seconds: number;
  readonly loadAverage: number[];
}

export interface SbcPart {
  readonly info: RunInfo;
  readonly settings: SbcSettings & { bins: number };
  readonly replications: SbcReplication[];
}
export interface CoveragePart {
  readonly info: RunInfo;
  readonly settings: CoverageSettings;
  readonly windows: CoverageWindow[];
}
export interface Case0Part {
  readonly info: RunInfo;
  readonly settings: Case0Settings;
  readonly result: Case0Result;
}

const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const infoLine = (i: RunInfo) =>
  `Measured ${i.date} at commit ${i.commit} in ${(i.seconds / 60).toFixed(1)} min (load average at the end ${i.loadAverage.map((x) => x.toFixed(1)).join(', ')} on 2 shared cores).`;

/** SBC section: settings, rank histograms with chi-square p-values, verdict (Bonferroni over the parameters). */
export function sbcSection(p: SbcPart): string {
  const s = p.settings;
  const results = analyseSbc(p.replications, s.rankDraws, s.bins);
  const alpha = 0.05 / results.length;
  const reps = p.replications;
  const count = (test: (r: SbcReplication) => boolean) => reps.filter(test).length;
  const divergences = reps.map((r) => r.divergences).sort((a, b) => a - b);
  return `## Simulation-based calibration (item 8)

${infoLine(p.info)}

${p.replications.length} replications: globals drawn from the default priors (b.2), a buyout fund of T = ${s.T} weeks simulated from them
(c.2; the simulator's h passed to the fit, no secondary prices), the window at week ${s.T} fitted with ${s.chains} chains x
(${s.warmup} warm-up + ${s.draws} draws). Rank of the truth among ${s.rankDraws} thinned draws (every ${Math.floor((s.chains * s.draws) / s.rankDraws)}th), ${s.bins} bins;
Pearson chi-square test of equal bins (df ${s.bins - 1}). Sampler health over the replications: divergences per replication median
${divergences[Math.floor(divergences.length / 2)]}, max ${divergences[divergences.length - 1]}; ${count((r) => r.divergences > 0)} with any, ${count((r) => r.divergences > 10)} with more than 10;
${count((r) => r.maxRhat > 1.05)} with R-hat over 1.05 (worst ${f(Math.max(...reps.map((r) => r.maxRhat)))}), ${count((r) => r.minEssBulk < 50)} with a bulk ESS under 50.

${sbcTable(results)}

Verdict at family-wise 5% (Bonferroni, p > ${f(alpha, 4)} each): ${
    results.every((r) => r.pValue > alpha)
      ? 'no parameter rejects uniform ranks'
      : `non-uniform: ${results
          .filter((r) => r.pValue <= alpha)
          .map((r) => r.parameter)
          .join(', ')}`
  }.
`;
}

/** Coverage section: interval coverage at 50/80/90% and log RMSE of the median against the naive nowcast and the last NAV. */
export function coverageSection(p: CoveragePart): string {
  const s = p.settings;
  const rows = coverageRows(p.windows);
  const median = logRmse(p.windows, (r) => r.value.q50),
    naive = logRmse(p.windows, (r) => r.naive),
    nav = logRmse(p.windows, (r) => r.lastNav);
  const byWeek = s.windowWeeks.map((w, k) => {
    const at = p.windows.filter((w) => w.windowIndex === k);
    const [c50, c80, c90] = coverageRows(at).map((r) => f(r.coverage, 2));
    return `| ${w}-${w + 12} | ${at.length} | ${c50} | ${c80} | ${c90} | ${f(logRmse(at, (r) => r.value.q50).rmse)} | ${f(logRmse(at, (r) => r.naive).rmse)} | ${f(logRmse(at, (r) => r.lastNav).rmse)} |`;
  });
  const divergent = p.windows.filter((w) => w.divergences > 0).length;
  return `## Coverage on simulated buyout funds (item 9)

${infoLine(p.info)}

${s.seeds.length} buyout funds (preset c.1, seeds ${s.seeds[0]}-${s.seeds[s.seeds.length - 1]}), each fitted by \`navcast fit\`'s code (OLS + GARCH from the simulated
pre-inception history) at weeks ${s.windowWeeks.join(', ')} plus a per-fund offset of 0-12 weeks: ${p.windows.length} window ends, ${s.chains} chains,
${s.warmup} warm-up (${s.warmupNext} for warm-started windows) + ${s.draws} draws. Windows with divergences: ${divergent}; worst R-hat ${f(Math.max(...p.windows.map((w) => w.maxRhat)))}; lowest bulk ESS ${f(Math.min(...p.windows.map((w) => w.minEssBulk)), 0)}.

| nominal | covered | windows | coverage | s.e. | within 7 pp |
| --- | --- | --- | --- | --- | --- |
${rows.map((r) => `| ${f(r.nominal, 2)} | ${r.covered} | ${r.windows} | ${f(r.coverage, 3)} | ${f(r.se, 3)} | ${r.pass ? 'yes' : 'NO'} |`).join('\n')}

RMSE of log(estimate / true value) at the window ends: posterior median ${f(median.rmse)} (n ${median.n}), naive nowcast ${f(naive.rmse)} (n ${naive.n}),
last published NAV ${f(nav.rmse)} (n ${nav.n}). Posterior median beats the naive nowcast: ${median.rmse < naive.rmse ? 'yes' : 'NO'}.

| window weeks | windows | cover 50% | cover 80% | cover 90% | RMSE median | RMSE naive | RMSE last NAV |
| --- | --- | --- | --- | --- | --- | --- | --- |
${byWeek.join('\n')}
`;
}

/** Case-0 section: parameters next to truth and the published MLE, real-time nowcasts, revised path. */
export function case0Section(p: Case0Part): string {
  const r = p.result;
  const s = p.settings;
  const params = r.parameters.map(
    (x) =>
      `| ${x.name} | ${x.truth} | ${x.publishedMl} | ${f(x.posterior.mean)} | ${f(x.posterior.q5)} - ${f(x.posterior.q95)} | ${x.covers ? 'yes' : 'no'} | ${f(x.posterior.rhat)} | ${f(x.posterior.essBulk, 0)} |`,
  );
  const wins = r.windows.map(
    (w) =>
      `| ${w.week} | ${f(w.truth)} | ${f(w.q50)} | ${f(w.q5)} - ${f(w.q95)} | ${f(Math.log(w.q50 / w.truth))} | ${f(Math.log(w.naive / w.truth))} | ${w.lastNav === null ? 'n/a' : f(Math.log(w.lastNav / w.truth))} | ${w.divergences} | ${f(w.maxRhat)} | ${f(w.minEssBulk, 0)} |`,
  );
  const rmse = (g: (w: (typeof r.windows)[number]) => number | null) => {
    const e = r.windows.flatMap((w) => {
      const v = g(w);
      return v === null ? [] : [Math.log(v / w.truth)];
    });
    return Math.sqrt(e.reduce((a, x) => a + x * x, 0) / e.length);
  };
  return `## The paper's Case-0 fund (item 10)

${infoLine(p.info)}

Brown, Ghysels and Gredil (2023) Figure-1 fund (test/fixtures/reference/bgg-case0; h from the authors' sqrt_ht, NAVs available 13 weeks after
their value date), fitted by \`navcast fit\`'s code at weeks ${s.windowWeeks.join(', ')} (${s.chains} chains, ${s.warmup} warm-up, ${s.warmupNext} for
warm-started windows, ${s.draws} draws). Parameters from the last window (week ${s.windowWeeks[s.windowWeeks.length - 1]}):

| parameter | truth | published MLE | posterior mean | 90% interval | covers truth | R-hat | bulk ESS |
| --- | --- | --- | --- | --- | --- | --- | --- |
${params.join('\n')}

Real-time nowcasts (value in units of the first call; errors are log(estimate / true value)):

| week | true value | median | 90% interval | error median | error naive | error last NAV | divergences | R-hat | ESS |
| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |
${wins.join('\n')}

RMSE over these windows: posterior median ${f(rmse((w) => w.q50))}, naive ${f(rmse((w) => w.naive))}, last NAV ${f(rmse((w) => w.lastNav))}.
Revised path of the last window against the true path (weeks 1-${r.revised.weeks}): log RMSE ${f(r.revised.logRmse)} (naive path ${f(r.revised.naiveLogRmse)}),
90% band covers the true value in ${f(100 * r.revised.coverage90, 1)}% of weeks.
`;
}
