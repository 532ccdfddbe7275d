import { z } from 'zod';
import { FundData } from '../../domain/funds/index.js';
import { resolveAlias, type ResolvedIdentity } from '../../domain/identity/index.js';
import { MarketPoints } from '../../domain/market/index.js';
import { parseRows, type Queryable } from '../tenantTransaction.js';

const FundIdentityRow = z
  .object({ fund_identity_hash: z.string(), fund_name: z.string(), filename: z.string(), latest_version: z.number().nullable() })
  .transform((r) => ({ identityHash: r.fund_identity_hash, fundName: r.fund_name, filename: r.filename, latestVersion: r.latest_version }));
export type FundIdentityView = z.infer<typeof FundIdentityRow>;

/** The current tenant's fund identities with their latest version, by name and file. */
export async function listFundIdentities(db: Queryable): Promise<FundIdentityView[]> {
  const { rows } = await db.query(
    `SELECT i.fund_identity_hash, i.fund_name, i.filename,
            (SELECT max(v.version) FROM fund_data_versions v WHERE v.fund_identity_hash = i.fund_identity_hash) AS latest_version
       FROM fund_identities i ORDER BY i.fund_name, i.filename`,
  );
  return parseRows('fund_identities', FundIdentityRow, rows);
}

const VersionRow = z
  .object({ version: z.number(), data_hash: z.string(), upload_id: z.string(), data: FundData })
  .transform((r) => ({ version: r.version, dataHash: r.data_hash, uploadId: r.upload_id, data: r.data }));
export type FundDataVersionView = z.infer<typeof VersionRow>;

/** Every data version of a fund identity, oldest first, each with its parsed series. */
export async function listFundDataVersions(db: Queryable, fundIdentityHash: string): Promise<FundDataVersionView[]> {
  const { rows } = await db.query('SELECT version, data_hash, upload_id, data FROM fund_data_versions WHERE fund_identity_hash = $1 ORDER BY version', [fundIdentityHash]);
  return parseRows('fund_data_versions', VersionRow, rows);
}

/** Follows the tenant's active aliases from `identity` (depth-bounded, cycle-checked). */
export async function resolveFundIdentity(db: Queryable, identity: string): Promise<ResolvedIdentity> {
  const { rows } = await db.query('SELECT old_identity_hash, new_identity_hash FROM fund_identity_aliases WHERE active');
  const aliases = new Map(parseRows('fund_identity_aliases', z.object({ old_identity_hash: z.string(), new_identity_hash: z.string() }), rows).map((r) => [r.old_identity_hash, r.new_identity_hash]));
  return resolveAlias(identity, (id) => aliases.get(id));
}

const SeriesRow = z.object({ series_id: z.string(), revision: z.number(), points: MarketPoints }).transform((r) => ({ seriesId: r.series_id, revision: r.revision, points: r.points }));
export type MarketSeriesView = z.infer<typeof SeriesRow>;

/** A platform market series (readable by every tenant), or undefined. */
export async function findMarketSeries(db: Queryable, seriesId: string): Promise<MarketSeriesView | undefined> {
  const { rows } = await db.query('SELECT series_id, revision, points FROM market_series WHERE series_id = $1', [seriesId]);
  return parseRows('market_series', SeriesRow, rows)[0];
}

// The portal's views of funds. Who uploaded a workbook is not in the uploads read model:
// it is the actor of the upload stream's first event (FileUploaded), read from the tenant's
// own log rows (RLS applies) and matched to the users read model. Stream ids are built as in
// domain/funds/events.ts (uploadStreamId); COLLATE "C" matches the log's stream_id column.
const uploaderColumns = `(SELECT e.metadata -> 'actor' ->> 'kind' FROM events e
                            WHERE e.stream_id = ('upload-' || u.upload_id::text) COLLATE "C" AND e.stream_version = 0) AS uploader_kind,
                         (SELECT e.metadata -> 'actor' ->> 'id' FROM events e
                            WHERE e.stream_id = ('upload-' || u.upload_id::text) COLLATE "C" AND e.stream_version = 0) AS uploader_id`;

const UploaderFields = z.object({ uploader_kind: z.string().nullable(), uploader_id: z.string().nullable() });

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

/** Display names of the tenant's actors, keyed `kind:id` (users by e-mail, API keys by name and prefix). */
async function actorNames(db: Queryable): Promise<Map<string, { email: string | null; label: string }>> {
  const users = await db.query('SELECT user_id::text AS user_id, email FROM users');
  const keys = await db.query('SELECT key_id::text AS key_id, name, key_prefix FROM api_keys');
  const names = new Map<string, { email: string | null; label: string }>();
  for (const u of parseRows('users', z.object({ user_id: z.string(), email: z.string() }), users.rows)) names.set(`user:${u.user_id}`, { email: u.email, label: u.email });
  for (const k of parseRows('api_keys', z.object({ key_id: z.string(), name: z.string(), key_prefix: z.string() }), keys.rows)) {
    names.set(`api_key:${k.key_id}`, { email: null, label: `API key "${k.name}" (${k.key_prefix})` });
  }
  return names;
}

