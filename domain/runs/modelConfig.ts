/**
 * A model configuration: the validated document a run names by its hash (docs/architecture.md
 * "A run"). For now it holds the fit settings (domain/runs/fitSettings.ts); model and
 * data-preparation options join it with the Runs work. Its `configHash` is the SHA-256 of
 * the canonical JSON of the parsed document (defaults applied, keys sorted, no spaces, strings
 * NFC), the format of the event log's own hashes (domain/events/canonical.ts), so two
 * documents that mean the same configuration have the same hash whatever their key order,
 * spacing, Unicode form or omitted defaults.
 */
import { z } from 'zod';
import { InvalidDocumentError } from '../errors.js';
import { canonicalJson, sha256HexOfText } from '../events/canonical.js';
import { fitConfigSchema } from './fitSettings.js';
import { issueLines } from './issuePath.js';

/** The document as a person writes it (JSON): a name, a description, the fit settings. */
export const modelConfigSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100).describe('how people pick it in the portal, e.g. "Quarterly, 4 chains"'),
    description: z.string().max(2000).default('').describe('what it is for'),
    fit: fitConfigSchema.default(fitConfigSchema.parse({})).describe('the fit settings (defaults for any left out)'),
  })
  .describe('NAVcast model configuration');

/** A parsed configuration document (every default applied). */
export type ModelConfigDocument = z.output<typeof modelConfigSchema>;

/** A document that is not a model configuration; names every problem by path. */
export class ModelConfigError extends InvalidDocumentError {
  readonly code = 'model_config_invalid';
  constructor(issues: readonly string[]) {
    super('model configuration', issues);
  }
}

/** SHA-256 (hex) of the canonical JSON of a parsed document. */
export function modelConfigHash(document: ModelConfigDocument): string {
  return sha256HexOfText(canonicalJson(document));
}

/** Parses a document (already JSON-decoded) and hashes it; ModelConfigError lists every problem. */
export function parseModelConfig(value: unknown): { document: ModelConfigDocument; configHash: string } {
  const result = modelConfigSchema.safeParse(value);
  if (!result.success) throw new ModelConfigError(issueLines(result.error));
  return { document: result.data, configHash: modelConfigHash(result.data) };
}

/** The configuration that exists from bootstrap: the fit settings' defaults. */
export const DEFAULT_MODEL_CONFIG: ModelConfigDocument = modelConfigSchema.parse({
  name: 'Default',
  description: "The fit settings' defaults: quarterly windows, 4 chains, 1000 warm-up and 1000 draws",
});
