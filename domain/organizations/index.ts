/** The organisations and users domain: the decider of `org-<orgId>` streams. */
export { decide } from './decide.js';
export { evolve, initialState, type OrganizationState, type UserState, type UserStatus } from './state.js';
export {
  Actor,
  ActivateUser,
  BootstrapPlatform,
  ChangeUserRole,
  CommandMetadata,
  CreateOrganization,
  DeactivateUser,
  InviteUser,
  OrganizationCommand,
} from './commands.js';
export {
  OrganizationCreatedData,
  OrganizationKind,
  UserActivatedData,
  UserDeactivatedData,
  UserInvitedData,
  UserRoleChangedData,
  organizationEventDefinitions,
  organizationEventSchemaVersion,
  organizationEventSchemas,
  organizationStreamId,
  type OrganizationEvent,
  type OrganizationEventType,
} from './events.js';
export {
  EmailAlreadyInUseError,
  ForbiddenError,
  OrganizationAlreadyExistsError,
  OrganizationNotFoundError,
  OrganizationRuleError,
  RoleNotAllowedError,
  UserDeactivatedError,
  UserIdAlreadyUsedError,
  UserNotFoundError,
} from './errors.js';
export { assertMayManageUsers } from './authorization.js';
export { InvitableRole, Role, hasRoleAtLeast, roleRank, roles } from './roles.js';
export { EmailAddress, EntityId, Instant, OrganizationName, PasswordHash } from './values.js';
