/**
 * The one command handler (commands/handleCommand.ts) on real PostgreSQL: idempotency by
 * command id, retry on a concurrent writer, a conflict thrown after the last attempt, and a
 * refused command that leaves nothing behind.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleCommand } from '../../commands/handleCommand.js';
import { ConcurrencyError } from '../../domain/errors.js';
import { ForbiddenError, organizationDecider, organizationStreamId, type CommandMetadata, type OrganizationCommand } from '../../domain/organizations/index.js';
import type { EventLog } from '../../domain/ports/index.js';
import { openLog, type LogAccess } from '../../ops/platform.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

const operator = (): CommandMetadata => ({ commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'test' } });

describe('handleCommand (real PostgreSQL)', () => {
  let db: TestDatabase;
  let access: LogAccess;
  beforeAll(async () => {
    db = await createTestDatabase();
    access = openLog(db.ownerUrl, 8);
  });
  afterAll(async () => {
    await access.close();
    await db.drop();
  });

  const target = (orgId: string) => ({ tenantId: orgId, streamId: organizationStreamId(orgId) });
  const create = async (orgId: string) => await handleCommand(access.log, organizationDecider, target(orgId), { type: 'CreateOrganization', orgId, name: 'Handler Ltd' }, operator());
  const invite = (orgId: string): OrganizationCommand => ({ type: 'InviteUser', orgId, userId: randomUUID(), email: `${randomUUID()}@handler.example`, role: 'member' });

  it('returns the first events for a repeated command id and appends nothing twice', async () => {
    const orgId = randomUUID();
    await create(orgId);
    const meta = operator();
    const command = invite(orgId);
    const first = await handleCommand(access.log, organizationDecider, target(orgId), command, meta);
    const again = await handleCommand(access.log, organizationDecider, target(orgId), command, meta);
    expect(first.replayed).toBe(false);
    expect(again.replayed).toBe(true);
    expect(again.eventIds).toEqual(first.eventIds);
    expect(again.events).toEqual(first.events);
    const { events } = await access.log.readStream(orgId, organizationStreamId(orgId));
    expect(events.map((e) => e.eventType)).toEqual(['OrganizationCreated', 'UserInvited']);
  });

  it('decides again on a concurrent writer, so eight racing invitations all land with dense versions', async () => {
    const orgId = randomUUID();
    await create(orgId);
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => handleCommand(access.log, organizationDecider, target(orgId), invite(orgId), operator(), { maxAttempts: 20 })));
    expect(outcomes.every((o) => o.events.length === 1 && !o.replayed)).toBe(true);
    const { events, currentVersion } = await access.log.readStream(orgId, organizationStreamId(orgId));
    expect(currentVersion).toBe(8);
    expect(events.map((e) => e.streamVersion)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('throws the conflict after the last attempt and records nothing of the command', async () => {
    const orgId = randomUUID();
    await create(orgId);
    // A log on which another writer always appends between this handler's read and its append.
    let reads = 0;
    const log = access.log;
    const contended: EventLog = {
      append: log.append.bind(log),
      readStream: async (...args: Parameters<EventLog['readStream']>) => {
        const stream = await access.log.readStream(...args);
        reads++;
        await handleCommand(access.log, organizationDecider, target(orgId), invite(orgId), operator());
        return stream;
      },
    };
    const meta = operator();
    await expect(handleCommand(contended, organizationDecider, target(orgId), invite(orgId), meta, { maxAttempts: 3 })).rejects.toBeInstanceOf(ConcurrencyError);
    expect(reads).toBe(3);
    const { events } = await access.log.readStream(orgId, organizationStreamId(orgId));
    expect(events.filter((e) => e.metadata.commandId === meta.commandId)).toEqual([]);
    expect(events).toHaveLength(1 + 3);
  });

  it('leaves no events when the decider refuses', async () => {
    const orgId = randomUUID();
    await create(orgId);
    const viewer: CommandMetadata = { ...operator(), actor: { kind: 'user', userId: randomUUID(), orgId, role: 'viewer' } };
    await expect(handleCommand(access.log, organizationDecider, target(orgId), invite(orgId), viewer)).rejects.toBeInstanceOf(ForbiddenError);
    const { events } = await access.log.readStream(orgId, organizationStreamId(orgId));
    expect(events.map((e) => e.eventType)).toEqual(['OrganizationCreated']);
  });
});
