/**
 * The data-generating process of docs/navcast-model.md (c.2): a fund drawn from known parameters
 * with exactly the model of (b), plus exogenous cash-flow timing. Every noise source has its
 * own named stream, so changing one setting leaves unrelated noise unchanged.
 */
import { betaVariate } from './gammaBeta.js';
import type { FundInput } from '../data/input.js';
import { rateAt, type SimulationEnvironment, type SimulationParameters, type SimulationPreset } from './presets.js';
import { streamSet } from '../model/streams.js';

/** What the simulator knows and the fit must recover (money in currency units). */
export interface SimulationTruth {
  readonly preset: string;
  readonly seed: number;
  readonly parameters: SimulationParameters;
  /** Weeks 0..T: value after flows (0 in the liquidating week), weekly log return r_t, shock e_t, log appraisal bias B_t, variance h_t, smoothing lambda_t. */
  readonly V: number[];
  readonly r: number[];
  readonly e: number[];
  readonly B: number[];
  readonly h: number[];
  readonly lambdaT: number[];
}

/** A simulated fund: the input file's content and the truth behind it. */
export interface SimulatedFund {
  readonly input: FundInput;
  readonly truth: SimulationTruth;
}

const logit = (p: number) => Math.log(p / (1 - p));
const round = (x: number) => Number(x.toPrecision(15));

/** Expected distributed fraction at week t (b.1): clamp(delta0 + delta * min(t/52, 12), 1e-6, 0.99). */
function expectedFraction(delta: number, delta0: number, t: number): number {
  return Math.min(0.99, Math.max(1e-6, delta0 + delta * Math.min(t / 52, 12)));
}

/** Pre-inception returns and the GARCH state they leave at week 0. */
function simulateHistory(env: SimulationEnvironment, p: SimulationParameters, stream: ReturnType<typeof streamSet>) {
  const omega = env.hBar * (1 - env.garchA - env.garchB);
  const rm: number[] = [];
  const rc: number[] = [];
  let h = env.hBar,
    xi = 0;
  const totalLoad = Math.sqrt(p.betaCF ** 2 + p.sC ** 2);
  for (let k = 0; k < env.historyWeeks; k++) {
    h = omega + env.garchA * xi * xi + env.garchB * h;
    const m = env.marketMean + env.marketSd * stream('historyMarket').normal();
    xi = Math.sqrt(h) * totalLoad * stream('historyComp').normal();
    rm.push(m);
    rc.push(p.alphaC + p.betaCM * m + xi);
  }
  return { rm, rc, h, xi };
}

/** Draws one fund from `preset` with `seed` (integer in [0, 2^53)). */
export function simulateFund(preset: SimulationPreset, seed: number): SimulatedFund {
  const { parameters: p, environment: env } = preset;
  const stream = streamSet(seed);
  const T = env.T;
  const n = T + 1;
  const omega = env.hBar * (1 - env.garchA - env.garchB);
  const history = simulateHistory(env, p, stream);
  let hPrev = history.h,
    xiPrev = history.xi;
  const rm = new Array<number | null>(n).fill(null);
  const rc = new Array<number | null>(n).fill(null);
  const C = new Array<number>(n).fill(0),
    D = new Array<number>(n).fill(0);
  const V = new Array<number>(n).fill(0),
    r = new Array<number>(n).fill(0),
    e = new Array<number>(n).fill(0);
  const B = new Array<number>(n).fill(0),
    h = new Array<number>(n).fill(env.hBar),
    lambdaT = new Array<number>(n).fill(0);
  C[0] = env.firstCall;
  V[0] = C[0];
  let unfunded = 1 - C[0];
  for (let t = 1; t <= T; t++) {
    const age = t / 52;
    // One draw per week from each timing stream keeps them aligned whatever happens.
    const zMarket = stream('market').normal(),
      zShock = stream('shock').normal(),
      zComp = stream('comp').normal();
    const uCall = stream('callTime').uniform(),
      uDist = stream('distTime').uniform(),
      zDist = stream('distSize').normal();
    const crash = env.crash;
    const inCrash = crash !== null && t >= crash.startWeek && t < crash.startWeek + crash.weeks;
    const m = inCrash ? crash.logReturn / crash.weeks : env.marketMean + env.marketSd * zMarket;
    rm[t] = m;
    h[t] = env.comparable ? omega + env.garchA * xiPrev ** 2 + env.garchB * hPrev : env.hBar;
    e[t] = zShock;
    const xi = Math.sqrt(h[t]) * (p.betaCF * zShock + p.sC * zComp);
    if (env.comparable) rc[t] = p.alphaC + p.betaCM * m + xi;
    hPrev = h[t];
    xiPrev = xi;
    r[t] = p.alpha + p.beta * m + p.F * Math.sqrt(h[t]) * zShock;
    if (unfunded > 1e-6 && uCall < rateAt(env.callRates, age)) {
      C[t] = unfunded * betaVariate(stream('callSize'), env.callBeta[0], env.callBeta[1]);
      unfunded -= C[t];
    }
    const vm = V[t - 1] * Math.exp(r[t]) + C[t];
    if (t === T) {
      D[t] = vm;
    } else if (uDist < rateAt(env.distributionRates, age)) {
      const z = logit(expectedFraction(p.delta, env.delta0, t)) + p.sigmaD * zDist;
      D[t] = vm / (1 + Math.exp(-z));
    }
    V[t] = vm - D[t];
    lambdaT[t] = t === T ? 0 : p.lambda * (1 - Math.min(1, C[t] / V[t] + D[t] / vm));
    B[t] = lambdaT[t] * (B[t - 1] - r[t]);
  }
  const K = env.commitment;
  const navs: FundInput['navs'] = [];
  let quarter = 0;
  for (let q = env.navEvery; q < T; q += env.navEvery) {
    quarter += 1;
    const z = stream('nav').normal();
    const publishedWeek = q + (quarter % 4 === 0 ? env.yearEndLag : env.publicationLag);
    if (publishedWeek <= T) navs.push({ week: q, value: round(K * V[q] * Math.exp(B[q] + p.sigmaN * z)), publishedWeek });
  }
  const prices: FundInput['prices'] = [];
  for (let q = env.navEvery; q < T; q += env.navEvery) {
    const u = stream('secTime').uniform(),
      z = stream('secNoise').normal();
    if (q / 52 >= env.priceFromAge && u < env.priceProbability) {
      prices.push({ week: q, value: round(K * V[q] * Math.exp(p.kappa + p.sigmaS * z)), source: 'secondary' });
    }
  }
  const input: FundInput = {
    fund: `simulated ${preset.name} fund, seed ${seed}`,
    currency: env.currency,
    commitment: K,
    week0: env.week0,
    strategy: preset.strategy,
    contributions: C.map((x) => round(K * x)),
    distributions: D.map((x) => round(K * x)),
    marketReturns: rm,
    comparableReturns: rc,
    liquidationWeek: T,
    navs,
    prices,
    ...(env.comparable && env.historyWeeks > 0 ? { history: { marketReturns: history.rm, comparableReturns: history.rc } } : {}),
  };
  const truth: SimulationTruth = { preset: preset.name, seed, parameters: p, V: V.map((v) => K * v), r, e, B, h, lambdaT };
  return { input, truth };
}
