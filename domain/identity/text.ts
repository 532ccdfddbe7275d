import { z } from 'zod';
import { SHA256_HEX } from '../hex.js';
import { IdentityInputError } from './errors.js';

/**
 * The characters that "trim" removes in every identity formula: exactly the set that
 * ECMAScript's String.prototype.trim removes (WhiteSpace and LineTerminator), written out
 * so that other implementations (test/reference/identity_vectors.py) can match it.
 */
export const TRIMMED_CHARACTERS = '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** NFC form of `text`; refuses lone surrogates, which have no UTF-8 encoding. */
export function nfc(text: string, what: string): string {
  if (loneSurrogate.test(text)) throw new IdentityInputError(`${what} contains a lone UTF-16 surrogate`);
  return text.normalize('NFC');
}

/** NFC, then trimmed; refuses a result that is empty. Case is kept. */
export function identityText(text: string, what: string): string {
  const result = nfc(text, what).trim();
  if (result.length === 0) throw new IdentityInputError(`${what} is empty`);
  return result;
}

/** An organisation id as hashed: NFC, trimmed, lower case. */
export function identityOrgId(orgId: string): string {
  return identityText(orgId, 'organisation id').toLowerCase();
}

/** A fund identity hash as a zod schema (route parameters, API bodies): the platform's one SHA-256 form (domain/hex.ts). */
export const IdentityHash = z.string().regex(SHA256_HEX, 'a fund identity hash: 64 lowercase hex digits');
