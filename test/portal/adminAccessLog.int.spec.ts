import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLogReadRefusedError, readAccessLog, recordAccess, type AccessEntry } from '../../web/services/accessLog.js';
import type { SessionPrincipal } from '../../web/auth/principal.js';
import { openPortalFixture, type FixtureUser, type PortalFixture } from '../kit/portal.js';
import { signedIn } from './adminSpecKit.js';

let f: PortalFixture;
beforeAll(async () => {
  f = await openPortalFixture();
}, 60_000);
afterAll(async () => f?.close());

function sessionOf(user: FixtureUser): SessionPrincipal {
  return { kind: 'session', userId: user.userId, orgId: user.orgId, organizationName: 'x', organizationKind: 'client', email: user.email, role: user.role, sessionHash: '0'.repeat(64) };
}

function downloadBy(user: FixtureUser, resourceId: string): AccessEntry {
  return {
    at: new Date('2026-11-26T10:00:00.123Z'),
    actor: { kind: 'user', id: user.userId, tenantId: user.orgId, email: user.email },
    tenantId: user.orgId,
    action: 'download',
    resourceType: 'deliverable',
    resourceId,
    requestId: 'req-1',
    ip: '192.0.2.7',
  };
}

describe('the access log', () => {
  it('is written by navcast_app and read back by a super_admin, newest first, filterable', async () => {
    await recordAccess(f.appPool, downloadBy(f.users.acmeMember, 'acme-report-1'));
    await recordAccess(f.appPool, downloadBy(f.users.globexMember, 'globex-report-1'));
    const all = await readAccessLog(f.appPool, sessionOf(f.users.admin), { limit: 50 });
    expect(all.map((row) => row.resourceId).slice(0, 2)).toEqual(['globex-report-1', 'acme-report-1']);
    expect(all[1]).toMatchObject({
      actorKind: 'user',
      actorId: f.users.acmeMember.userId,
      actorEmail: 'member@acme.test',
      tenantId: f.acmeOrgId,
      action: 'download',
      ip: '192.0.2.7',
      at: '2026-11-26T10:00:00.123Z',
      requestId: 'req-1',
    });
    const acme = await readAccessLog(f.appPool, sessionOf(f.users.admin), { tenantId: f.acmeOrgId, limit: 50 });
    expect(acme.every((row) => row.tenantId === f.acmeOrgId)).toBe(true);
    expect(acme.map((row) => row.resourceId)).toContain('acme-report-1');
    const byGlobex = await readAccessLog(f.appPool, sessionOf(f.users.admin), { actorId: f.users.globexMember.userId, limit: 50 });
    expect(byGlobex.map((row) => row.resourceId)).toEqual(['globex-report-1']);
    const older = await readAccessLog(f.appPool, sessionOf(f.users.admin), { beforeId: all[0].id, limit: 50 });
    expect(older[0].id).toBe(all[1].id);
  });

  it('refuses readers who are not active super_admins, in the database', async () => {
    await expect(readAccessLog(f.appPool, sessionOf(f.users.acmeAdmin), { limit: 10 })).rejects.toBeInstanceOf(AccessLogReadRefusedError);
    const forged = { ...sessionOf(f.users.acmeAdmin), role: 'super_admin' as const };
    await expect(readAccessLog(f.appPool, forged, { limit: 10 })).rejects.toBeInstanceOf(AccessLogReadRefusedError);
  });

  it('gives navcast_app no way to read, change or remove entries', async () => {
    await recordAccess(f.appPool, downloadBy(f.users.acmeMember, 'acme-report-2'));
    await expect(f.appPool.query('SELECT * FROM web.access_log')).rejects.toThrow(/permission denied/);
    await expect(f.appPool.query("UPDATE web.access_log SET resource_id = 'x'")).rejects.toThrow(/permission denied/);
    await expect(f.appPool.query('DELETE FROM web.access_log')).rejects.toThrow(/permission denied/);
    await expect(f.appPool.query('TRUNCATE web.access_log')).rejects.toThrow(/permission denied/);
  });

  it('rejects UPDATE, DELETE and TRUNCATE even from the owner', async () => {
    await recordAccess(f.appPool, downloadBy(f.users.acmeMember, 'acme-report-3'));
    const before = (await f.ownerPool.query<{ n: string }>('SELECT count(*) AS n FROM web.access_log')).rows[0].n;
    for (const statement of ["UPDATE web.access_log SET resource_id = 'tampered'", 'DELETE FROM web.access_log', 'TRUNCATE web.access_log']) {
      await expect(f.ownerPool.query(statement)).rejects.toMatchObject({ code: 'NCA02' });
    }
    const after = await f.ownerPool.query<{ n: string; tampered: string }>("SELECT count(*) AS n, count(*) FILTER (WHERE resource_id = 'tampered') AS tampered FROM web.access_log");
    expect(after.rows[0]).toEqual({ n: before, tampered: '0' });
  });

  it("shows a client's fund read and workbook download to the super_admin, filtered by organisation and user", async () => {
    const upload = await f.upload(f.users.acmeMember, 'samples/navcast-sample.csv');
    if (!upload.ok) throw new Error('fixture upload failed');
    const fund = Object.values(upload.funds)[0].identityHash;
    const viewer = await signedIn(f, f.users.acmeViewer.email);
    expect((await viewer.get(`/funds/${fund}`)).statusCode).toBe(200);
    expect((await viewer.get(`/downloads/uploads/${upload.uploadId}`)).statusCode).toBe(200);
    const admin = await signedIn(f, f.users.admin.email);
    const page = await admin.get(`/admin/access-log?orgId=${f.acmeOrgId}&actorId=${f.users.acmeViewer.userId}`);
    expect(page.statusCode).toBe(200);
    const rows = [...page.body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1).map((m) =>
      m[1]
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(rows).toEqual([
      expect.stringMatching(new RegExp(`^\\S+ \\S+ viewer@acme\\.test download upload ${upload.uploadId} Acme Pension Fund `)),
      expect.stringMatching(new RegExp(`^\\S+ \\S+ viewer@acme\\.test read fund ${fund} Acme Pension Fund `)),
    ]);
  });
});
