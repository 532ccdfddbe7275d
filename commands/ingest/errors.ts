import { NavcastError } from '../../domain/errors.js';

/** The parser produced data that breaks a domain invariant it should have enforced: a bug. */
export class IngestInvariantError extends NavcastError {
  readonly code = 'ingest_invariant_broken';
  readonly status = 500;
}
