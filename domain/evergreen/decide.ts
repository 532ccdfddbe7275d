import type { Decider } from '../decider.js';
import { LogIntegrityError, NavcastError } from '../errors.js';
import type { CommandMetadata } from '../organizations/commands.js';
import { evergreenIdentityHash } from '../identity/hashes.js';
import type { EvergreenEvent } from './events.js';

/** What an evergreen stream knows. */
export type EvergreenState = { readonly status: 'absent' } | { readonly status: 'defined'; readonly identity: string; readonly members: readonly string[] };

/** Commands on evergreen funds, validated and authorised; members are fund identity hashes. */
export type EvergreenCommand =
  | { readonly type: 'DefineEvergreenFund'; readonly orgId: string; readonly name: string; readonly members: readonly string[] }
  | { readonly type: 'ChangeEvergreenMembership'; readonly evergreenIdentityHash: string; readonly members: readonly string[] };

/** An evergreen rule was broken (defined twice, unknown, duplicate member). */
export class EvergreenRuleError extends NavcastError {
  constructor(
    readonly code: 'evergreen_already_defined' | 'evergreen_not_found' | 'evergreen_member_repeated',
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return this.code === 'evergreen_not_found' ? 404 : 409;
  }
}

/** Folds one evergreen event. */
function evolveEvergreen(state: EvergreenState, event: EvergreenEvent): EvergreenState {
  switch (event.type) {
    case 'EvergreenFundDefined':
      return { status: 'defined', identity: event.data.evergreenIdentityHash, members: event.data.members };
    case 'EvergreenMembershipChanged':
      if (state.status !== 'defined') throw new LogIntegrityError('evergreen membership changed before its definition: the stream is corrupt');
      return { ...state, members: event.data.members };
  }
}

function sortedDistinct(members: readonly string[]): string[] {
  const sorted = [...members].sort();
  const repeated = sorted.find((m, i) => i > 0 && sorted[i - 1] === m);
  if (repeated !== undefined) throw new EvergreenRuleError('evergreen_member_repeated', `member ${repeated} is listed twice`);
  return sorted;
}

/** Decides a definition or a membership change; the same member set again changes nothing. */
function decideEvergreen(command: EvergreenCommand, state: EvergreenState, meta: CommandMetadata): EvergreenEvent[] {
  const at = meta.at;
  const members = sortedDistinct(command.members);
  if (command.type === 'DefineEvergreenFund') {
    const identity = evergreenIdentityHash(command.orgId, command.name, members);
    if (state.status !== 'absent') throw new EvergreenRuleError('evergreen_already_defined', `evergreen fund ${identity} is already defined`);
    return [{ type: 'EvergreenFundDefined', data: { evergreenIdentityHash: identity, name: command.name, members, definedAt: at } }];
  }
  if (state.status !== 'defined') throw new EvergreenRuleError('evergreen_not_found', `no evergreen fund ${command.evergreenIdentityHash}`);
  const before = new Set(state.members);
  const after = new Set(members);
  const added = members.filter((m) => !before.has(m));
  const removed = state.members.filter((m) => !after.has(m));
  if (added.length === 0 && removed.length === 0) return [];
  return [{ type: 'EvergreenMembershipChanged', data: { evergreenIdentityHash: state.identity, members, added, removed, changedAt: at } }];
}

/** An evergreen fund, decided on its evergreen stream. */
export const evergreenDecider: Decider<EvergreenCommand, EvergreenEvent, EvergreenState> = { initialState: { status: 'absent' }, evolve: evolveEvergreen, decide: decideEvergreen };
