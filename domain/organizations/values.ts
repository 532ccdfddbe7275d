import { Sha256Hex } from '../hex.js';
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
export const PasswordHash = z.string().regex(/^(\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+|scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+)$/);

/** SHA-256 (lowercase hex) of a bearer secret (API key, machine token): all the platform keeps of it. */
export const SecretHash = Sha256Hex;

/** The first 12 characters of an API key (`sk_live_` and 4 more), shown in lists to tell keys apart. */
export const ApiKeyPrefix = z.string().regex(/^sk_live_[A-Za-z0-9_-]{4}$/);

/** A person-given label (API key name, sampler node name): trimmed, NFC, 1-100 characters. */
export const Label = z
  .string()
  .transform((raw) => raw.normalize('NFC').trim())
  .pipe(z.string().min(1).max(100));

/** What a machine token allows, e.g. `runs:claim`: lowercase words joined by `:`, `.`, `_` or `-`. */
export const MachineScope = z
  .string()
  .regex(/^[a-z][a-z0-9]*([:._-][a-z0-9]+)*$/)
  .max(64);

/** An instant as an ISO-8601 UTC string, e.g. 2026-01-31T12:00:00.000Z. */
export const Instant = z.iso.datetime();
