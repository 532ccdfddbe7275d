/**
 * Errors of the audit tooling (sealer, verifier, bundles). A verification *finding* (a gap, a
 * hash mismatch...) is not an error: the verifier reports it as an `IntegrityFailure`. These
 * classes are for inputs the tools cannot work with at all.
 */
import { NavcastError } from '../../domain/errors.js';

/** A malformed key, checkpoint, proof or bundle file, or an argument out of range. */
export class AuditInputError extends NavcastError {
  readonly code = 'audit_invalid_input';
  readonly status = 500;
}

/** A checkpoint already exists at that tree size with different content (write-once store). */
export class CheckpointExistsError extends NavcastError {
  readonly code = 'audit_checkpoint_exists';
  readonly status = 500;
}

/** The signing key (or the trusted public key) is missing or unusable. */
export class SigningKeyError extends NavcastError {
  readonly code = 'audit_signing_key';
  readonly status = 500;
}
