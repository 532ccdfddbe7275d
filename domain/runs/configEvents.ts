/**
 * Events of a model configuration's stream, `modelconfig-<configId>` under the platform
 * tenant (configurations are the platform's, named by runs of every organisation). There is
 * no deletion: a revision keeps the previous hash in its event, and a retired configuration
 * stays readable and replayable, only no longer offered for new runs.
 */
import { z } from 'zod';
import { defineEvent } from '../events/registry.js';
import { Sha256Hex } from '../hex.js';
import { Instant } from '../organizations/values.js';
import { modelConfigSchema } from './modelConfig.js';

const ConfigId = z.uuid();

/** ModelConfigCreated v1: the first revision of a configuration. */
export const ModelConfigCreatedData = z.object({ configId: ConfigId, revision: z.literal(1), document: modelConfigSchema, configHash: Sha256Hex, createdAt: Instant });
/** ModelConfigRevised v1: a new revision with a new hash; the previous one is kept in `previousHash`. */
export const ModelConfigRevisedData = z.object({
  configId: ConfigId,
  revision: z.number().int().min(2),
  document: modelConfigSchema,
  configHash: Sha256Hex,
  previousHash: Sha256Hex,
  revisedAt: Instant,
});
/** ModelConfigRetired v1: no longer offered for new runs; its revisions stay readable. */
export const ModelConfigRetiredData = z.object({ configId: ConfigId, retiredAt: Instant });

export type ModelConfigCreated = { readonly type: 'ModelConfigCreated'; readonly data: z.infer<typeof ModelConfigCreatedData> };
export type ModelConfigRevised = { readonly type: 'ModelConfigRevised'; readonly data: z.infer<typeof ModelConfigRevisedData> };
export type ModelConfigRetired = { readonly type: 'ModelConfigRetired'; readonly data: z.infer<typeof ModelConfigRetiredData> };
export type ModelConfigEvent = ModelConfigCreated | ModelConfigRevised | ModelConfigRetired;

export const modelConfigEventDefinitions = [
  defineEvent({ type: 'ModelConfigCreated', schema: ModelConfigCreatedData }),
  defineEvent({ type: 'ModelConfigRevised', schema: ModelConfigRevisedData }),
  defineEvent({ type: 'ModelConfigRetired', schema: ModelConfigRetiredData }),
] as const;

/** Stream of one model configuration (platform tenant). */
export const modelConfigStreamId = (configId: string): string => `modelconfig-${configId}`;
