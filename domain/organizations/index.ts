/** The organisations and users domain: the decider of `org-<orgId>` streams. */
export { organizationDecider } from './decide.js';
export type { ApiKeyState, MachineTokenState, OrganizationState, UserState, UserStatus } from './state.js';
export {
  AcceptInvitation,
  Actor,
  ActivateUser,
  BootstrapPlatform,
  ChangeUserRole,
  CommandMetadata,
  CreateOrganization,
  DeactivateUser,
  InviteUser,
  IssueApiKey,
  IssueMachineToken,
  OrganizationCommand,
  RevokeApiKey,
  RevokeMachineToken,
  RotateMachineToken,
  SetUserPassword,
} from './commands.js';
export {
  ApiKeyIssuedData,
  ApiKeyRevokedData,
  MachineTokenIssuedData,
  MachineTokenRevokedData,
  MachineTokenRotatedData,
  OrganizationCreatedData,
  OrganizationKind,
  UserActivatedData,
  UserDeactivatedData,
  UserInvitedData,
  UserPasswordSetData,
  UserRoleChangedData,
  organizationEventDefinitions,
  organizationEventSchemaVersion,
  organizationEventSchemas,
  organizationStreamId,
  type OrganizationEvent,
  type OrganizationEventType,
} from './events.js';
export {
  ApiKeyNotFoundError,
  CredentialIdAlreadyUsedError,
  EmailAlreadyInUseError,
  ForbiddenError,
  InvitationAlreadyAcceptedError,
  MachineTokenNotFoundError,
  MachineTokenRevokedError,
  OrganizationAlreadyExistsError,
  OrganizationNameTakenError,
  OrganizationNotFoundError,
  OrganizationRuleError,
  organizationNameKey,
  PlatformNotBootstrappedError,
  RoleNotAllowedError,
  UserDeactivatedError,
  UserIdAlreadyUsedError,
  UserNotFoundError,
} from './errors.js';
export { assertMayManageApiKeys, assertMayManageMachineTokens, assertMayManageUsers } from './authorization.js';
export { InvitableRole, Role, hasRoleAtLeast, roleRank, roles } from './roles.js';
export { ApiKeyPrefix, EmailAddress, EntityId, Instant, Label, MachineScope, OrganizationName, PasswordHash, SecretHash } from './values.js';
