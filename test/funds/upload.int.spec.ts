import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleUpload, type UploadResult } from '../../commands/funds/index.js';
import { fundIdentityHash } from '../../domain/identity/index.js';
import { ForbiddenError } from '../../domain/organizations/index.js';
import { listFundDataVersions, listFundIdentities, resolveFundIdentity, withTenant } from '../../read-models/index.js';
import { csvWorkbook, eventCount, memberOf, meta, openFundsFixture, type FundsFixture } from './fundsKit.js';

function accepted(result: UploadResult) {
  if (!result.ok) throw new Error(`upload rejected: ${JSON.stringify(result.problems)}`);
  return result;
}

describe('uploads: identities, versions, renames, duplicates (real PostgreSQL)', () => {
  let f: FundsFixture;
  const org = randomUUID();
  const upload = (filename: string, bytes: Uint8Array, m = meta(memberOf(org))) => handleUpload(f.deps, { orgId: org, filename, bytes, source: 'portal' }, m);

  beforeAll(async () => {
    f = await openFundsFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  it('records a new fund, then a new version, then ignores the same data', async () => {
    const first = accepted(await upload('book.csv', csvWorkbook([{ name: 'Alpha Fund' }, { name: 'Beta Fund' }])));
    expect(first.funds['Alpha Fund']).toMatchObject({ identityHash: fundIdentityHash(org, 'book.csv', 'Alpha Fund'), version: 1, outcome: 'new' });
    expect(first.replayed).toBe(false);
    expect(await f.blobs.exists(first.blobKey)).toBe(true);
    const second = accepted(await upload('book.csv', csvWorkbook([{ name: 'Alpha Fund', navs: [1_000_000, 1_100_000] }, { name: 'Beta Fund' }])));
    expect(second.funds['Alpha Fund']).toMatchObject({ version: 2, outcome: 'new_version' });
    expect(second.funds['Beta Fund']).toMatchObject({ version: 1, outcome: 'duplicate' });
    // One transaction per upload; within it the log orders events by stream id.
    const events = await f.pool.query('SELECT event_type FROM events WHERE tenant_id = $1 ORDER BY tenant_seq', [org]);
    const types = events.rows.map((r) => r.event_type as string);
    expect(types.slice(0, 5).sort()).toEqual(['FileUploaded', 'FundDataVersionRecorded', 'FundDataVersionRecorded', 'FundIdentityRegistered', 'FundIdentityRegistered']);
    expect(types.slice(5).sort()).toEqual(['DuplicateDataIgnored', 'FileUploaded', 'FundDataVersionRecorded']);
    await f.catchUp();
    await withTenant(f.pool, org, async (db) => {
      const versions = await listFundDataVersions(db, first.funds['Alpha Fund'].identityHash);
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      expect(versions[1].data.navs.map((n) => n.amount)).toEqual([1_000_000, 1_100_000]);
      expect((await listFundIdentities(db)).map((i) => [i.fundName, i.latestVersion])).toEqual([
        ['Alpha Fund', 2],
        ['Beta Fund', 1],
      ]);
    });
  });

  it('is idempotent by command id: the same command again appends nothing and reports the same outcome', async () => {
    const m = meta(memberOf(org));
    const bytes = csvWorkbook([{ name: 'Gamma Fund' }]);
    const first = accepted(await upload('gamma.csv', bytes, m));
    const before = await eventCount(f.pool, org);
    const again = accepted(await upload('gamma.csv', bytes, m));
    expect(again.replayed).toBe(true);
    expect(again.funds).toEqual(first.funds);
    expect(await eventCount(f.pool, org)).toBe(before);
  });

  it('detects a rename (same fund name, other file), aliases old -> new, and resolves the chain', async () => {
    const a = accepted(await upload('2023.csv', csvWorkbook([{ name: 'Delta Fund' }])));
    const b = accepted(await upload('2024.csv', csvWorkbook([{ name: 'Delta Fund', navs: [5, 6] }])));
    const c = accepted(await upload('2025.csv', csvWorkbook([{ name: 'Delta Fund', navs: [5, 6, 7] }])));
    expect(b.funds['Delta Fund']).toMatchObject({ outcome: 'renamed', version: 1 });
    expect(c.funds['Delta Fund'].outcome).toBe('renamed');
    await f.catchUp();
    const [idA, idB, idC] = [a, b, c].map((r) => r.funds['Delta Fund'].identityHash);
    await withTenant(f.pool, org, async (db) => {
      expect(await resolveFundIdentity(db, idA)).toEqual({ identity: idC, path: [idA, idB, idC] });
    });
    // Back to the first file: its old alias is dropped, so the chain has no cycle.
    const back = accepted(await upload('2023.csv', csvWorkbook([{ name: 'Delta Fund' }])));
    expect(back.funds['Delta Fund']).toMatchObject({ identityHash: idA, outcome: 'renamed', version: 1 });
    await f.catchUp();
    await withTenant(f.pool, org, async (db) => {
      expect((await resolveFundIdentity(db, idB)).identity).toBe(idA);
      expect((await resolveFundIdentity(db, idA)).path).toEqual([idA]);
    });
  });

  it('keeps versions dense under concurrent uploads of the same fund', async () => {
    const uploads = Array.from({ length: 6 }, (_, i) => upload('race.csv', csvWorkbook([{ name: 'Race Fund', navs: [1000 + i] }])));
    const results = (await Promise.all(uploads)).map(accepted);
    const versions = results.map((r) => r.funds['Race Fund'].version).sort((x, y) => x - y);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6]);
    expect(results.filter((r) => r.funds['Race Fund'].outcome === 'new')).toHaveLength(1);
    await f.catchUp();
    await withTenant(f.pool, org, async (db) => {
      const stored = await listFundDataVersions(db, results[0].funds['Race Fund'].identityHash);
      expect(stored.map((v) => v.version)).toEqual([1, 2, 3, 4, 5, 6]);
    });
    const registered = await f.pool.query("SELECT count(*)::int AS n FROM events WHERE tenant_id = $1 AND event_type = 'FundIdentityRegistered' AND payload::jsonb->>'fundName' = 'Race Fund'", [org]);
    expect(registered.rows[0].n).toBe(1);
  });

  it('refuses viewers and members of other organisations before storing anything', async () => {
    const bytes = csvWorkbook([{ name: 'Forbidden Fund' }]);
    for (const actor of [memberOf(org, 'viewer'), memberOf(randomUUID(), 'org_admin')]) {
      await expect(upload('x.csv', bytes, meta(actor))).rejects.toBeInstanceOf(ForbiddenError);
    }
    const { sha256Hex } = await import('../../ops/blobs/index.js');
    expect(await f.blobs.exists(`uploads/${org}/${sha256Hex(bytes)}`)).toBe(false);
  });
});
