import { z } from 'zod';
import { defineEvent } from '../events/registry.js';
import { Sha256Hex } from '../funds/events.js';
import { Instant } from '../organizations/values.js';

const EvergreenName = z.string().min(1).max(300);
const Members = z.array(Sha256Hex).min(1);

/** EvergreenFundDefined v1: identity from the sorted member hashes at definition. */
export const EvergreenFundDefinedData = z.object({
  evergreenIdentityHash: Sha256Hex,
  name: EvergreenName,
  members: Members,
  definedAt: Instant,
});

/** EvergreenMembershipChanged v1: the full new member list and what changed. */
export const EvergreenMembershipChangedData = z.object({
  evergreenIdentityHash: Sha256Hex,
  members: Members,
  added: z.array(Sha256Hex),
  removed: z.array(Sha256Hex),
  changedAt: Instant,
});

export const evergreenEventSchemas = {
  EvergreenFundDefined: EvergreenFundDefinedData,
  EvergreenMembershipChanged: EvergreenMembershipChangedData,
} as const;

export type EvergreenEvent = {
  [K in keyof typeof evergreenEventSchemas]: { readonly type: K; readonly data: z.infer<(typeof evergreenEventSchemas)[K]> };
}[keyof typeof evergreenEventSchemas];

export const evergreenEventDefinitions = [
  defineEvent({ type: 'EvergreenFundDefined', schema: EvergreenFundDefinedData }),
  defineEvent({ type: 'EvergreenMembershipChanged', schema: EvergreenMembershipChangedData }),
] as const;

/** Stream of one evergreen fund; its id stays the identity it was defined with. */
export const evergreenStreamId = (evergreenIdentityHash: string): string => `evergreen-${evergreenIdentityHash}`;
