import { organizationDecider, CommandMetadata, OrganizationCommand, organizationStreamId, type OrganizationEvent } from '../../domain/organizations/index.js';
import type { EventLog } from '../../domain/ports/index.js';
import { parseOrThrow } from '../commandMetadata.js';
import { handleCommand, type CommandOptions, type CommandOutcome } from '../handleCommand.js';

/**
 * Handles one organisation command (users and credentials included) on the `org-<orgId>`
 * stream: parse the command and its metadata, then the one command handler.
 */
export async function handleOrganizationCommand(log: EventLog, rawCommand: OrganizationCommand, rawMeta: CommandMetadata, options?: CommandOptions): Promise<CommandOutcome<OrganizationEvent>> {
  const command = parseOrThrow(OrganizationCommand, rawCommand, 'command');
  const meta = parseOrThrow(CommandMetadata, rawMeta, 'command metadata');
  return await handleCommand(log, organizationDecider, { tenantId: command.orgId, streamId: organizationStreamId(command.orgId) }, command, meta, options);
}