function uploaderOf(row: z.infer<typeof UploaderFields>, names: ReadonlyMap<string, { email: string | null; label: string }>): Uploader | null {
  if (row.uploader_kind === null || row.uploader_id === null) return null;
  const known = names.get(`${row.uploader_kind}:${row.uploader_id}`);
  return { kind: row.uploader_kind, id: row.uploader_id, email: known?.email ?? null, label: known?.label ?? `${row.uploader_kind} ${row.uploader_id}` };
}

const FundSummaryRow = z
  .object({
    fund_identity_hash: z.string(),
    fund_name: z.string(),
    filename: z.string(),
    registered_at: z.date(),
    latest_version: z.number().nullable(),
    currency: z.string().nullable(),
    commitment: z.number().nullable(),
    vintage: z.number().nullable(),
    strategy: z.string().nullable(),
    latest_uploaded_at: z.date().nullable(),
    renamed_to: z.string().nullable(),
  })
  .transform((r) => ({
    identityHash: r.fund_identity_hash,
    fundName: r.fund_name,
    filename: r.filename,
    registeredAt: r.registered_at,
    latestVersion: r.latest_version,
    currency: r.currency,
    commitment: r.commitment,
    vintage: r.vintage,
    strategy: r.strategy,
    /** When the workbook holding the latest version was uploaded. */
    latestUploadedAt: r.latest_uploaded_at,
    /** The identity this one was renamed to (an active alias), or null when it is current. */
    renamedTo: r.renamed_to,
  }));
/** A fund identity with the attributes of its latest version, for lists. */
export type FundSummaryView = z.infer<typeof FundSummaryRow>;

const summarySelect = `SELECT i.fund_identity_hash, i.fund_name, i.filename, i.registered_at,
         v.version AS latest_version, v.currency, v.commitment, v.vintage, v.strategy,
         u.uploaded_at AS latest_uploaded_at, a.new_identity_hash AS renamed_to
    FROM fund_identities i
    LEFT JOIN LATERAL (SELECT x.version, x.currency, x.commitment, x.vintage, x.strategy, x.upload_id FROM fund_data_versions x
                        WHERE x.fund_identity_hash = i.fund_identity_hash ORDER BY x.version DESC LIMIT 1) v ON true
    LEFT JOIN uploads u ON u.upload_id = v.upload_id
    LEFT JOIN fund_identity_aliases a ON a.old_identity_hash = i.fund_identity_hash AND a.active`;

/** The current tenant's fund identities with their latest version's attributes, by name and file. */
export async function listFundSummaries(db: Queryable): Promise<FundSummaryView[]> {
  // Named (prepared per connection): the fund list is the most requested read of the portal and the add-in.
  const { rows } = await db.query({ name: 'funds.list_summaries', text: `${summarySelect} ORDER BY i.fund_name, i.filename, i.fund_identity_hash` });
  return parseRows('fund_identities', FundSummaryRow, rows);
}

/** One fund identity of the current tenant, or undefined (another tenant's is invisible). */
export async function findFundSummary(db: Queryable, fundIdentityHash: string): Promise<FundSummaryView | undefined> {
  const { rows } = await db.query(`${summarySelect} WHERE i.fund_identity_hash = $1`, [fundIdentityHash]);
  return parseRows('fund_identities', FundSummaryRow, rows)[0];
}

const VersionSummaryRow = z.object({
  version: z.number(),
  data_hash: z.string(),
  upload_id: z.string(),
  recorded_at: z.date(),
  filename: z.string().nullable(),
  source: z.string().nullable(),
  uploaded_at: z.date().nullable(),
  ...UploaderFields.shape,
});

/** A data version without its series: when, from which upload, by whom. */
export interface FundVersionSummaryView {
  readonly version: number;
  readonly dataHash: string;
  readonly uploadId: string;
  readonly recordedAt: Date;
  /** The uploaded workbook's filename and source (portal, cli, api); null if the upload row is missing. */
  readonly filename: string | null;
  readonly source: string | null;
  readonly uploadedAt: Date | null;
  readonly uploadedBy: Uploader | null;
}

/** The versions of a fund identity, oldest first, with upload date and uploader. */
export async function listFundVersionSummaries(db: Queryable, fundIdentityHash: string): Promise<FundVersionSummaryView[]> {
  const { rows } = await db.query(
    `SELECT v.version, v.data_hash, v.upload_id::text AS upload_id, v.recorded_at, u.filename, u.source, u.uploaded_at, ${uploaderColumns}
       FROM fund_data_versions v LEFT JOIN uploads u ON u.upload_id = v.upload_id
      WHERE v.fund_identity_hash = $1 ORDER BY v.version`,
    [fundIdentityHash],
  );
  const names = await actorNames(db);
  return parseRows('fund_data_versions', VersionSummaryRow, rows).map((r) => ({
    version: r.version,
    dataHash: r.data_hash,
    uploadId: r.upload_id,
    recordedAt: r.recorded_at,
    filename: r.filename,
    source: r.source,
    uploadedAt: r.uploaded_at,
    uploadedBy: uploaderOf(r, names),
  }));
}

