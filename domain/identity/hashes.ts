/**
 * Identity hashes (docs/workbook-format.md, "Identity and versions"). Every input string is NFC-normalised and
 * hashed as UTF-8; results are lowercase hex SHA-256. Golden vectors computed by an
 * independent Python script live in test/reference/identity_vectors.json.
 *
 * Note that "|" is also allowed inside names, so two different (filename, fund name) pairs
 * can in principle join to the same text; the formula is kept as specified.
 */
import { canonicalJson, sha256HexOfText } from '../events/canonical.js';
import { IdentityInputError } from './errors.js';
import { SHA256_HEX } from '../hex.js';
import { identityOrgId, identityText, nfc } from './text.js';

/** sha256("file|" + orgId.lower.trim + "|" + filename.trim). */
export function fileIdentityHash(orgId: string, filename: string): string {
  return sha256HexOfText(`file|${identityOrgId(orgId)}|${identityText(filename, 'file name')}`);
}

/** sha256("fund|" + orgId.lower.trim + "|" + filename.trim + "|" + fundName.trim). */
export function fundIdentityHash(orgId: string, filename: string, fundName: string): string {
  return sha256HexOfText(`fund|${identityOrgId(orgId)}|${identityText(filename, 'file name')}|${identityText(fundName, 'fund name')}`);
}

/**
 * sha256("evergreen|" + orgId + "|" + name + "|" + sorted member hashes joined by "|").
 * The formula applies no lower-casing or trimming, so to keep one identity per evergreen
 * fund this refuses an org id that is not already lower case and trimmed, and a name with
 * surrounding white space, instead of hashing variants to different identities. Members
 * must be distinct fund identity hashes; their input order does not matter.
 */
export function evergreenIdentityHash(orgId: string, name: string, memberHashes: readonly string[]): string {
  const org = nfc(orgId, 'organisation id');
  if (org !== identityOrgId(org)) throw new IdentityInputError('organisation id must be lower case without surrounding spaces');
  const evergreenName = nfc(name, 'evergreen fund name');
  if (evergreenName !== identityText(evergreenName, 'evergreen fund name')) {
    throw new IdentityInputError('evergreen fund name must not start or end with white space');
  }
  if (memberHashes.length === 0) throw new IdentityInputError('an evergreen fund needs at least one member');
  const members = [...memberHashes].sort();
  members.forEach((hash, i) => {
    if (!SHA256_HEX.test(hash)) throw new IdentityInputError(`member ${JSON.stringify(hash)} is not a 64-hex fund identity`);
    if (i > 0 && members[i - 1] === hash) throw new IdentityInputError(`member ${hash} is listed twice`);
  });
  return sha256HexOfText(`evergreen|${org}|${evergreenName}|${members.join('|')}`);
}

/** sha256 of the canonical JSON (sorted keys, no spaces, NFC strings) of a model config. */
export function configHash(config: unknown): string {
  return sha256HexOfText(canonicalJson(config));
}
