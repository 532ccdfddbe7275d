import { NavcastError } from '../errors.js';

/**
 * Rule violations of the organisation decider. Each has a stable `code` that the web
 * layer maps to an HTTP status and the CLI prints.
 */
export class OrganizationRuleError extends NavcastError {
  /** 404 for what does not exist, 403 for what the actor may not do, else 409 (the state forbids it). */
  readonly status: number;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.status = /not_found$/.test(code) ? 404 : code === 'forbidden' || code === 'role_not_allowed' ? 403 : 409;
  }
}

export class OrganizationAlreadyExistsError extends OrganizationRuleError {
  constructor(orgId: string) {
    super('organization_already_exists', `organisation ${orgId} already exists`);
  }
}

/**
 * Another organisation already has this name (compared trimmed and ignoring case): two
 * clients under one name would be mistaken for each other in every admin list.
 */
export class OrganizationNameTakenError extends OrganizationRuleError {
  constructor(readonly existingName: string) {
    super('organization_name_taken', `an organisation named "${existingName}" already exists: choose another name`);
  }
}

/** Client organisations can only be created once the platform itself exists. */
export class PlatformNotBootstrappedError extends OrganizationRuleError {
  constructor() {
    super('platform_not_bootstrapped', 'the platform has no administrator yet: run `navcast admin bootstrap --email E --password P` first');
  }
}

/** The same name as organisations are compared: trimmed, lower case. */
export function organizationNameKey(name: string): string {
  return name.normalize('NFC').trim().toLowerCase();
}

export class OrganizationNotFoundError extends OrganizationRuleError {
  constructor() {
    super('organization_not_found', 'the organisation does not exist');
  }
}

export class UserNotFoundError extends OrganizationRuleError {
  constructor(userId: string) {
    super('user_not_found', `user ${userId} does not exist in this organisation`);
  }
}

export class EmailAlreadyInUseError extends OrganizationRuleError {
  constructor(email: string) {
    super('email_already_in_use', `${email} already belongs to a user of this organisation`);
  }
}

export class UserIdAlreadyUsedError extends OrganizationRuleError {
  constructor(userId: string) {
    super('user_id_already_used', `user id ${userId} is already taken`);
  }
}

export class UserDeactivatedError extends OrganizationRuleError {
  constructor(userId: string) {
    super('user_deactivated', `user ${userId} is deactivated`);
  }
}

export class RoleNotAllowedError extends OrganizationRuleError {
  constructor(role: string, reason: string) {
    super('role_not_allowed', `role ${role} is not allowed here: ${reason}`);
  }
}

export class ForbiddenError extends OrganizationRuleError {
  constructor(reason: string) {
    super('forbidden', reason);
  }
}

export class InvitationAlreadyAcceptedError extends OrganizationRuleError {
  constructor(userId: string) {
    super('invitation_already_accepted', `user ${userId} has already accepted their invitation`);
  }
}

export class CredentialIdAlreadyUsedError extends OrganizationRuleError {
  constructor(what: 'API key' | 'machine token', id: string) {
    super('credential_id_already_used', `${what} id ${id} is already taken`);
  }
}

export class ApiKeyNotFoundError extends OrganizationRuleError {
  constructor(keyId: string) {
    super('api_key_not_found', `API key ${keyId} does not exist in this organisation`);
  }
}

export class MachineTokenNotFoundError extends OrganizationRuleError {
  constructor(tokenId: string) {
    super('machine_token_not_found', `machine token ${tokenId} does not exist`);
  }
}

export class MachineTokenRevokedError extends OrganizationRuleError {
  constructor(tokenId: string) {
    super('machine_token_revoked', `machine token ${tokenId} is revoked and cannot be rotated`);
  }
}
