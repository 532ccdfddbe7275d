import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// OWASP password storage cheat sheet (2025): scrypt with N = 2^17, r = 8, p = 1.
// Memory per hash is 128 * N * r bytes = 128 MiB, hence the raised maxmem.
const N = 2 ** 17;
const r = 8;
const p = 1;
const keyLength = 32;
const maxmem = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Raised for a password that is too short or too long to accept. */
export class PasswordPolicyError extends Error {
  readonly code = 'password_policy';
  constructor(message: string) {
    super(message);
    this.name = 'PasswordPolicyError';
  }
}

/**
 * Hashes a password as `scrypt$N$r$p$salt$hash` (salt and hash base64). The plaintext is
 * neither stored nor logged anywhere; only this string enters events and read models.
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < 12) throw new PasswordPolicyError('a password needs at least 12 characters');
  if (password.length > 1024) throw new PasswordPolicyError('a password may have at most 1024 characters');
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r, p, maxmem });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** True when `password` matches a hash made by hashPassword (constant-time compare). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, rr, pp] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = await derive(password, salt, { N: n, r: rr, p: pp, maxmem });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
