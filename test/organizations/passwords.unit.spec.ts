import { describe, expect, it } from 'vitest';
import { hashPassword, PasswordPolicyError, verifyPassword } from '../../commands/organizations/index.js';
import { PasswordHash } from '../../domain/organizations/index.js';

describe('password hashing (scrypt)', () => {
  it('hashes to the stored shape without the plaintext, salted, and verifies only the right password', async () => {
    const password = 'correct horse battery staple';
    const [a, b] = [await hashPassword(password), await hashPassword(password)];
    expect(PasswordHash.safeParse(a).success).toBe(true);
    expect(a).not.toContain(password);
    expect(a).not.toBe(b); // a fresh salt each time
    expect(await verifyPassword(password, a)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', a)).toBe(false);
    expect(await verifyPassword(password, 'plain-text')).toBe(false);
  });

  it('refuses passwords shorter than 12 characters', async () => {
    await expect(hashPassword('short')).rejects.toBeInstanceOf(PasswordPolicyError);
  });
});
