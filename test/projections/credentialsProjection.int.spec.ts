import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import { PLATFORM_TENANT_ID } from '../../domain/events/index.js';
import type { CommandMetadata, OrganizationCommand } from '../../domain/organizations/index.js';
import { openLog, type LogAccess } from '../../ops/platform.js';
import { credentialsProjection, dropScratch, organizationsProjection, ProjectionRunner, replayReadModels } from '../../projections/index.js';
import { createTestDatabase, type TestDatabase } from '../kit/database.js';

const hashA = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA';
const hashB = '$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0MTIz$b3RoZXJoYXNob3RoZXJoYXNob3RoZXJoYXNoMQ';
const projections = [organizationsProjection, credentialsProjection];

function meta(): CommandMetadata {
  return { commandId: randomUUID(), at: new Date().toISOString(), actor: { kind: 'operator', name: 'test' } };
}

describe('credentials projection and password updates (real PostgreSQL)', () => {
  let db: TestDatabase;
  let access: LogAccess;
  const orgId = randomUUID();
  const userId = randomUUID();
  const keys = [randomUUID(), randomUUID()];
  const tokenId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase();
    access = openLog(db.ownerUrl, 3);
    const run = (command: OrganizationCommand) => handleOrganizationCommand(access.log, command, meta());
    await run({ type: 'BootstrapPlatform', orgId: PLATFORM_TENANT_ID, name: 'P', userId: randomUUID(), email: 'root@p.example', passwordHash: hashA });
    await run({ type: 'CreateOrganization', orgId, name: 'Acme' });
    await run({ type: 'InviteUser', orgId, userId, email: 'ann@acme.example', role: 'member' });
    await run({ type: 'AcceptInvitation', orgId, userId, passwordHash: hashA });
    await run({ type: 'SetUserPassword', orgId, userId, passwordHash: hashB });
    for (const [i, keyId] of keys.entries()) {
      await run({ type: 'IssueApiKey', orgId, keyId, name: `key ${i}`, role: 'member', keyHash: String(i).repeat(64), keyPrefix: `sk_live_AAA${i}` });
    }
    await run({ type: 'RevokeApiKey', orgId, keyId: keys[1] });
    await run({ type: 'IssueMachineToken', orgId: PLATFORM_TENANT_ID, tokenId, nodeName: 'node-1', scopes: ['runs:claim'], tokenHash: 'a'.repeat(64) });
    await run({ type: 'RotateMachineToken', orgId: PLATFORM_TENANT_ID, tokenId, tokenHash: 'b'.repeat(64) });
    const live = new ProjectionRunner({ pool: access.pool, feed: access.feed, projections, owner: 'live', batchSize: 3 });
    await live.catchUp();
  });
  afterAll(async () => {
    await access.close();
    await db.drop();
  });

  it('keeps the newest password hash, the keys with their revocation and the rotated token hash', async () => {
    const user = await access.pool.query('SELECT status, password_hash FROM read_models.users_v1 WHERE user_id = $1', [userId]);
    expect(user.rows).toEqual([{ status: 'active', password_hash: hashB }]);
    const apiKeys = await access.pool.query('SELECT key_id, name, role, key_hash, key_prefix, revoked_at IS NOT NULL AS revoked FROM read_models.api_keys_v1 ORDER BY name');
    expect(apiKeys.rows).toEqual([
      { key_id: keys[0], name: 'key 0', role: 'member', key_hash: '0'.repeat(64), key_prefix: 'sk_live_AAA0', revoked: false },
      { key_id: keys[1], name: 'key 1', role: 'member', key_hash: '1'.repeat(64), key_prefix: 'sk_live_AAA1', revoked: true },
    ]);
    const tokens = await access.pool.query('SELECT tenant_id, node_name, scopes, token_hash, rotated_at IS NOT NULL AS rotated FROM read_models.machine_tokens_v1');
    expect(tokens.rows).toEqual([{ tenant_id: PLATFORM_TENANT_ID, node_name: 'node-1', scopes: ['runs:claim'], token_hash: 'b'.repeat(64), rotated: true }]);
  });

  it('replays into a scratch schema equal to the live tables, and notices a tampered key hash', async () => {
    const report = await replayReadModels({ pool: access.pool, feed: access.feed, projections, owner: 'auditor' });
    expect(report.differences).toEqual([]);
    await dropScratch(access.pool, report.scratchSchema);
    await access.pool.query("UPDATE read_models.api_keys_v1 SET key_hash = repeat('f', 64) WHERE key_id = $1", [keys[0]]);
    const tampered = await replayReadModels({ pool: access.pool, feed: access.feed, projections, owner: 'auditor' });
    expect(tampered.differences.map((d) => [d.table, d.kind, d.row.key_hash])).toEqual([
      ['api_keys', 'missing', 'f'.repeat(64)],
      ['api_keys', 'unexpected', '0'.repeat(64)],
    ]);
    await dropScratch(access.pool, tampered.scratchSchema);
  });
});
