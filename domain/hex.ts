/**
 * The one form of a SHA-256 digest in NAVcast: 64 lowercase hex digits (identity hashes,
 * data hashes, payload and chain hashes, blob digests, secret hashes).
 */
import { z } from 'zod';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A SHA-256 digest as text, for zod schemas. */
export const Sha256Hex = z.string().regex(SHA256_HEX, '64 lowercase hex characters (a SHA-256 digest)');
