import { NavcastError } from '../../../domain/errors.js';

/** Stable machine codes of NAVcast model failures (all raised once, before any evaluation). */
export type NavcastModelErrorCode = 'NAVCAST_DATA_INVALID' | 'NAVCAST_OPTIONS_INVALID';

/** Fund data, a window or model options that cannot be modelled; `issues` lists every reason. */
export class NavcastModelError extends NavcastError {
  readonly code: NavcastModelErrorCode;
  readonly status = 400;
  readonly issues: readonly string[];

  constructor(code: NavcastModelErrorCode, issues: readonly string[]) {
    super(`${code === 'NAVCAST_DATA_INVALID' ? 'NAVcast fund data' : 'NAVcast options'} invalid: ${issues.join('; ')}`);
    this.name = 'NavcastModelError';
    this.code = code;
    this.issues = issues;
  }
}
