import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FundData } from '../../domain/funds/index.js';
import { IdentityInputError, canonicalFundTable, canonicalNumber, configHash, dataHash, evergreenIdentityHash, fileIdentityHash, fundIdentityHash } from '../../domain/identity/index.js';

/** Expected values come from test/reference/identity_vectors.py (Python hashlib + unicodedata). */
interface Vectors {
  identity: { label: string; orgId: string; filename: string; fundName: string; fileIdentityHash: string; fundIdentityHash: string }[];
  evergreen: { label: string; orgId: string; name: string; members: string[]; evergreenIdentityHash: string }[];
  config: { label: string; config: unknown; canonicalJson: string; configHash: string }[];
  data: { label: string; data: FundData; canonicalTable: string; dataHash: string }[];
}
const vectors = JSON.parse(readFileSync(new URL('../reference/identity_vectors.json', import.meta.url), 'utf8')) as Vectors;
const byLabel = (label: string) => vectors.identity.find((v) => v.label === label)!;

describe('identity hashes against the Python golden vectors', () => {
  it.each(vectors.identity.map((v) => [v.label, v] as const))('file and fund hash: %s', (_label, v) => {
    expect(fileIdentityHash(v.orgId, v.filename)).toBe(v.fileIdentityHash);
    expect(fundIdentityHash(v.orgId, v.filename, v.fundName)).toBe(v.fundIdentityHash);
  });

  it.each(vectors.evergreen.map((v) => [v.label, v] as const))('evergreen hash: %s', (_label, v) => {
    expect(evergreenIdentityHash(v.orgId, v.name, v.members)).toBe(v.evergreenIdentityHash);
  });

  it.each(vectors.config.map((v) => [v.label, v] as const))('config hash: %s', (_label, v) => {
    expect(configHash(v.config)).toBe(v.configHash);
  });

  it.each(vectors.data.map((v) => [v.label, v] as const))('data hash and canonical table: %s', (_label, v) => {
    expect(canonicalFundTable(v.data)).toBe(v.canonicalTable);
    expect(dataHash(v.data)).toBe(v.dataHash);
  });
});

describe('identity rules', () => {
  it('gives NFC and NFD spellings of a name the same hash, and the fixture really holds both spellings', () => {
    const composed = byLabel('accented NFC');
    const decomposed = byLabel('accented NFD');
    expect(decomposed.fundName).not.toBe(composed.fundName);
    expect(decomposed.fundName.normalize('NFC')).toBe(composed.fundName);
    expect(decomposed.fundIdentityHash).toBe(composed.fundIdentityHash);
    expect(decomposed.fileIdentityHash).toBe(composed.fileIdentityHash);
  });

  it('trims surrounding white space (NBSP, ideographic space, tab) but keeps inner spaces and case', () => {
    expect(byLabel('surrounding spaces').fundIdentityHash).toBe(byLabel('ascii').fundIdentityHash);
    expect(byLabel('inner spaces kept').fundIdentityHash).not.toBe(byLabel('ascii').fundIdentityHash);
    expect(byLabel('ascii upper case kept').fundIdentityHash).not.toBe(byLabel('ascii').fundIdentityHash);
    expect(byLabel('ascii (messy org id)').fundIdentityHash).toBe(byLabel('ascii').fundIdentityHash);
  });

  it('produces 64 lowercase hex characters and separates file from fund hashes', () => {
    const v = byLabel('CJK');
    expect(v.fundIdentityHash).toMatch(/^[0-9a-f]{64}$/);
    expect(fileIdentityHash(v.orgId, v.filename)).not.toBe(fundIdentityHash(v.orgId, v.filename, v.fundName));
  });

  it.each([
    ['empty file name', () => fileIdentityHash('org', ' \t ')],
    ['empty fund name', () => fundIdentityHash('org', 'a.xlsx', '\u3000')],
    ['lone surrogate', () => fundIdentityHash('org', 'a.xlsx', 'bad \ud800 name')],
    ['evergreen with upper-case org id', () => evergreenIdentityHash('ORG', 'E', ['a'.repeat(64)])],
    ['evergreen name with spaces', () => evergreenIdentityHash('org', ' E', ['a'.repeat(64)])],
    ['evergreen without members', () => evergreenIdentityHash('org', 'E', [])],
    ['evergreen member not a hash', () => evergreenIdentityHash('org', 'E', ['A'.repeat(64)])],
    ['evergreen member twice', () => evergreenIdentityHash('org', 'E', ['a'.repeat(64), 'a'.repeat(64)])],
  ])('refuses %s', (_label, hash) => {
    expect(hash).toThrow(IdentityInputError);
  });

  it('writes canonical numbers in plain decimal', () => {
    expect(canonicalNumber(-0)).toBe('0');
    expect(canonicalNumber(1e21)).toBe('1000000000000000000000');
    expect(canonicalNumber(1.5e-7)).toBe('0.00000015');
    expect(canonicalNumber(-2.5e-9)).toBe('-0.0000000025');
    expect(canonicalNumber(1.2345e22)).toBe('12345000000000000000000');
    expect(canonicalNumber(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(() => canonicalNumber(Number.NaN)).toThrow(RangeError);
  });

  it('does not depend on row order, and changes when any value changes', () => {
    const data = vectors.data[0].data;
    const reversed: FundData = {
      ...data,
      contributions: [...data.contributions].reverse(),
      navs: [...data.navs].reverse(),
      prices: [...data.prices].reverse(),
    };
    expect(dataHash(reversed)).toBe(dataHash(data));
    const changed: FundData = { ...data, attributes: { ...data.attributes, commitment: data.attributes.commitment + 1 } };
    expect(dataHash(changed)).not.toBe(dataHash(data));
    const flagged: FundData = { ...data, distributions: data.distributions.map((d) => ({ ...d, liquidating: false })) };
    expect(dataHash(flagged)).not.toBe(dataHash(data));
  });
});
