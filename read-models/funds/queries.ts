import { z } from 'zod';
import { FundData } from '../../domain/funds/index.js';
import { resolveAlias, type ResolvedIdentity } from '../../domain/identity/index.js';
import { MarketPoints } from '../../domain/market/index.js';
import { parseRows, type Queryable } from '../tenantTransaction.js';
import { type Uploader, UploaderFields, uploaderColumns, uploaderJoins, uploaderOf } from './uploaders.js';

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

export const VersionRow = z
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
                        FROM uploads u ${uploaderJoins}`;

async function uploadsWhere(db: Queryable, where: string, values: unknown[]): Promise<UploadView[]> {
  const { rows } = await db.query(`${uploadSelect} ${where}`, values);
  return parseRows('uploads', UploadRow, rows).map((r) => ({
    uploadId: r.upload_id,
    filename: r.filename,
    blobKey: r.blob_key,
    sha256: r.sha256,
    sizeBytes: r.size_bytes,
    source: r.source,
    fundCount: r.fund_count,
    uploadedAt: r.uploaded_at,
    uploadedBy: uploaderOf(r),
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
