import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError } from '../../domain/errors.js';
import { GENESIS_HASH, canonicalJson, chainHashOf, computeEventHashes, entryHashOf, payloadHashOf } from '../../domain/events/canonical.js';

describe('canonicalJson', () => {
  it('sorts keys by UTF-16 code units, recursively, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { z: [3, { y: null, x: true }], B: 's' } })).toBe('{"a":{"B":"s","z":[3,{"x":true,"y":null}]},"b":1}');
    // U+00E9 (0xE9) sorts after 'z' (0x7A); U+1F600 as a surrogate pair (0xD83D...) sorts before U+FF21.
    expect(canonicalJson({ '\u00e9': 1, z: 2, '\uff21': 3, '\u{1F600}': 4 })).toBe('{"z":2,"\u00e9":1,"\u{1F600}":4,"\uff21":3}');
  });

  it('NFC-normalizes strings and keys', () => {
    const decomposed = 'Cafe\u0301';
    expect(canonicalJson({ [decomposed]: decomposed })).toBe('{"Caf\u00e9":"Caf\u00e9"}');
  });

  it('writes numbers and escapes strings as JSON.stringify does', () => {
    expect(canonicalJson([0, -0, 1.5, 1e21, 1e-7, 123456789012])).toBe('[0,0,1.5,1e+21,1e-7,123456789012]');
    expect(canonicalJson('a"b\\c\n\u0001\u007f')).toBe(JSON.stringify('a"b\\c\n\u0001\u007f'));
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['undefined property', { a: undefined }],
    ['undefined element', [1, undefined]],
    ['bigint', 1n],
    ['function', () => 1],
    ['Date', new Date(0)],
    ['lone surrogate', 'x\ud800y'],
    ['keys colliding after NFC', { 'Cafe\u0301': 1, 'Caf\u00e9': 2 }],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
  });

  it('rejects cycles but accepts shared (acyclic) references', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(CanonicalJsonError);
  });
});

describe('hash format', () => {
  const envelope = {
    tenantId: '11111111-1111-4111-8111-111111111111',
    tenantSeq: 1,
    streamId: 'org-1',
    streamVersion: 0,
    eventId: '22222222-2222-4222-8222-222222222222',
    eventType: 'ThingHappened',
    schemaVersion: 1,
    payloadHash: payloadHashOf('{"n":1}'),
    metadata: { actor: { kind: 'system', id: 'test' }, commandId: 'c', correlationId: 'c', causationId: null },
    recordedAt: '2025-01-02T03:04:05.678Z',
  };

  it('hashes the payload text as UTF-8', () => {
    expect(payloadHashOf('{"n":"é"}')).toBe(bytesToHex(sha256(utf8ToBytes('{"n":"é"}'))));
    expect(payloadHashOf('{"n":1}')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes the envelope as canonical JSON with sorted keys', () => {
    const text =
      `{"eventId":"${envelope.eventId}","eventType":"ThingHappened",` +
      '"metadata":{"actor":{"id":"test","kind":"system"},"causationId":null,"commandId":"c","correlationId":"c"},' +
      `"payloadHash":"${envelope.payloadHash}","recordedAt":"2025-01-02T03:04:05.678Z","schemaVersion":1,` +
      `"streamId":"org-1","streamVersion":0,"tenantId":"${envelope.tenantId}","tenantSeq":1}`;
    expect(entryHashOf(envelope)).toBe(bytesToHex(sha256(utf8ToBytes(text))));
  });

  it('chains over the raw digests, starting from 64 zeros', () => {
    const entry = entryHashOf(envelope);
    const bytes = new Uint8Array(64);
    for (let i = 0; i < 32; i++) bytes[32 + i] = Number.parseInt(entry.slice(2 * i, 2 * i + 2), 16);
    expect(chainHashOf(GENESIS_HASH, entry)).toBe(bytesToHex(sha256(bytes)));
    expect(() => chainHashOf('abc', entry)).toThrow(CanonicalJsonError);
  });

  it('recomputes a row and tells a changed payload from a changed envelope', () => {
    const row = { ...envelope, payload: '{"n":1}', prevHash: GENESIS_HASH };
    const good = computeEventHashes(row);
    expect(good.payloadHash).toBe(envelope.payloadHash);
    const editedPayload = computeEventHashes({ ...row, payload: '{"n":2}' });
    expect(editedPayload.payloadHash).not.toBe(envelope.payloadHash);
    expect(editedPayload.entryHash).toBe(good.entryHash);
    const editedEnvelope = computeEventHashes({ ...row, streamVersion: 1 });
    expect(editedEnvelope.payloadHash).toBe(good.payloadHash);
    expect(editedEnvelope.entryHash).not.toBe(good.entryHash);
    const redacted = computeEventHashes({ ...row, payload: null });
    expect(redacted).toEqual(good);
  });
});
