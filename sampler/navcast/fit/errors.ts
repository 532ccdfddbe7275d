/** Errors of the NAVcast fit: settings that cannot be fitted, and a worker thread that died. */
import { InvalidDocumentError, NavcastError } from '../../../domain/errors.js';

/** Fit settings that fail the schema; `issues` are "path: message" lines naming every problem. */
export class FitConfigError extends InvalidDocumentError {
  readonly code = 'fit_config_invalid';
  constructor(issues: readonly string[]) {
    super('fit settings', issues);
  }
}

/** A fit's worker thread stopped before it reported every chain (a crash or out of memory): the fit has no result. */
export class FitWorkerError extends NavcastError {
  readonly code = 'fit_worker_failed';
  readonly status = 500;
}
