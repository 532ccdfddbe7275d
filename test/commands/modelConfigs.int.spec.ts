/**
 * Model configuration commands on real PostgreSQL (commands/runs/modelConfigs.ts): the
 * events land on modelconfig-<id> under the platform tenant in order, a repeated command id
 * replays, and a refused command (invalid document, retired configuration) appends nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleModelConfigCommand } from '../../commands/runs/modelConfigs.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import type { CommandMetadata } from '../../domain/organizations/index.js';
import { ModelConfigError, ModelConfigRuleError, modelConfigStreamId, parseModelConfig } from '../../domain/runs/index.js';
import { openLog, type LogAccess } from '../../ops/platform.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

const operator = (): CommandMetadata => ({ commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'test' } });

describe('model configuration commands (real PostgreSQL)', () => {
  let db: TestDatabase;
  let access: LogAccess;
  beforeAll(async () => {
    db = await createTestDatabase();
    access = openLog(db.ownerUrl, 4);
  });
  afterAll(async () => {
    await access.close();
    await db.drop();
  });

  const stream = async (configId: string) => (await access.log.readStream(PLATFORM_TENANT_ID, modelConfigStreamId(configId))).events;

  it('creates, revises and retires on one stream, each event validated by the catalogue', async () => {
    const configId = randomUUID();
    await handleModelConfigCommand(access.log, { type: 'CreateModelConfig', configId, document: { name: 'Quarterly' } }, operator());
    await handleModelConfigCommand(access.log, { type: 'ReviseModelConfig', configId, document: { name: 'Quarterly', fit: { chains: 8 } } }, operator());
    await handleModelConfigCommand(access.log, { type: 'RetireModelConfig', configId }, operator());
    const events = await stream(configId);
    expect(events.map((e) => e.eventType)).toEqual(['ModelConfigCreated', 'ModelConfigRevised', 'ModelConfigRetired']);
    const revision = events[1].payload as { configHash: string; previousHash: string; document: { fit: { chains: number } } };
    expect(revision.previousHash).toBe(parseModelConfig({ name: 'Quarterly' }).configHash);
    expect(revision.configHash).toBe(parseModelConfig({ name: 'Quarterly', fit: { chains: 8 } }).configHash);
    expect(revision.document.fit.chains).toBe(8);
  });

  it('replays a repeated command id and appends nothing for a refused command', async () => {
    const configId = randomUUID();
    const meta = operator();
    const first = await handleModelConfigCommand(access.log, { type: 'CreateModelConfig', configId, document: { name: 'Weekly', fit: { windows: 'weekly' } } }, meta);
    const again = await handleModelConfigCommand(access.log, { type: 'CreateModelConfig', configId, document: { name: 'Weekly', fit: { windows: 'weekly' } } }, meta);
    expect(again.replayed).toBe(true);
    expect(again.eventIds).toEqual(first.eventIds);
    await expect(handleModelConfigCommand(access.log, { type: 'ReviseModelConfig', configId, document: { name: 'Weekly', fit: { chains: -1 } } }, operator())).rejects.toThrow(ModelConfigError);
    await handleModelConfigCommand(access.log, { type: 'RetireModelConfig', configId }, operator());
    await expect(handleModelConfigCommand(access.log, { type: 'ReviseModelConfig', configId, document: { name: 'Weekly 2' } }, operator())).rejects.toThrow(ModelConfigRuleError);
    expect((await stream(configId)).map((e) => e.eventType)).toEqual(['ModelConfigCreated', 'ModelConfigRetired']);
  });
});
