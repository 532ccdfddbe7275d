/**
 * Parsing the fit settings. The schema and its defaults are declared once, in
 * domain/runs/fitSettings.ts (a model configuration holds them); this file turns a failed
 * parse into FitConfigError and prints the JSON Schema for `navcast fit --settings-schema`.
 */
import { z } from 'zod';
import { fitConfigSchema, issueLines, type FitConfig } from '../../../domain/runs/index.js';
import { FitConfigError } from './errors.js';

export {
  defaultWarmupNext,
  failureThresholdsSchema,
  fitConfigSchema,
  type FailureThresholds,
  type FitConfig,
  type FitConfigInput,
  type WindowPlan,
} from '../../../domain/runs/index.js';

/** Parses fit settings (already JSON-decoded); throws FitConfigError listing every issue. */
export function parseFitConfig(value: unknown): FitConfig {
  const result = fitConfigSchema.safeParse(value ?? {});
  if (!result.success) throw new FitConfigError(issueLines(result.error));
  return result.data;
}

/** JSON Schema (draft 2020-12) of the fit settings as a person writes them. */
export function fitConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(fitConfigSchema, { io: 'input' }) as Record<string, unknown>;
}
