/**
 * Ed25519 keys of the sealer. The private key lives only in the sealer's configuration (a
 * PEM file or raw base64 seed); verifiers trust public keys by key id. The database never
 * holds either, so an attacker with database access cannot sign a checkpoint.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { SigningKeyError } from './errors.js';

/** A private key with its public half and key id. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
}

/** Public keys a verifier accepts, by key id. */
export type TrustedKeys = ReadonlyMap<string, KeyObject>;

// DER prefixes that wrap a raw 32-byte Ed25519 seed (PKCS#8) or public key (SPKI), RFC 8410.
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

function decodeBase64Exact(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw new SigningKeyError(`${what} is neither PEM nor base64`);
  return Buffer.from(compact, 'base64');
}

function requireEd25519(key: KeyObject, what: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new SigningKeyError(`${what} is a ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/** Raw 32-byte public key. */
export function rawPublicKey(publicKey: KeyObject): Buffer {
  return publicKey.export({ format: 'der', type: 'spki' }).subarray(spkiPrefix.length);
}

/** Key id: the first 16 hex characters of SHA-256 over the raw public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/** Parses a private key: PKCS#8 PEM, or base64 of the 32-byte seed (or 64-byte seed || public key). */
export function parseSigningKey(text: string): SigningKey {
  let privateKey: KeyObject;
  try {
    if (text.includes('-----BEGIN')) {
      privateKey = createPrivateKey({ key: text, format: 'pem' });
    } else {
      const raw = decodeBase64Exact(text, 'signing key');
      if (raw.length !== 32 && raw.length !== 64) throw new SigningKeyError(`raw signing key has ${raw.length} bytes, expected 32 (or 64)`);
      privateKey = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, raw.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
      if (raw.length === 64 && !rawPublicKey(createPublicKey(privateKey)).equals(raw.subarray(32))) {
        throw new SigningKeyError('the 64-byte signing key does not end with its own public key');
      }
    }
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError(`unreadable signing key: ${(error as Error).message}`, { cause: error });
  }
  requireEd25519(privateKey, 'signing key');
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/** Parses a public key: SPKI PEM or base64 of the raw 32 bytes. */
export function parsePublicKey(text: string): KeyObject {
  try {
    if (text.includes('-----BEGIN')) return requireEd25519(createPublicKey({ key: text, format: 'pem' }), 'public key');
    const raw = decodeBase64Exact(text, 'public key');
    if (raw.length !== 32) throw new SigningKeyError(`raw public key has ${raw.length} bytes, expected 32`);
    return createPublicKey({ key: Buffer.concat([spkiPrefix, raw]), format: 'der', type: 'spki' });
  } catch (error) {
    if (error instanceof SigningKeyError) throw error;
    throw new SigningKeyError(`unreadable public key: ${(error as Error).message}`, { cause: error });
  }
}

/** SPKI PEM text of a public key (what bundles and operators exchange). */
export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ format: 'pem', type: 'spki' }).toString();
}

/** A trust set of the given public keys. */
export function trustKeys(...publicKeys: KeyObject[]): TrustedKeys {
  return new Map(publicKeys.map((key) => [keyIdOf(key), key]));
}

/** A fresh key pair (for `navcast audit keygen` and tests). */
export function generateSigningKey(): SigningKey & { readonly privateKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString() };
}
