/**
 * The sweep rule for uploaded workbooks (`uploads/<orgId>/<sha256>`): a blob is referenced
 * when a FileUploaded event of the log names its key. The log, not a read model, is asked:
 * a projection may lag behind an upload it has not yet seen. A FileUploaded event whose
 * payload was redacted no longer says which blob it named, so every unreferenced blob of
 * that organisation is kept and reported rather than guessed about.
 */
import { uuidText } from '../../domain/events/index.js';
import type { Queryable } from '../eventLog/index.js';
import type { BlobKindRule, References } from './sweep.js';

/** Namespace prefix of uploaded workbooks (commands/funds/uploadFunds.ts writes `uploads/<orgId>`). */
export const UPLOADS_PREFIX = 'uploads';

/** Default grace: an hour, far beyond the 30 s an upload may parse and the time its append takes. */
export const DEFAULT_UPLOAD_GRACE_MS = 60 * 60 * 1000;

/**
 * `db` must read the log across tenants (the projector or auditor role); it only reads.
 */
export function uploadBlobRule(db: Queryable, graceMs: number = DEFAULT_UPLOAD_GRACE_MS): BlobKindRule {
  return {
    kind: 'upload',
    prefix: UPLOADS_PREFIX,
    graceMs,
    async references(keys: readonly string[]): Promise<References> {
      const found = await db.query<{ blob_key: string }>(
        `SELECT DISTINCT payload::jsonb ->> 'blobKey' AS blob_key FROM events
          WHERE event_type = 'FileUploaded' AND payload IS NOT NULL AND payload::jsonb ->> 'blobKey' = ANY($1::text[])`,
        [keys],
      );
      const referenced = new Set(found.rows.map((row) => row.blob_key));
      const orgs = [...new Set(keys.map(orgOf))].filter((org) => uuidText.safeParse(org).success);
      const redacted = await db.query<{ tenant_id: string }>(`SELECT DISTINCT tenant_id::text FROM events WHERE event_type = 'FileUploaded' AND payload IS NULL AND tenant_id = ANY($1::uuid[])`, [
        orgs,
      ]);
      const unsure = new Set(redacted.rows.map((row) => row.tenant_id));
      // Fail safe: a connection that cannot see an organisation's log (a tenant-scoped role,
      // a wrong database) must not take "no event found" for "no event exists".
      const visible = await db.query<{ tenant_id: string }>('SELECT tenant_id::text FROM tenant_log_head WHERE tenant_id = ANY($1::uuid[])', [orgs]);
      const seen = new Set(visible.rows.map((row) => row.tenant_id));
      const uncertain = new Map<string, string>();
      for (const key of keys) {
        if (referenced.has(key)) continue;
        const org = orgOf(key);
        if (!seen.has(org)) uncertain.set(key, 'no event of this organisation is visible to this connection (not an organisation of this database, or a role that cannot read across tenants)');
        else if (unsure.has(org)) uncertain.set(key, 'a redacted FileUploaded event of this organisation may have named it');
      }
      return { referenced, uncertain };
    },
  };
}

/** The organisation of `uploads/<orgId>/<sha256>`. */
function orgOf(key: string): string {
  return key.split('/')[1] ?? '';
}
