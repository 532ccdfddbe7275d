/**
 * Group commit of the access log (web/services/accessLogBatches.ts): concurrent reads share
 * INSERTs and each still resolves only once its row is committed; a row the database refuses
 * fails its own request and no other. Real PostgreSQL as navcast_app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAccess, type AccessEntry } from '../../web/services/accessLog.js';
import { openPortalFixture, type PortalFixture } from '../kit/portal.js';

let f: PortalFixture;
beforeAll(async () => {
  f = await openPortalFixture();
}, 60_000);
afterAll(async () => f?.close());

function read(resourceId: string): AccessEntry {
  const user = f.users.acmeMember;
  return {
    at: new Date(),
    actor: { kind: 'user', id: user.userId, tenantId: user.orgId, email: user.email },
    tenantId: user.orgId,
    action: 'read',
    resourceType: 'fund',
    resourceId,
    requestId: 'req',
    ip: '192.0.2.9',
  };
}

async function recorded(prefix: string): Promise<string[]> {
  const { rows } = await f.ownerPool.query<{ resource_id: string }>('SELECT resource_id FROM web.access_log WHERE resource_id LIKE $1 ORDER BY resource_id', [`${prefix}%`]);
  return rows.map((r) => r.resource_id);
}

describe('access-log batches', () => {
  it('records 40 concurrent reads in fewer INSERTs than rows, each committed when its promise resolves', async () => {
    const inserts: number[] = [];
    const pool = { query: (text: string, values?: unknown[]) => (inserts.push((values ?? []).length / 11), f.appPool.query(text, values)) };
    const ids = Array.from({ length: 40 }, (_, i) => `batch-${String(i).padStart(2, '0')}`);
    await Promise.all(ids.map((id) => recordAccess(pool as never, read(id))));
    expect(await recorded('batch-')).toEqual(ids);
    expect(inserts.reduce((a, b) => a + b, 0)).toBe(40);
    expect(inserts.length).toBeLessThan(40);
    expect(inserts[0]).toBe(1); // the first waits for nobody
  });

  it('fails only the request whose row is refused', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `mixed-${i}`);
    const results = await Promise.allSettled(ids.map((id, i) => recordAccess(f.appPool, read(i === 4 ? `mixed-4-${'x'.repeat(400)}` : id))));
    expect(results.map((r) => r.status)).toEqual(ids.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    expect(await recorded('mixed-')).toEqual(ids.filter((_, i) => i !== 4));
  });
});
