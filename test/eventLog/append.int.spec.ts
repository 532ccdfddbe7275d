import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAppend, type WireRequest } from '../../commands/eventLog/index.js';
import { ConcurrencyError, IdempotencyConflictError, ValidationError } from '../../domain/errors.js';
import type { ExpectedVersion } from '../../domain/ports/index.js';
import { newTenant, openLogFixture, thing, type LogFixture } from './fixture.js';

let f: LogFixture;
beforeAll(async () => {
  f = await openLogFixture();
});
afterAll(async () => {
  await f.close();
});

describe('expected version decision table', () => {
  // The stream is either absent or holds two events (version 1).
  const table: { expected: ExpectedVersion; exists: boolean; outcome: 'ok' | number }[] = [
    { expected: 'any', exists: false, outcome: 'ok' },
    { expected: 'any', exists: true, outcome: 'ok' },
    { expected: 'no_stream', exists: false, outcome: 'ok' },
    { expected: 'no_stream', exists: true, outcome: 1 },
    { expected: 'stream_exists', exists: false, outcome: -1 },
    { expected: 'stream_exists', exists: true, outcome: 'ok' },
    { expected: 1, exists: true, outcome: 'ok' },
    { expected: 0, exists: true, outcome: 1 },
    { expected: 2, exists: true, outcome: 1 },
    { expected: 0, exists: false, outcome: -1 },
  ];

  it.each(table)('expected $expected on a stream that exists=$exists -> $outcome', async ({ expected, exists, outcome }) => {
    const tenant = newTenant();
    const stream = `thing-${randomUUID()}`;
    if (exists) await f.log.append(tenant, stream, [thing(1), thing(2)], { expectedVersion: 'no_stream' });
    const attempt = f.log.append(tenant, stream, [thing(3)], { expectedVersion: expected });
    if (outcome === 'ok') {
      const result = await attempt;
      expect(result.nextExpectedVersion).toBe(exists ? 2 : 0);
      expect(result.positions[0].tenantSeq).toBe(exists ? 3 : 1);
      expect(result.replayed).toBe(false);
    } else {
      const error = await attempt.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect((error as ConcurrencyError).actualVersion).toBe(outcome);
      expect((error as ConcurrencyError).expectedVersion).toBe(expected);
      expect((error as ConcurrencyError).message).toContain(`actual ${outcome}`);
      const read = await f.log.readStream(tenant, stream);
      expect(read.events).toHaveLength(exists ? 2 : 0);
    }
  });
});

describe('idempotency by event id', () => {
  it('a full replay returns the original positions, whatever the expected version', async () => {
    const tenant = newTenant();
    const stream = `thing-${randomUUID()}`;
    const events = [thing(1), thing(2)];
    const first = await f.log.append(tenant, stream, events, { expectedVersion: 'no_stream' });
    await f.log.append(tenant, stream, [thing(3)], { expectedVersion: 1 });
    for (const expectedVersion of ['no_stream', 'any', 'stream_exists', 0, 7] as const) {
      const replay = await f.log.append(tenant, stream, events, { expectedVersion });
      expect(replay.replayed).toBe(true);
      expect(replay.positions).toEqual(first.positions);
      expect(replay.nextExpectedVersion).toBe(first.nextExpectedVersion);
    }
    // A replay of part of an earlier append is a replay too: all its ids are in the stream.
    const part = await f.log.append(tenant, stream, [events[1]]);
    expect(part.positions).toEqual([first.positions[1]]);
    expect((await f.log.readStream(tenant, stream)).events).toHaveLength(3);
  });

  it('a partial overlap is an error and writes nothing', async () => {
    const tenant = newTenant();
    const stream = `thing-${randomUUID()}`;
    const old = thing(1);
    await f.log.append(tenant, stream, [old]);
    await expect(f.log.append(tenant, stream, [old, thing(2)])).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(f.log.append(tenant, stream, [thing(2), old])).rejects.toThrow(/1 of 2 event ids are already recorded/);
    expect((await f.log.readStream(tenant, stream)).currentVersion).toBe(0);
  });

  it('an id recorded in another stream of the tenant is an error; another tenant may reuse it', async () => {
    const tenant = newTenant();
    const event = thing(1);
    await f.log.append(tenant, 'thing-a', [event]);
    await expect(f.log.append(tenant, 'thing-b', [event])).rejects.toThrow(/already recorded in stream thing-a/);
    const elsewhere = await f.log.append(newTenant(), 'thing-b', [event]);
    expect(elsewhere.positions[0].tenantSeq).toBe(1);
  });

  it('rejects the same id twice in one append', async () => {
    const id = randomUUID();
    await expect(f.log.append(newTenant(), 'thing-x', [thing(1, id), thing(2, id)])).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('navcast_append input checks', () => {
  const wire = (recordedAt: string, eventId = randomUUID()): WireRequest => ({
    streamId: 'thing-1',
    expected: 'any',
    events: [{ eventId, eventType: 'ThingHappened', schemaVersion: 2, payload: '{"label":"x","n":1}', metadata: '{}', recordedAt }],
  });

  it('refuses a recordedAt that does not round-trip exactly', async () => {
    await expect(callAppend(f.app, newTenant(), [wire('2025-01-01T00:00:00Z')])).rejects.toBeInstanceOf(ValidationError);
    await expect(callAppend(f.app, newTenant(), [wire('2025-01-01T00:00:00.000+01:00')])).rejects.toBeInstanceOf(ValidationError);
    const ok = await callAppend(f.app, newTenant(), [wire('2025-01-01T00:00:00.123Z')]);
    expect(ok[0]).toEqual({ status: 'ok', firstSeq: 1, firstVersion: 0 });
  });

  it('refuses a stream id that is not NFC-normalized and duplicate ids across requests', async () => {
    const request = { ...wire('2025-01-01T00:00:00.123Z'), streamId: 'thing-Cafe\u0301' };
    await expect(callAppend(f.app, newTenant(), [request])).rejects.toThrow(/NFC/);
    const id = randomUUID();
    await expect(callAppend(f.app, newTenant(), [wire('2025-01-01T00:00:00.123Z', id), { ...wire('2025-01-01T00:00:00.123Z', id), streamId: 'thing-2' }])).rejects.toThrow(/occurs twice/);
  });

  it('reports each request of one call on its own', async () => {
    const tenant = newTenant();
    const request = (streamId: string, expected: ExpectedVersion): WireRequest => ({ ...wire('2025-01-01T00:00:00.123Z'), streamId, expected });
    const outcomes = await callAppend(f.app, tenant, [request('thing-b', 'no_stream'), request('thing-a', 'stream_exists'), request('thing-b', 0), request('thing-b', 0), request('thing-a', 'any')]);
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'conflict', 'ok', 'conflict', 'ok']);
    expect(outcomes[1]).toEqual({ status: 'conflict', actual: -1 });
    expect(outcomes[3]).toEqual({ status: 'conflict', actual: 1 });
    const seqs = outcomes.flatMap((o) => (o.status === 'ok' ? [o.firstSeq] : [])).sort();
    expect(seqs).toEqual([1, 2, 3]);
  });
});