/** One data version with its parsed series, or undefined. */
export async function findFundDataVersion(db: Queryable, fundIdentityHash: string, version: number): Promise<FundDataVersionView | undefined> {
  const { rows } = await db.query('SELECT version, data_hash, upload_id::text AS upload_id, data FROM fund_data_versions WHERE fund_identity_hash = $1 AND version = $2', [fundIdentityHash, version]);
  return parseRows('fund_data_versions', VersionRow, rows)[0];
}

const AliasRow = z
  .object({
    old_identity_hash: z.string(),
    new_identity_hash: z.string(),
    fund_name: z.string(),
    old_filename: z.string().nullable(),
    new_filename: z.string().nullable(),
    renamed_at: z.date(),
    active: z.boolean(),
  })
  .transform((r) => ({
    fromIdentityHash: r.old_identity_hash,
    toIdentityHash: r.new_identity_hash,
    fundName: r.fund_name,
    fromFilename: r.old_filename,
    toFilename: r.new_filename,
    renamedAt: r.renamed_at,
    /** False once the fund was renamed back (the alias no longer applies). */
    active: r.active,
  }));
/** A rename of a fund from one file (identity) to another. */
export type FundAliasView = z.infer<typeof AliasRow>;

/** The renames into and out of a fund identity, oldest first. */
export async function listFundAliases(db: Queryable, fundIdentityHash: string): Promise<FundAliasView[]> {
  const { rows } = await db.query(
    `SELECT a.old_identity_hash, a.new_identity_hash, a.fund_name, o.filename AS old_filename, n.filename AS new_filename, a.renamed_at, a.active
       FROM fund_identity_aliases a
       LEFT JOIN fund_identities o ON o.fund_identity_hash = a.old_identity_hash
       LEFT JOIN fund_identities n ON n.fund_identity_hash = a.new_identity_hash
      WHERE a.old_identity_hash = $1 OR a.new_identity_hash = $1
      ORDER BY a.renamed_at, a.old_identity_hash`,
    [fundIdentityHash],
  );
  return parseRows('fund_identity_aliases', AliasRow, rows);
}

const UploadRow = z.object({
  upload_id: z.string(),
  filename: z.string(),
  blob_key: z.string(),
  sha256: z.string(),
  size_bytes: z.coerce.number(),
  source: z.string(),
  fund_count: z.number(),
  uploaded_at: z.date(),
  ...UploaderFields.shape,
});

/** An accepted workbook as stored in the blob store. */
export interface UploadView {
  readonly uploadId: string;
  readonly filename: string;
  readonly blobKey: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly source: string;
  readonly fundCount: number;
  readonly uploadedAt: Date;
  readonly uploadedBy: Uploader | null;
}

const uploadSelect = `SELECT u.upload_id::text AS upload_id, u.filename, u.blob_key, u.sha256, u.size_bytes, u.source, u.fund_count, u.uploaded_at, ${uploaderColumns}
                        FROM uploads u`;

async function uploadsWhere(db: Queryable, where: string, values: unknown[]): Promise<UploadView[]> {
  const { rows } = await db.query(`${uploadSelect} ${where}`, values);
  const names = await actorNames(db);
  return parseRows('uploads', UploadRow, rows).map((r) => ({
    uploadId: r.upload_id,
    filename: r.filename,
    blobKey: r.blob_key,
    sha256: r.sha256,
    sizeBytes: r.size_bytes,
    source: r.source,
    fundCount: r.fund_count,
    uploadedAt: r.uploaded_at,
    uploadedBy: uploaderOf(r, names),
  }));
}

/** The current tenant's accepted uploads, newest first. */
export function listUploads(db: Queryable): Promise<UploadView[]> {
  return uploadsWhere(db, 'ORDER BY u.uploaded_at DESC, u.upload_id', []);
}

/** One accepted upload of the current tenant, or undefined. */
export async function findUpload(db: Queryable, uploadId: string): Promise<UploadView | undefined> {
  return (await uploadsWhere(db, 'WHERE u.upload_id = $1', [uploadId]))[0];
}

const NavPointsRow = z.object({
  fund_identity_hash: z.string(),
  navs: z.array(z.object({ valueDate: z.string(), amount: z.number() })),
});

/** The reported NAVs (value date, amount) of every fund's latest version, for small trend charts. */
export async function listLatestNavs(db: Queryable): Promise<Map<string, { valueDate: string; amount: number }[]>> {
  const { rows } = await db.query(
    `SELECT i.fund_identity_hash,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('valueDate', n ->> 'valueDate', 'amount', (n ->> 'amount')::double precision))
                        FROM jsonb_array_elements(v.data -> 'navs') n), '[]'::jsonb) AS navs
       FROM fund_identities i
       JOIN LATERAL (SELECT x.data FROM fund_data_versions x WHERE x.fund_identity_hash = i.fund_identity_hash
                      ORDER BY x.version DESC LIMIT 1) v ON true`,
  );
  return new Map(parseRows('fund_data_versions', NavPointsRow, rows).map((r) => [r.fund_identity_hash, r.navs]));
}
