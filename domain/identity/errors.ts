import { NavcastError } from '../errors.js';

/** A string or hash list that cannot be hashed into an identity as given (empty, badly formed). */
export class IdentityInputError extends NavcastError {
  readonly code = 'identity_input_invalid';
  readonly status = 500;
}

/** Following fund aliases came back to an identity already on the path. */
export class AliasCycleError extends NavcastError {
  readonly code = 'alias_cycle';
  readonly status = 500;
  constructor(readonly path: readonly string[]) {
    super(`fund identity aliases form a cycle: ${path.join(' -> ')}`);
  }
}

/** An alias chain is longer than the bound; a sign of corrupt data, never of normal renames. */
export class AliasDepthExceededError extends NavcastError {
  readonly code = 'alias_depth_exceeded';
  readonly status = 500;
  constructor(
    readonly start: string,
    readonly maxDepth: number,
  ) {
    super(`fund identity ${start}: alias chain longer than ${maxDepth} links`);
  }
}
