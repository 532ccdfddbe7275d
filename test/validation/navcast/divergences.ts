/**
 * Where the NAVcast fit's divergences come from (issue 5 note): `npx tsx test/validation/navcast/divergences.ts
 * [--week 104] [--funds 10] [--warmup 300] [--draws 300] [--target-acceptance 0.9] [--tight NAME]`.
 * For simulated buyout funds 1..funds, the window at `week` is fitted from its first-window start
 * (2 chains, the fit's target, metric and start). It prints the divergences per chain and, for
 * every global, the mean rank of the divergent transitions' draws within their chain (0.5 when
 * divergences are unrelated to the parameter; z is its deviation in standard errors).
 * `--tight NAME` replaces that global's prior by a normal with sd 0.01 at its default centre, to
 * test whether pinning it removes the divergences.
 */
import { navcastTarget, type NavcastPriors } from '../../../sampler/navcast/model/index.js';
import { DEFAULT_PRIORS, priorCentre } from '../../../sampler/navcast/model/priors.js';
import { FIT_PARAMETERISATION, firstWindowStart, inputAsOf, namedStream, prepareFund, PRESETS, priorMetric, runWindowChain, simulateFund } from '../../../sampler/navcast/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const week = Number(option('week', '104'));
const funds = Number(option('funds', '10'));
const warmup = Number(option('warmup', '300'));
const draws = Number(option('draws', '300'));
const targetAcceptance = Number(option('target-acceptance', '0.9'));
const tight = option('tight', '');
const navWhitened = args.includes('--nav-whitened') ? true : args.includes('--no-nav-whitened') ? false : undefined;
const NAMES = ['alpha', 'beta', 'F', 'lambda', 'sigmaN', 'delta', 'sigmaD', 'betaCF', 'sC'] as const;

const ranks = new Map<string, number[]>(NAMES.map((n) => [n, []]));
let divergences = 0;
for (let seed = 1; seed <= funds; seed++) {
  const prepared = prepareFund(inputAsOf(simulateFund(PRESETS.buyout, seed).input, week));
  const base = prepared.priors[tight] ?? DEFAULT_PRIORS[tight];
  if (tight !== '' && base === undefined) throw new Error(`--tight ${tight}: no such global (${Object.keys(DEFAULT_PRIORS).join(', ')})`);
  const priors: NavcastPriors = tight === '' ? prepared.priors : { ...prepared.priors, [tight]: { kind: 'normal', mean: priorCentre(base), sd: 0.01 } };
  const target = navcastTarget(prepared.fund, { tau: week, ...FIT_PARAMETERISATION, ...(navWhitened === undefined ? {} : { navWhitened }), priors });
  const line: string[] = [];
  for (let chain = 0; chain < 2; chain++) {
    const result = runWindowChain(target, {
      warmup,
      draws,
      seed: 7,
      chain,
      targetAcceptance,
      maxTreeDepth: 10,
      initialPoint: firstWindowStart(target, prepared.fund, priors, namedStream(7, `init:${chain}`)),
      inverseMetric: priorMetric(target),
    });
    const divergent = result.stats.divergent;
    const count = divergent.reduce((s, d) => s + d, 0);
    divergences += count;
    line.push(`${count} (step ${result.stepSize.toFixed(3)})`);
    const points = result.draws.map((q) => target.unpack(q));
    for (const name of NAMES) {
      const values = points.map((p) => p[name]);
      values.forEach((v, i) => divergent[i] && ranks.get(name)!.push(values.filter((x) => x < v).length / values.length));
    }
  }
  console.log(`fund ${seed}, week ${week}: divergences per chain ${line.join(', ')}`);
}
console.log(`divergences: ${divergences} of ${2 * funds * draws} transitions (target acceptance ${targetAcceptance}${tight ? `, ${tight} pinned` : ''})`);
for (const [name, r] of ranks) {
  const mean = r.reduce((s, x) => s + x, 0) / r.length;
  console.log(`  ${name.padEnd(7)} mean rank of divergent draws ${mean.toFixed(3)}  z ${((mean - 0.5) / Math.sqrt(1 / 12 / r.length)).toFixed(1)}`);
}
