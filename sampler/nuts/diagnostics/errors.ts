import { NavcastError } from '../../../domain/errors.js';

/** Stable machine codes for malformed diagnostic input (shape errors, not bad values). */
export type DiagnosticsErrorCode = 'DIAGNOSTICS_NO_CHAINS' | 'DIAGNOSTICS_RAGGED_CHAINS' | 'DIAGNOSTICS_BAD_ARGUMENT';

/**
 * Thrown when draws have an impossible shape or an argument is out of its domain.
 * Bad values inside well-shaped draws (NaN, infinities, constants) never throw: the
 * affected diagnostic is NaN, as posterior returns NA.
 */
export class DiagnosticsInputError extends NavcastError {
  readonly code: DiagnosticsErrorCode;
  readonly status = 400;

  constructor(code: DiagnosticsErrorCode, message: string) {
    super(message);
    this.name = 'DiagnosticsInputError';
    this.code = code;
  }
}
