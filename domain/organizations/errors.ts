/**
 * Rule violations of the organisation decider. Each has a stable `code` that the web
 * layer maps to an HTTP status and the CLI prints.
 */
export class OrganizationRuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class OrganizationAlreadyExistsError extends OrganizationRuleError {
  constructor(orgId: string) {
    super('ORGANIZATION_ALREADY_EXISTS', `organisation ${orgId} already exists`);
  }
}

export class OrganizationNotFoundError extends OrganizationRuleError {
  constructor() {
    super('ORGANIZATION_NOT_FOUND', 'the organisation does not exist');
  }
}

export class UserNotFoundError extends OrganizationRuleError {
  constructor(userId: string) {
    super('USER_NOT_FOUND', `user ${userId} does not exist in this organisation`);
  }
}

export class EmailAlreadyInUseError extends OrganizationRuleError {
  constructor(email: string) {
    super('EMAIL_ALREADY_IN_USE', `${email} already belongs to a user of this organisation`);
  }
}

export class UserIdAlreadyUsedError extends OrganizationRuleError {
  constructor(userId: string) {
    super('USER_ID_ALREADY_USED', `user id ${userId} is already taken`);
  }
}

export class UserDeactivatedError extends OrganizationRuleError {
  constructor(userId: string) {
    super('USER_DEACTIVATED', `user ${userId} is deactivated`);
  }
}

export class RoleNotAllowedError extends OrganizationRuleError {
  constructor(role: string, reason: string) {
    super('ROLE_NOT_ALLOWED', `role ${role} is not allowed here: ${reason}`);
  }
}

export class ForbiddenError extends OrganizationRuleError {
  constructor(reason: string) {
    super('FORBIDDEN', reason);
  }
}
