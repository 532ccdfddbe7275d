/**
 * The settings of a NAVcast fit, declared once (docs/navcast-model.md "Fit settings"): the
 * CLI's flags, the benchmark, the validation runs and the model configurations of runs all
 * parse through {@link fitConfigSchema}, so a default or a limit changes in this file only.
 * In the domain because a model configuration (an event-sourced document) holds them; the
 * sampler reads them from here.
 */
import { z } from 'zod';

/** Dual averaging's target acceptance statistic, for every fit and the generic sampler alike. */
export const DEFAULT_TARGET_ACCEPTANCE = 0.9;

const count = (max: number) => z.number().int().min(0).max(max);

/** When a window counts as failed (docs/navcast-model.md b.8: R-hat < 1.01, ESS > 400). */
export const failureThresholdsSchema = z.strictObject({
  maxRhat: z.number().min(1).default(1.01).describe('largest split R-hat of any parameter, the value and lp__'),
  minEssBulk: z.number().min(0).default(400).describe('smallest bulk ESS of any parameter, the value and lp__'),
  maxDivergences: count(1e9).default(0).describe('divergent transitions allowed over all chains'),
});

const windowPlan = z.enum(['last', 'quarterly', 'weekly']);

/** A quarter of the first warm-up, at least 100 (or all of it when shorter): warm-started windows begin adapted. */
export function defaultWarmupNext(warmup: number): number {
  return Math.max(Math.min(warmup, 100), Math.round(warmup / 4));
}

/** zod schema of the fit settings; every field has its default. */
export const fitConfigSchema = z
  .strictObject({
    windows: windowPlan.default('quarterly').describe('which window ends to fit: the last week, every quarter end and the last week, or every week'),
    windowList: z
      .array(z.number().int().min(1))
      .min(1)
      .refine((weeks) => weeks.every((w, i) => i === 0 || w > weeks[i - 1]), 'must be strictly ascending')
      .optional()
      .describe('explicit window-end weeks, used instead of windows when given'),
    chains: z.number().int().min(1).max(256).default(4).describe('NUTS chains per window'),
    warmup: count(1e6).default(1000).describe('warm-up iterations of the first window'),
    warmupNext: count(1e6).optional().describe('warm-up of each later, warm-started window (default max(min(warmup, 100), round(warmup / 4)))'),
    draws: z.number().int().min(1).max(1e6).default(1000).describe('kept draws per chain and window'),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1).describe('seed of every random stream of the fit'),
    targetAcceptance: z.number().gt(0).lt(1).default(DEFAULT_TARGET_ACCEPTANCE).describe("dual averaging's target acceptance statistic"),
    maxTreeDepth: z.number().int().min(1).max(30).default(10).describe('maximum NUTS tree depth'),
    thresholds: failureThresholdsSchema.default({ maxRhat: 1.01, minEssBulk: 400, maxDivergences: 0 }),
  })
  .transform(({ warmupNext, ...config }) => ({ ...config, warmupNext: warmupNext ?? defaultWarmupNext(config.warmup) }))
  .describe('NAVcast fit settings');

/** Parsed fit settings (defaults applied, warmupNext resolved). */
export type FitConfig = z.output<typeof fitConfigSchema>;
/** Fit settings as written by a person: every field optional. */
export type FitConfigInput = z.input<typeof fitConfigSchema>;
export type FailureThresholds = z.output<typeof failureThresholdsSchema>;
export type WindowPlan = z.output<typeof windowPlan>;
