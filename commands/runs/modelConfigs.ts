/**
 * Commands of model configurations: each through the one command handler on the
 * configuration's stream under the platform tenant (domain/runs/configDecider.ts decides).
 * Idempotent by command id; a refused command (invalid document, unknown or retired
 * configuration) appends nothing.
 */
import type { CommandMetadata } from '../../domain/organizations/index.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import type { EventLog } from '../../domain/ports/index.js';
import { modelConfigDecider, modelConfigStreamId, type ModelConfigCommand, type ModelConfigEvent } from '../../domain/runs/index.js';
import { handleCommand, type CommandOutcome } from '../handleCommand.js';

/** Runs a model-configuration command as `meta`'s actor. */
export function handleModelConfigCommand(log: EventLog, command: ModelConfigCommand, meta: CommandMetadata): Promise<CommandOutcome<ModelConfigEvent>> {
  return handleCommand(log, modelConfigDecider, { tenantId: PLATFORM_TENANT_ID, streamId: modelConfigStreamId(command.configId) }, command, meta);
}
