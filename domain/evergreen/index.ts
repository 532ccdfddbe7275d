/** Evergreen (open-ended) funds: member alignment on one weekly timeline and member lifecycles. */
export { EvergreenInputError } from './errors.js';
export {
  alignEvergreenMembers,
  isMemberActive,
  type AlignedMember,
  type EvergreenMemberData,
  type EvergreenTimeline,
  type MemberLifecycle,
} from './timeline.js';
export { addDays, epochDay, weekIndex } from './weeks.js';
