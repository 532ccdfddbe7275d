/**
 * Who uploaded a workbook. It is not in the uploads read model: it is the actor of the upload
 * stream's first event (FileUploaded), read from the tenant's own log rows (RLS applies) and
 * joined to the users and API keys read models for a name people recognise. Stream ids are
 * built as in domain/funds/events.ts (uploadStreamId); COLLATE "C" matches the log's
 * stream_id column.
 */
import { z } from 'zod';

/** Joins the uploader of the upload row aliased `u` (one row at most per upload). */
export const uploaderJoins = `LEFT JOIN LATERAL (SELECT e.metadata -> 'actor' ->> 'kind' AS kind, e.metadata -> 'actor' ->> 'id' AS id FROM events e
                              WHERE e.stream_id = ('upload-' || u.upload_id::text) COLLATE "C" AND e.stream_version = 0) up ON true
    LEFT JOIN users uu ON up.kind = 'user' AND uu.user_id::text = up.id
    LEFT JOIN api_keys uk ON up.kind = 'api_key' AND uk.key_id::text = up.id`;

/** The uploader's columns that `uploaderJoins` makes available. */
export const uploaderColumns = 'up.kind AS uploader_kind, up.id AS uploader_id, uu.email AS uploader_email, uk.name AS uploader_key_name, uk.key_prefix AS uploader_key_prefix';

/** The row fields `uploaderColumns` selects. */
export const UploaderFields = z.object({
  uploader_kind: z.string().nullable(),
  uploader_id: z.string().nullable(),
  uploader_email: z.string().nullable(),
  uploader_key_name: z.string().nullable(),
  uploader_key_prefix: z.string().nullable(),
});

/** Who an upload was made by: the log's actor, with a name people recognise. */
export interface Uploader {
  /** The log's actor kind: user, api_key, system... */
  readonly kind: string;
  readonly id: string;
  /** The user's e-mail address; null for API keys and operators. */
  readonly email: string | null;
  /** The e-mail of a user, `API key "name" (sk_live_abcd)` for a key, else kind and id. */
  readonly label: string;
}

/** The uploader of a row with `UploaderFields`; null when the log has no actor for it. */
export function uploaderOf(row: z.infer<typeof UploaderFields>): Uploader | null {
  if (row.uploader_kind === null || row.uploader_id === null) return null;
  const key = row.uploader_key_name === null ? null : `API key "${row.uploader_key_name}" (${row.uploader_key_prefix ?? ''})`;
  return { kind: row.uploader_kind, id: row.uploader_id, email: row.uploader_email, label: row.uploader_email ?? key ?? `${row.uploader_kind} ${row.uploader_id}` };
}
