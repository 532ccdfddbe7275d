/**
 * `npm run validate:navcast [-- --part sbc|coverage|case0|all|report] [--workers 2] [--out DIR] [--case0-dir DIR] [--quick]`: the slow NAVcast
 * validation of issue 5 items 8-10. Each part writes results/<part>.json; the markdown page
 * results/README.md is rebuilt from every part's JSON found. Run it under `nice`: it keeps
 * `--workers` threads busy for tens of minutes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runCase0, type Case0Settings } from './case0Study.js';
import { coverageFund, type CoverageSettings, type CoverageWindow } from './coverage.js';
import { runJobs } from './pool.js';
import { case0Section, coverageSection, sbcSection, type Case0Part, type CoveragePart, type RunInfo, type SbcPart } from './resultsMarkdown.js';
import type { SbcReplication, SbcSettings } from './sbc.js';

const { values } = parseArgs({
  options: {
    part: { type: 'string', default: 'all' },
    workers: { type: 'string', default: '2' },
    quick: { type: 'boolean', default: false },
    out: { type: 'string' },
    'case0-dir': { type: 'string' },
  },
});
const workers = Number(values.workers);
const RESULTS = values.out ? new URL(`file://${values.out.replace(/\/?$/, '/')}`) : new URL('./results/', import.meta.url);

/**
 * Sizes chosen to finish in about 40 minutes on 2 shared cores. SBC: 2 x (300 + 300) per
 * replication; ranks among 49 draws (every 12th), below the bulk ESS of the slowest globals
 * (100-300 per 400 draws in trial runs), so the kept draws are nearly independent.
 * Coverage: windows at 2, 4 and 6 years (plus a per-fund offset) of each fund, 2 x (250 + 200)
 * for the first window and 120 warm-up for the warm-started later ones (a fourth window at 8
 * years made a fund take 47 s instead of about 30 s in a trial). Case 0: every year and the
 * last week before liquidation (561), 4 chains x (500 + 500), 250 warm-up when warm-started
 * (2 x (300 + 300) took about a minute but left bulk ESS near 90 for sigma_n).
 */
const SBC: SbcSettings & { bins: number; replications: number } = { T: 156, chains: 2, warmup: 300, draws: 300, rankDraws: 49, bins: 10, replications: 100 };
const COVERAGE: CoverageSettings = {
  seeds: Array.from({ length: 50 }, (_, k) => 1 + k),
  windowWeeks: [104, 208, 312],
  chains: 2,
  workers,
  warmup: 250,
  warmupNext: 120,
  draws: 200,
};
const CASE0: Case0Settings = {
  // Relative to the repository root (npm run's working folder), so that results name no machine's path.
  dir: values['case0-dir'] ?? 'test/fixtures/reference/bgg-case0',
  windowWeeks: [...Array.from({ length: 10 }, (_, k) => 52 * (k + 1)), 561],
  chains: 4,
  workers,
  warmup: 500,
  warmupNext: 250,
  draws: 500,
  seed: 1,
};

/** --quick: a trial of the whole pipeline in a few minutes (write it elsewhere with --out). */
if (values.quick) {
  Object.assign(SBC, { warmup: 100, draws: 100, rankDraws: 19, bins: 4, replications: 4 });
  Object.assign(COVERAGE, { seeds: [1, 2], windowWeeks: [104, 130], warmup: 150, warmupNext: 80, draws: 100 });
  Object.assign(CASE0, { windowWeeks: [52, 104], warmup: 150, warmupNext: 80, draws: 100 });
}

function info(started: number): RunInfo {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  return { date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', commit, seconds: (performance.now() - started) / 1000, loadAverage: loadavg() };
}

const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function sbc(): Promise<SbcPart> {
  const started = performance.now();
  const { replications, bins, ...settings } = SBC;
  const seeds = Array.from({ length: replications }, (_, k) => 10_000 + k);
  const reps = await runJobs<number, SbcReplication>(new URL('./sbcWorker.ts', import.meta.url), seeds, workers, settings, (r, done) =>
    log(`sbc ${done}/${replications}: seed ${r.seed} ${r.seconds.toFixed(1)} s, ${r.divergences} divergences`),
  );
  return { info: info(started), settings: { ...settings, bins }, replications: reps };
}

async function coverage(): Promise<CoveragePart> {
  const started = performance.now();
  const windows: CoverageWindow[] = [];
  for (const seed of COVERAGE.seeds) {
    const t0 = performance.now();
    const rows = await coverageFund(seed, COVERAGE);
    windows.push(...rows);
    log(
      `coverage fund ${seed}: weeks ${rows.map((r) => r.week).join(', ')}, log errors ${rows.map((r) => Math.log(r.value.q50 / r.truth).toFixed(2)).join(', ')} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
  }
  return { info: info(started), settings: COVERAGE, windows };
}

async function case0(): Promise<Case0Part> {
  const started = performance.now();
  const result = await runCase0(CASE0);
  return { info: info(started), settings: CASE0, result };
}

const PARTS = { sbc, coverage, case0 } as const;
type PartName = keyof typeof PARTS;

mkdirSync(RESULTS, { recursive: true });
// --part report: only rebuild README.md from the JSON files already there.
const wanted = values.part === 'all' ? (Object.keys(PARTS) as PartName[]) : values.part === 'report' ? [] : [values.part as PartName];
for (const name of wanted) {
  if (!(name in PARTS)) throw new Error(`--part must be sbc, coverage, case0, all or report, got ${name}`);
  log(`${name}: starting`);
  const result = await PARTS[name]();
  writeFileSync(new URL(`${name}.json`, RESULTS), `${JSON.stringify(result)}\n`);
  log(`${name}: done in ${(result.info.seconds / 60).toFixed(1)} min`);
}

const read = <T>(name: string): T | null => (existsSync(new URL(`${name}.json`, RESULTS)) ? (JSON.parse(readFileSync(new URL(`${name}.json`, RESULTS), 'utf8')) as T) : null);
const sections = [
  ['sbc', (p: unknown) => sbcSection(p as SbcPart)],
  ['coverage', (p: unknown) => coverageSection(p as CoveragePart)],
  ['case0', (p: unknown) => case0Section(p as Case0Part)],
] as const;
const page = `# NAVcast validation results (issue 5 items 8-10)

Written by \`npm run validate:navcast\` (test/validation/navcast/validate.ts); the fast smoke subset is
test/validation/navcast/sbc.unit.spec.ts in the normal suite. Sizes and settings are in validate.ts.

${sections
  .map(([name, render]) => {
    const p = read(name);
    return p === null ? `## ${name}\n\nnot run yet\n` : render(p);
  })
  .join('\n')}`;
writeFileSync(new URL('README.md', RESULTS), page);
log(`wrote ${new URL('README.md', RESULTS).pathname}`);
