/** Evergreen (open-ended) funds: their decider, member alignment on one weekly timeline and member lifecycles. */
export { EvergreenInputError } from './errors.js';
export {
  EvergreenRuleError,
  evergreenDecider,
  type EvergreenCommand,
  type EvergreenState,
} from './decide.js';
export {
  EvergreenFundDefinedData,
  EvergreenMembershipChangedData,
  evergreenEventDefinitions,
  evergreenEventSchemas,
  evergreenStreamId,
  type EvergreenEvent,
} from './events.js';
export {
  alignEvergreenMembers,
  isMemberActive,
  type AlignedMember,
  type EvergreenMemberData,
  type EvergreenTimeline,
  type MemberLifecycle,
} from './timeline.js';
export { addDays, epochDay, weekIndex } from './weeks.js';
