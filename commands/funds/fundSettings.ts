/** Commands on a fund's settings and on evergreen funds: market configuration, products, membership. */
import { z } from 'zod';
import { evergreenDecider, EvergreenRuleError, evergreenStreamId, type EvergreenEvent } from '../../domain/evergreen/index.js';
import {
  assertIsPlatformAdministrator,
  assertMayActInOrganization,
  FundNotFoundError,
  fundSettingsDecider,
  fundStreamId,
  MarketConfig,
  Product,
  Sha256Hex,
  type FundEvent,
} from '../../domain/funds/index.js';
import { evergreenIdentityHash } from '../../domain/identity/index.js';
import { CommandMetadata, EntityId } from '../../domain/organizations/index.js';
import type { EventLog } from '../../domain/ports/index.js';
import { parseOrThrow } from '../commandMetadata.js';
import { handleCommand, type CommandOutcome } from '../handleCommand.js';

/** A fund settings command as callers send it. */
export const FundSettingsRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('SetMarketConfig'), orgId: EntityId, fundIdentityHash: Sha256Hex, config: MarketConfig }),
  z.object({ type: z.literal('SelectProduct'), orgId: EntityId, fundIdentityHash: Sha256Hex, product: Product }),
  z.object({ type: z.literal('DeselectProduct'), orgId: EntityId, fundIdentityHash: Sha256Hex, product: Product }),
]);
export type FundSettingsRequest = z.input<typeof FundSettingsRequest>;

/**
 * Sets a fund's market configuration (super_admin or operator) or selects / deselects a
 * product (org_admin of the organisation or above). The fund must have data.
 */
export async function handleFundSettings(log: EventLog, raw: FundSettingsRequest, rawMeta: CommandMetadata): Promise<CommandOutcome<FundEvent>> {
  const command = parseOrThrow(FundSettingsRequest, raw, 'fund settings command');
  const meta = parseOrThrow(CommandMetadata, rawMeta, 'command metadata');
  if (command.type === 'SetMarketConfig') assertIsPlatformAdministrator(meta.actor);
  else assertMayActInOrganization(meta.actor, command.orgId, 'org_admin');
  return await handleCommand(log, fundSettingsDecider, { tenantId: command.orgId, streamId: fundStreamId(command.fundIdentityHash) }, command, meta);
}

/** An evergreen command as callers send it; members are fund identity hashes. */
export const EvergreenRequest = z.discriminatedUnion('type', [
  z.object({ type: z.literal('DefineEvergreenFund'), orgId: EntityId, name: z.string().trim().min(1).max(300), members: z.array(Sha256Hex).min(1) }),
  z.object({ type: z.literal('ChangeEvergreenMembership'), orgId: EntityId, evergreenIdentityHash: Sha256Hex, members: z.array(Sha256Hex).min(1) }),
]);
export type EvergreenRequest = z.input<typeof EvergreenRequest>;

/**
 * Defines an evergreen fund or changes its members (member of the organisation or above).
 * Every member must be a fund of the organisation with recorded data.
 */
export async function handleEvergreen(log: EventLog, raw: EvergreenRequest, rawMeta: CommandMetadata): Promise<CommandOutcome<EvergreenEvent>> {
  const command = parseOrThrow(EvergreenRequest, raw, 'evergreen command');
  const meta = parseOrThrow(CommandMetadata, rawMeta, 'command metadata');
  assertMayActInOrganization(meta.actor, command.orgId, 'member');
  for (const member of command.members) {
    const { events } = await log.readStream(command.orgId, fundStreamId(member), { maxCount: 1 });
    if (events.length === 0) throw new FundNotFoundError(member);
  }
  if (new Set(command.members).size !== command.members.length) throw new EvergreenRuleError('evergreen_member_repeated', 'a member is listed twice');
  const identity = command.type === 'DefineEvergreenFund' ? evergreenIdentityHash(command.orgId, command.name, command.members) : command.evergreenIdentityHash;
  return await handleCommand(log, evergreenDecider, { tenantId: command.orgId, streamId: evergreenStreamId(identity) }, command, meta);
}
