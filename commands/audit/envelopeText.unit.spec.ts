import { describe, expect, it } from 'vitest';
import { canonicalJson, referenceCanonicalJson, type EntryEnvelope } from '../../domain/events/canonical.js';
import { envelopeText } from './envelopeText.js';

/** Deterministic generator (mulberry32) so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces chosen to hit every branch of the format: escapes, controls, NFC-changing
// sequences, astral characters, lone surrogates, characters that sort differently by code
// unit and by code point.
const pieces = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\u0000', '\u001f', '\u007f', 'é', 'e\u0301', 'Å', 'A\u030a', '\u212b', '😀', '\ud800', '\udc00', '\uffff', '\u2028', 'ß', '_', '-', '0'];
const numbers = [0, -0, 1, -1, 0.1, 1e21, 1e-7, 123456789.125, Number.MAX_SAFE_INTEGER, 5e-324, Number.NaN, Number.POSITIVE_INFINITY];

function randomString(next: () => number): string {
  let s = '';
  const length = Math.floor(next() * 6);
  for (let i = 0; i < length; i++) s += pieces[Math.floor(next() * pieces.length)];
  return s;
}

function randomValue(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return next() < 0.5;
    case 2:
      return numbers[Math.floor(next() * numbers.length)];
    case 3:
    case 4:
      return next() < 0.5 ? randomString(next) : 'plain-ascii_text 123';
    case 5:
      return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      const keys = Math.floor(next() * 5);
      for (let i = 0; i < keys; i++) object[next() < 0.6 ? `k${Math.floor(next() * 20)}` : randomString(next)] = randomValue(next, depth + 1);
      return object;
    }
  }
}

function outcome(write: (v: unknown) => string, value: unknown): string {
  try {
    return `ok:${write(value)}`;
  } catch (error) {
    // The fast path hands unusual values to the reference writer, so codes (and messages) agree.
    return `error:${(error as { code?: string }).code ?? (error as Error).name}`;
  }
}

describe('canonical JSON fast path', () => {
  it('writes exactly what the reference writer writes (or fails the same way) on 20,000 random values', () => {
    const next = random(20260102);
    let delegated = 0;
    for (let i = 0; i < 20_000; i++) {
      const value = randomValue(next, 0);
      const expected = outcome(referenceCanonicalJson, value);
      if (expected.startsWith('error')) delegated++;
      expect(outcome(canonicalJson, value)).toBe(expected);
    }
    // The generator must exercise the failure paths too, or the comparison proves less.
    expect(delegated).toBeGreaterThan(100);
  });

  it('handles undefined members, class instances, cycles and deep nesting like the reference writer', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100; i++) deep = { d: [deep] };
    for (const value of [{ a: undefined }, [undefined], new Date(0), cyclic, deep, { b: 1n }, { 'e\u0301': 1, é: 2 }]) {
      expect(outcome(canonicalJson, value)).toBe(outcome(referenceCanonicalJson, value));
    }
  });

  it('writes the entry envelope exactly as canonicalJson of its fields', () => {
    const envelope: EntryEnvelope = {
      tenantId: '0b7e4a52-9d3c-4f0e-8a61-2f5d9c3b1e47',
      tenantSeq: 12,
      streamId: 'org-Zürich-é',
      streamVersion: 0,
      eventId: '1b7e4a52-9d3c-4f0e-8a61-2f5d9c3b1e47',
      eventType: 'UserInvited',
      schemaVersion: 2,
      payloadHash: 'ab'.repeat(32),
      metadata: { actor: { kind: 'user', id: 'Ann "A" \\ O\u0301' }, commandId: 'c', correlationId: 'c', causationId: null, extra: [1.5, true] },
      recordedAt: '2026-01-02T03:04:05.678Z',
    };
    const { tenantId, tenantSeq, streamId, streamVersion, eventId, eventType, schemaVersion, payloadHash, metadata, recordedAt } = envelope;
    expect(envelopeText(envelope)).toBe(referenceCanonicalJson({ tenantId, tenantSeq, streamId, streamVersion, eventId, eventType, schemaVersion, payloadHash, metadata, recordedAt }));
  });
});
