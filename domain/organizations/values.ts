import { z } from 'zod';

/**
 * Ids are UUIDs generated outside the domain and passed in with each command; kept as
 * lowercase text, the form PostgreSQL prints and the log hashes.
 */
export const EntityId = z.uuid().transform((id) => id.toLowerCase());

/**
 * An e-mail address as stored: NFC-normalised, trimmed and lower-cased, so that
 * "Ann@X.com " and "ann@x.com" are one user.
 */
export const EmailAddress = z
  .string()
  .transform((raw) => raw.normalize('NFC').trim().toLowerCase())
  .pipe(z.email());
export type EmailAddress = z.infer<typeof EmailAddress>;

/** An organisation's display name: trimmed, NFC, 1-200 characters. */
export const OrganizationName = z
  .string()
  .transform((raw) => raw.normalize('NFC').trim())
  .pipe(z.string().min(1).max(200));

/**
 * A password hash: an argon2id PHC string (`$argon2id$v=19$m=..,t=..,p=..$salt$hash`, salt and
 * hash unpadded base64), or the older `scrypt$N$r$p$salt$hash` form of existing accounts. The
 * domain never sees a plaintext password, it only checks the shape.
 */
export const PasswordHash = z
  .string()
  .regex(/^(\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+|scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+)$/);

/** An instant as an ISO-8601 UTC string, e.g. 2026-01-31T12:00:00.000Z. */
export const Instant = z.iso.datetime();
