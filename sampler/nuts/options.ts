import { DEFAULT_TARGET_ACCEPTANCE } from '../../domain/runs/fitSettings.js';
import { SamplerError } from './errors.js';
import type { LogDensityTarget, SampleOptions, WarmStart } from './types.js';

/** Dual averaging's target acceptance when none is given (see SampleOptions.targetAcceptance): one value, the fit settings'. */
export { DEFAULT_TARGET_ACCEPTANCE };

/** Everything one chain needs, with defaults filled in and checked. */
export interface ChainConfig {
  readonly warmup: number;
  readonly draws: number;
  readonly thin: number;
  readonly targetAcceptance: number;
  readonly maxTreeDepth: number;
  readonly initRadius: number;
  readonly initialStepSize: number;
  /** User-given start (tried once), or undefined for Stan's random initialisation. */
  readonly initialPoint: Float64Array | undefined;
  /** Diagonal inverse metric to begin with (a warm start), or undefined for the unit metric. */
  readonly initialInverseMetric: Float64Array | undefined;
}

/** Validated options of a whole run. */
export interface ResolvedOptions {
  readonly chains: number;
  readonly seed: number;
  /** Index of the first chain: chainConfigs[c] is chain firstChain + c of the run (its random stream). */
  readonly firstChain: number;
  /** One entry per chain. */
  readonly chainConfigs: readonly ChainConfig[];
}

const KNOWN_KEYS = new Set(['chains', 'warmup', 'draws', 'seed', 'targetAcceptance', 'maxTreeDepth', 'initialPoints', 'initRadius', 'initialStepSize', 'thin', 'firstChain', 'warmStarts']);
/** Tree depth beyond 30 would overflow the Int32 leapfrog counts (2^30 steps per draw anyway). */
const MAX_TREE_DEPTH_LIMIT = 30;

function invalid(message: string): SamplerError {
  return new SamplerError('SAMPLER_INVALID_OPTIONS', message);
}

function integerOption(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) throw invalid(`${name} must be an integer in [${min}, ${max}], got ${String(v)}`);
  return v;
}

/** Checks the target's shape: a positive integer dim and a logDensityGradient function. */
export function checkTarget(target: LogDensityTarget): void {
  if (typeof target !== 'object' || target === null || typeof target.logDensityGradient !== 'function') {
    throw new SamplerError('SAMPLER_INVALID_TARGET', 'target must be an object with a logDensityGradient(q, grad) method');
  }
  if (!Number.isInteger(target.dim) || target.dim < 1) {
    throw new SamplerError('SAMPLER_INVALID_TARGET', `target.dim must be a positive integer, got ${String(target.dim)}`);
  }
}

/**
 * Validates options once, before any work, and fills in CmdStan's defaults. `dim` undefined
 * (target not built yet, as in the worker path) skips the length check of initialPoints;
 * {@link checkInitialPoint} repeats it where the target exists.
 */
