/**
 * The orphan sweep's rules on a real log (docs/operations.md, "Blob sweep"): what is kept
 * (referenced, in grace, unsure: a redacted upload event, an organisation the connection
 * cannot see), what goes, that a blob put again between listing and deleting stays, and
 * that an upload whose old copy of its bytes the sweep took meanwhile stores them again.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BlobKindRule, sweepBlobs, uploadBlobRule } from '../../commands/blobs/index.js';
import { recordRedaction } from '../../commands/eventLog/index.js';
import { handleUpload, type UploadResult } from '../../commands/funds/index.js';
import { handleOrganizationCommand } from '../../commands/organizations/index.js';
import type { BlobStore } from '../../domain/ports/blobStore.js';
import { setRolePasswords } from '../../ops/db/roles.js';
import { csvWorkbook, memberOf, meta, openFundsFixture, type FundsFixture } from '../funds/fundsKit.js';

const LATER = () => new Date(Date.now() + 2 * 3600 * 1000); // every blob of this file is then past the hour of grace
let f: FundsFixture;
let projector: pg.Pool;
let app: pg.Pool;

async function organization(): Promise<string> {
  const orgId = randomUUID();
  await handleOrganizationCommand(f.log, { type: 'CreateOrganization', orgId, name: `Sweep ${orgId.slice(0, 8)}` }, meta());
  return orgId;
}

function accepted(result: UploadResult) {
  if (!result.ok) throw new Error(`upload rejected: ${JSON.stringify(result.problems)}`);
  return result;
}

const orphanIn = async (orgId: string, text: string) => (await f.blobs.put(new TextEncoder().encode(text), { namespace: `uploads/${orgId}` })).key;

beforeAll(async () => {
  f = await openFundsFixture();
  const urls = await setRolePasswords(f.db.ownerUrl, 'navcast-test');
  projector = new pg.Pool({ connectionString: urls.projector, max: 2 });
  app = new pg.Pool({ connectionString: urls.app, max: 2 });
}, 120_000);
afterAll(async () => {
  await projector?.end();
  await app?.end();
  await f?.close();
});

describe('the upload blob rule', () => {
  it('removes orphans past the grace period and keeps referenced, young and unsure blobs, in batches', async () => {
    const org = await organization();
    const kept = accepted(await handleUpload(f.deps, { orgId: org, filename: 'kept.csv', bytes: csvWorkbook([{ name: 'Kept Fund' }]), source: 'portal' }, meta(memberOf(org))));
    const orphans = await Promise.all(['one', 'two', 'three'].map((text) => orphanIn(org, text)));
    const stranger = await orphanIn(randomUUID(), 'an organisation this database never had');

    const dry = await sweepBlobs(f.blobs, [uploadBlobRule(projector)], { now: LATER(), dryRun: true, batchSize: 2 });
    expect(dry.orphans.map((o) => o.key).sort()).toEqual([...orphans].sort());
    for (const key of orphans) expect(await f.blobs.exists(key)).toBe(true);
    expect(await sweepBlobs(f.blobs, [uploadBlobRule(projector)], { dryRun: true })).toMatchObject({ orphans: [] }); // now: all in grace

    const report = await sweepBlobs(f.blobs, [uploadBlobRule(projector)], { now: LATER(), batchSize: 2 });
    expect(report.orphans.map((o) => o.key).sort()).toEqual([...orphans].sort());
    expect(report.kept).toEqual([{ key: stranger, reason: expect.stringContaining('no event of this organisation is visible') }]);
    for (const key of orphans) expect(await f.blobs.exists(key)).toBe(false);
    expect(await f.blobs.exists(kept.blobKey)).toBe(true);
    expect(await f.blobs.exists(stranger)).toBe(true);
  });

  it('keeps every unreferenced blob of an organisation one of whose upload events was redacted', async () => {
    const org = await organization();
    const upload = accepted(await handleUpload(f.deps, { orgId: org, filename: 'erased.csv', bytes: csvWorkbook([{ name: 'Erased Fund' }]), source: 'portal' }, meta(memberOf(org))));
    const event = await f.pool.query<{ event_id: string; stream_id: string }>("SELECT event_id, stream_id FROM events WHERE tenant_id = $1 AND event_type = 'FileUploaded'", [org]);
    await recordRedaction(f.pool, f.log, {
      tenantId: org,
      streamId: event.rows[0].stream_id,
      eventId: randomUUID(),
      targetEventId: event.rows[0].event_id,
      reason: 'erasure request',
      metadata: { actor: { kind: 'system', id: 'test' }, commandId: randomUUID(), correlationId: randomUUID(), causationId: null },
    });
    const report = await sweepBlobs(f.blobs, [uploadBlobRule(projector)], { now: LATER() });
    expect(report.kept).toContainEqual({ key: upload.blobKey, reason: 'a redacted FileUploaded event of this organisation may have named it' });
    expect(report.orphans.map((o) => o.key)).not.toContain(upload.blobKey);
    expect(await f.blobs.exists(upload.blobKey)).toBe(true);
  });

  it('fails safe on a connection that sees one tenant at most: the application role removes nothing', async () => {
    const org = await organization();
    const orphan = await orphanIn(org, 'seen by the projector only');
    const report = await sweepBlobs(f.blobs, [uploadBlobRule(app)], { now: LATER() });
    expect(report.orphans).toEqual([]);
    expect(report.kept.map((k) => k.key)).toContain(orphan);
    expect(await f.blobs.exists(orphan)).toBe(true);
  });
});

describe('the sweep and uploads racing', () => {
  it('leaves a blob that was put again after it was listed', async () => {
    const org = await organization();
    const bytes = new TextEncoder().encode('re-uploaded meanwhile');
    const key = await orphanIn(org, 're-uploaded meanwhile');
    const rule = uploadBlobRule(projector);
    const racing: BlobKindRule = {
      ...rule,
      async references(keys) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await f.blobs.put(bytes, { namespace: `uploads/${org}` }); // an upload of the same file, between listing and deleting
        return rule.references(keys);
      },
    };
    const report = await sweepBlobs(f.blobs, [racing], { now: LATER() });
    expect(report.orphans.map((o) => o.key)).not.toContain(key);
    expect(await f.blobs.exists(key)).toBe(true);
  });

  it('an upload whose existing copy is swept between its put and its append stores the bytes again', async () => {
    const org = await organization();
    const bytes = csvWorkbook([{ name: 'Raced Fund' }]);
    let swept = 0;
    const sweptAfterPut: BlobStore = Object.create(f.blobs, {
      put: {
        value: async (...args: Parameters<BlobStore['put']>) => {
          const stored = await f.blobs.put(...args);
          if (swept++ === 0) await f.blobs.deleteUnreferenced(stored.key); // the sweep, at the worst moment
          return stored;
        },
      },
    });
    await f.blobs.put(bytes, { namespace: `uploads/${org}` }); // an earlier, unrecorded copy
    const result = accepted(await handleUpload({ ...f.deps, blobs: sweptAfterPut }, { orgId: org, filename: 'raced.csv', bytes, source: 'portal' }, meta(memberOf(org))));
    expect(swept).toBe(2); // put, then put again after the append found it gone
    expect(await f.blobs.exists(result.blobKey)).toBe(true);
  });
});
