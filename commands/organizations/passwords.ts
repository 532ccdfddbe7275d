import { NavcastError } from '../../domain/errors.js';
import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify, type Options } from '@node-rs/argon2';

// OWASP password storage cheat sheet: argon2id with 19 MiB of memory, 2 passes, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id (a const enum, which verbatimModuleSyntax cannot import).
const argon2Options: Options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

// Hashes written before argon2id: `scrypt$N$r$p$salt$hash`; N = 2^17, r = 8 needs 128 MiB.
const scryptMaxmem = 256 * 1024 * 1024;

/** Raised for a password that is too short or too long to accept. */
export class PasswordPolicyError extends NavcastError {
  readonly code = 'password_policy';
  readonly status = 400;
  constructor(message: string) {
    super(message);
    this.name = 'PasswordPolicyError';
  }
}

/** Throws PasswordPolicyError unless the password has 12 to 1024 characters. */
export function assertPasswordPolicy(password: string): void {
  if (password.length < 12) throw new PasswordPolicyError('a password needs at least 12 characters');
  if (password.length > 1024) throw new PasswordPolicyError('a password may have at most 1024 characters');
}

/**
 * Hashes a password with argon2id into a PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`).
 * The plaintext is neither stored nor logged anywhere; only this string enters events and
 * read models.
 */
export async function hashPassword(password: string): Promise<string> {
  assertPasswordPolicy(password);
  return argon2Hash(password.normalize('NFC'), argon2Options);
}

function deriveScrypt(password: string, salt: Buffer, options: ScryptOptions, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6) return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length === 0) return false;
  const key = await deriveScrypt(password, salt, { N, r, p, maxmem: scryptMaxmem }, expected.length);
  return timingSafeEqual(key, expected);
}

/**
 * True when `password` matches a stored hash: an argon2id PHC string, or the older
 * `scrypt$...` form still found in existing data. Anything else never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2id$')) {
    try {
      return await argon2Verify(stored, password.normalize('NFC'));
    } catch {
      return false; // a malformed PHC string matches no password
    }
  }
  if (stored.startsWith('scrypt$')) return verifyScrypt(password, stored);
  return false;
}