export function resolveOptions(options: SampleOptions, dim: number | undefined, extraKeys: readonly string[] = []): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw invalid('options must be an object');
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key) && !extraKeys.includes(key)) throw invalid(`unknown option "${key}"`);
  }
  if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
    throw invalid(`seed must be an integer in [0, 2^53), got ${String(options.seed)}`);
  }
  const chains = integerOption('chains', options.chains, 4, 1, 65536);
  const warmup = integerOption('warmup', options.warmup, 1000, 0, 1e9);
  const draws = integerOption('draws', options.draws, 1000, 0, 1e9);
  const thin = integerOption('thin', options.thin, 1, 1, 1e9);
  const maxTreeDepth = integerOption('maxTreeDepth', options.maxTreeDepth, 10, 1, MAX_TREE_DEPTH_LIMIT);
  const firstChain = integerOption('firstChain', options.firstChain, 0, 0, 65535);
  const targetAcceptance = options.targetAcceptance ?? DEFAULT_TARGET_ACCEPTANCE;
  if (!(targetAcceptance > 0 && targetAcceptance < 1)) throw invalid(`targetAcceptance must be in (0, 1), got ${targetAcceptance}`);
  const initRadius = options.initRadius ?? 2;
  if (!(initRadius >= 0 && Number.isFinite(initRadius))) throw invalid(`initRadius must be finite and >= 0, got ${initRadius}`);
  const initialStepSize = options.initialStepSize ?? 1;
  if (!(initialStepSize > 0 && Number.isFinite(initialStepSize))) {
    throw invalid(`initialStepSize must be finite and > 0, got ${initialStepSize}`);
  }
  const points = options.initialPoints;
  const warmStarts = options.warmStarts === undefined ? undefined : checkWarmStarts(options.warmStarts, chains, dim, points !== undefined);
  if (points !== undefined) {
    if (!Array.isArray(points) || points.length !== chains) {
      throw invalid(`initialPoints must hold one Float64Array per chain (${chains}), got ${Array.isArray(points) ? points.length : typeof points}`);
    }
    points.forEach((point, c) => {
      if (!(point instanceof Float64Array) || !point.every(Number.isFinite)) {
        throw invalid(`initialPoints[${c}] must be a Float64Array of finite numbers`);
      }
      if (dim !== undefined) checkInitialPoint(point, dim, c);
    });
  }
  const chainConfigs = Array.from({ length: chains }, (_, c) => ({
    warmup,
    draws,
    thin,
    targetAcceptance,
    maxTreeDepth,
    initRadius,
    initialStepSize: warmStarts?.[c].stepSize ?? initialStepSize,
    initialPoint: warmStarts !== undefined ? Float64Array.from(warmStarts[c].position) : points === undefined ? undefined : Float64Array.from(points[c]),
    initialInverseMetric: warmStarts?.[c].inverseMetric === undefined ? undefined : Float64Array.from(warmStarts[c].inverseMetric),
  }));
  return { chains, seed: options.seed, firstChain, chainConfigs };
}

function checkWarmStarts(starts: readonly WarmStart[], chains: number, dim: number | undefined, withPoints: boolean): readonly WarmStart[] {
  if (withPoints) throw invalid('give either initialPoints or warmStarts, not both');
  if (!Array.isArray(starts) || starts.length !== chains) {
    throw invalid(`warmStarts must hold one entry per chain (${chains}), got ${Array.isArray(starts) ? starts.length : typeof starts}`);
  }
  starts.forEach((start, c) => {
    const { position, stepSize, inverseMetric } = start ?? {};
    if (!(position instanceof Float64Array) || !position.every(Number.isFinite)) throw invalid(`warmStarts[${c}].position must be a Float64Array of finite numbers`);
    if (stepSize !== undefined && !(stepSize > 0 && Number.isFinite(stepSize))) throw invalid(`warmStarts[${c}].stepSize must be finite and > 0, got ${stepSize}`);
    if (inverseMetric !== undefined) {
      if (!(inverseMetric instanceof Float64Array) || !inverseMetric.every((x) => x > 0 && Number.isFinite(x))) {
        throw invalid(`warmStarts[${c}].inverseMetric must be a Float64Array of finite numbers > 0`);
      }
      if (inverseMetric.length !== position.length) throw invalid(`warmStarts[${c}].inverseMetric has length ${inverseMetric.length}, its position ${position.length}`);
    }
    if (dim !== undefined) checkInitialPoint(position, dim, c);
  });
  return starts;
}

/** Throws when a chain's given start (point, warm-start metric) does not match the target's dimension. */
export function checkChainStart(config: ChainConfig, dim: number, chain: number): void {
  checkInitialPoint(config.initialPoint, dim, chain);
  if (config.initialInverseMetric !== undefined && config.initialInverseMetric.length !== dim) {
    throw invalid(`warmStarts[${chain}].inverseMetric has length ${config.initialInverseMetric.length}, the target has dim ${dim}`);
  }
}

/** Throws when a given initial point does not match the target's dimension. */
export function checkInitialPoint(point: Float64Array | undefined, dim: number, chain: number): void {
  if (point !== undefined && point.length !== dim) {
    throw invalid(`initialPoints[${chain}] has length ${point.length}, the target has dim ${dim}`);
  }
}
