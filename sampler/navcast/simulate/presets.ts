/**
 * Simulator parameters and environments (docs/navcast-model.md c.1, c.4): the "realistic buyout"
 * defaults and the VC and stress presets. Weekly units unless noted.
 */

/** True model parameters of a simulated fund (natural scale). */
export interface SimulationParameters {
  /** Weekly log alpha a. */
  readonly alpha: number;
  readonly beta: number;
  /** Fund idiosyncratic scale, units of sqrt(h_t). */
  readonly F: number;
  readonly lambda: number;
  readonly sigmaN: number;
  /** Distributed fraction per year of age. */
  readonly delta: number;
  readonly sigmaD: number;
  readonly alphaC: number;
  readonly betaCM: number;
  readonly betaCF: number;
  readonly sC: number;
  readonly kappa: number;
  readonly sigmaS: number;
}

/** A step function of age: weekly probability `rate` while age < `untilAge` (years), first match wins. */
export type AgeRates = readonly (readonly [untilAge: number, rate: number])[];

/** The simulated environment and cash-flow timing rules. */
export interface SimulationEnvironment {
  /** Last week; the fund liquidates in week T. */
  readonly T: number;
  readonly marketMean: number;
  readonly marketSd: number;
  /** Unconditional weekly variance and GARCH(1,1) coefficients of the comparable's residual. */
  readonly hBar: number;
  readonly garchA: number;
  readonly garchB: number;
  /** false: no comparable is observed (rc all missing, h constant at hBar). */
  readonly comparable: boolean;
  /** Weeks of pre-inception market and comparable returns written to the input's history. */
  readonly historyWeeks: number;
  /** Replayed market crash: `weeks` weeks from `startWeek` with a total log return `logReturn`. */
  readonly crash: { readonly startWeek: number; readonly weeks: number; readonly logReturn: number } | null;
  /** First call as a fraction of the commitment. */
  readonly firstCall: number;
  readonly callRates: AgeRates;
  readonly callBeta: readonly [number, number];
  readonly distributionRates: AgeRates;
  readonly delta0: number;
  /** NAV value dates every `navEvery` weeks, published `publicationLag` weeks later (`yearEndLag` every 4th). */
  readonly navEvery: number;
  readonly publicationLag: number;
  readonly yearEndLag: number;
  /** Probability of a secondary price at a quarter end from `priceFromAge` years. */
  readonly priceProbability: number;
  readonly priceFromAge: number;
  /** Money units of the written input: commitment and currency. */
  readonly commitment: number;
  readonly currency: string;
  readonly week0: string;
}

/** c.1 defaults. */
export const BUYOUT_PARAMETERS: SimulationParameters = {
  alpha: 0.01 / 52,
  beta: 1.1,
  F: 1.3,
  lambda: 0.93,
  sigmaN: 0.05,
  delta: 0.035,
  sigmaD: 0.5,
  alphaC: 0,
  betaCM: 1,
  betaCF: 0.5,
  sC: Math.sqrt(0.75),
  kappa: -0.08,
  sigmaS: 0.08,
};

/** c.1 environment. */
export const BUYOUT_ENVIRONMENT: SimulationEnvironment = {
  T: 520,
  marketMean: 0.07 / 52,
  marketSd: 0.16 / Math.sqrt(52),
  hBar: 0.2 ** 2 / 52,
  garchA: 0.06,
  garchB: 0.92,
  comparable: true,
  historyWeeks: 260,
  crash: null,
  firstCall: 0.1,
  callRates: [
    [3, 0.06],
    [5, 0.03],
    [6, 0.01],
  ],
  callBeta: [1.5, 8.5],
  distributionRates: [
    [2, 0],
    [4, 0.02],
    [Infinity, 0.045],
  ],
  delta0: 1e-5,
  navEvery: 13,
  publicationLag: 10,
  yearEndLag: 13,
  priceProbability: 0.05,
  priceFromAge: 3,
  commitment: 100_000_000,
  currency: 'USD',
  week0: '2015-01-05',
};

/** A named simulator setting. */
export interface SimulationPreset {
  readonly name: PresetName;
  readonly strategy: 'buyout' | 'vc';
  readonly parameters: SimulationParameters;
  readonly environment: SimulationEnvironment;
}

export type PresetName = 'buyout' | 'vc' | 'stress';

/** c.1 defaults, c.4 VC, and c.4 stress (crash in year 4, stale and noisy marks, no comparable, late reports, early liquidation). */
export const PRESETS: Readonly<Record<PresetName, SimulationPreset>> = {
  buyout: { name: 'buyout', strategy: 'buyout', parameters: BUYOUT_PARAMETERS, environment: BUYOUT_ENVIRONMENT },
  vc: {
    name: 'vc',
    strategy: 'vc',
    parameters: { ...BUYOUT_PARAMETERS, beta: 1.4, F: 1.6, alpha: 0, lambda: 0.95, sigmaN: 0.06, delta: 0.03, sigmaD: 0.8 },
    environment: {
      ...BUYOUT_ENVIRONMENT,
      T: 624,
      callRates: [[4, 0.05]],
      distributionRates: [
        [3, 0],
        [5, 0.02],
        [Infinity, 0.045],
      ],
    },
  },
  stress: {
    name: 'stress',
    strategy: 'buyout',
    parameters: { ...BUYOUT_PARAMETERS, lambda: 0.97, sigmaN: 0.12 },
    environment: {
      ...BUYOUT_ENVIRONMENT,
      T: 416,
      comparable: false,
      crash: { startWeek: 3 * 52 + 20, weeks: 4, logReturn: Math.log(0.7) },
      publicationLag: 20,
      yearEndLag: 20,
    },
  },
};

/** The weekly probability of `rates` at `age` years (0 past the last step). */
export function rateAt(rates: AgeRates, age: number): number {
  for (const [untilAge, rate] of rates) if (age < untilAge) return rate;
  return 0;
}
