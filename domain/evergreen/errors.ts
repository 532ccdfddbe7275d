import { NavcastError } from '../errors.js';

/** Member funds that cannot be put on one evergreen timeline (none, repeated, without contributions). */
export class EvergreenInputError extends NavcastError {
  readonly code = 'evergreen_input_invalid';
  readonly status = 500;
}
