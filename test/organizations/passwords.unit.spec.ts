import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, PasswordPolicyError, verifyPassword } from '../../commands/organizations/index.js';
import { PasswordHash } from '../../domain/organizations/index.js';

const password = 'correct horse battery staple';

/** An old-form hash as the scrypt implementation wrote it (small N to keep the test quick). */
function legacyScryptHash(plain: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(plain.normalize('NFC'), salt, 32, { N: 2 ** 10, r: 8, p: 1 });
  return `scrypt$${2 ** 10}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

describe('password hashing (argon2id, scrypt still verified)', () => {
  it('hashes with argon2id at the OWASP parameters into a PHC string, salted, without the plaintext', async () => {
    const [a, b] = [await hashPassword(password), await hashPassword(password)];
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(PasswordHash.safeParse(a).success).toBe(true);
    expect(a).not.toContain(password);
    expect(a).not.toBe(b); // a fresh salt each time
    expect(await verifyPassword(password, a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
  });

  it('verifies the old scrypt form of existing accounts, and the domain still accepts it', async () => {
    const legacy = legacyScryptHash(password);
    expect(PasswordHash.safeParse(legacy).success).toBe(true);
    expect(await verifyPassword(password, legacy)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', legacy)).toBe(false);
  });

  it('matches nothing against malformed or foreign hashes, which the domain refuses', async () => {
    for (const stored of ['plain-text', '$argon2id$v=19$m=19456,t=2,p=1$broken', '$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g', 'scrypt$1024$8$1$$']) {
      expect(await verifyPassword(password, stored)).toBe(false);
      expect(PasswordHash.safeParse(stored).success).toBe(false);
    }
  });

  it('refuses passwords shorter than 12 or longer than 1024 characters', async () => {
    await expect(hashPassword('short')).rejects.toBeInstanceOf(PasswordPolicyError);
    await expect(hashPassword('x'.repeat(1025))).rejects.toBeInstanceOf(PasswordPolicyError);
  });
});
