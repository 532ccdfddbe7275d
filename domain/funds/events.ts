/**
 * Events of uploads and funds. Streams (docs/architecture.md, "Streams and events"):
 * - `upload-<uploadId>`: FileUploaded, one per accepted workbook;
 * - `fundname-<fundNameKey>`: FundIdentityRegistered and FundRenamed, one stream per
 *   (org, fund name), so that rename detection reads and appends one stream with an
 *   expected version;
 * - `fund-<fundIdentityHash>`: FundDataVersionRecorded, DuplicateDataIgnored,
 *   MarketConfigSet, ProductSelected, ProductDeselected; versions are dense per stream.
 */
import { Sha256Hex } from '../hex.js';
import { z } from 'zod';
import { sha256HexOfText } from '../events/canonical.js';
import { defineEvent } from '../events/registry.js';
import { canonicalFundTable } from '../identity/canonicalTable.js';
import { identityOrgId, identityText } from '../identity/text.js';
import { EntityId, Instant } from '../organizations/values.js';
import { FundData } from './fundData.js';
import { MarketConfig } from './marketConfig.js';

/** A lowercase hex SHA-256 (identity, data, config and byte hashes). */
export { Sha256Hex };

/** Where an upload came from. */
export const UploadSource = z.enum(['portal', 'excel_addin', 'cli']);
export type UploadSource = z.infer<typeof UploadSource>;

/** Deliverables an organisation can receive per fund. */
export const PRODUCTS = ['nowcast', 'quarterly_report', 'excel_delivery', 'api_access'] as const;
export const Product = z.enum(PRODUCTS);
export type Product = z.infer<typeof Product>;

const FundName = z.string().min(1).max(300);
const FileName = z.string().min(1).max(500);

/** FileUploaded v1: the accepted workbook, its blob and the funds it held. */
export const FileUploadedData = z.object({
  uploadId: EntityId,
  fileIdentityHash: Sha256Hex,
  filename: FileName,
  blobKey: z.string().min(1).max(500),
  sha256: Sha256Hex,
  sizeBytes: z.number().int().min(0),
  source: UploadSource,
  funds: z.array(z.object({ fundName: FundName, fundIdentityHash: Sha256Hex, dataHash: Sha256Hex })).min(1),
  uploadedAt: Instant,
});

/** FundIdentityRegistered v1: a fund identity seen for the first time. */
export const FundIdentityRegisteredData = z.object({
  fundIdentityHash: Sha256Hex,
  fileIdentityHash: Sha256Hex,
  filename: FileName,
  fundName: FundName,
  uploadId: EntityId,
  registeredAt: Instant,
});

/** FundRenamed v1: the fund name moved to another file; `from` is now an alias of `to`. */
export const FundRenamedData = z.object({
  fundName: FundName,
  fromIdentityHash: Sha256Hex,
  toIdentityHash: Sha256Hex,
  fromFilename: FileName,
  toFilename: FileName,
  uploadId: EntityId,
  renamedAt: Instant,
});

/** The first line of every canonical fund table (domain/identity/canonicalTable.ts). */
const CANONICAL_TABLE_HEAD = 'navcast-fund-data/v1\n';

/**
 * FundDataVersionRecorded v2: version N (1, 2, ...) of a fund's data, its series as the
 * canonical fund table (fundDataFromCanonicalTable reads it; its SHA-256 is dataHash).
 * One string instead of an object per row: about a tenth of the cost to validate, hash,
 * store and read for a weekly 10-year fund. v1 carried `data` (FundData) instead.
 */
export const FundDataVersionRecordedData = z.object({
  fundIdentityHash: Sha256Hex,
  version: z.number().int().min(1),
  dataHash: Sha256Hex,
  fundName: FundName,
  uploadId: EntityId,
  series: z.string().startsWith(CANONICAL_TABLE_HEAD),
  recordedAt: Instant,
});

/** v1 -> v2: the inline FundData becomes its canonical table. Malformed input is left for the v2 parse to refuse. */
function fundDataVersionV1ToV2(payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || !('data' in payload)) return payload;
  const { data, ...rest } = payload as { data: unknown };
  const parsed = FundData.safeParse(data);
  return parsed.success ? { ...rest, series: canonicalFundTable(parsed.data) } : payload;
}

/** DuplicateDataIgnored v1: an upload carried data the fund already has as `duplicateOfVersion`. */
export const DuplicateDataIgnoredData = z.object({
  fundIdentityHash: Sha256Hex,
  dataHash: Sha256Hex,
  duplicateOfVersion: z.number().int().min(1),
  uploadId: EntityId,
  ignoredAt: Instant,
});

/** MarketConfigSet v1: revision N of the fund's market configuration. */
export const MarketConfigSetData = z.object({
  fundIdentityHash: Sha256Hex,
  revision: z.number().int().min(1),
  config: MarketConfig,
  configHash: Sha256Hex,
  setAt: Instant,
});

/** ProductSelected v1 / ProductDeselected v1. */
export const ProductSelectedData = z.object({ fundIdentityHash: Sha256Hex, product: Product, selectedAt: Instant });
export const ProductDeselectedData = z.object({ fundIdentityHash: Sha256Hex, product: Product, deselectedAt: Instant });

/** Schemas of the fund-name stream's events. */
export const fundNameEventSchemas = { FundIdentityRegistered: FundIdentityRegisteredData, FundRenamed: FundRenamedData } as const;

/** Schemas of the fund stream's events. */
export const fundEventSchemas = {
  FundDataVersionRecorded: FundDataVersionRecordedData,
  DuplicateDataIgnored: DuplicateDataIgnoredData,
  MarketConfigSet: MarketConfigSetData,
  ProductSelected: ProductSelectedData,
  ProductDeselected: ProductDeselectedData,
} as const;

type EventOf<S extends Record<string, z.ZodType>> = { [K in keyof S]: { readonly type: K; readonly data: z.infer<S[K]> } }[keyof S];
export type FundNameEvent = EventOf<typeof fundNameEventSchemas>;
export type FundEvent = EventOf<typeof fundEventSchemas>;
export type FileUploaded = { readonly type: 'FileUploaded'; readonly data: z.infer<typeof FileUploadedData> };

/** Registry definitions of upload and fund events, for EventTypeRegistry.register. */
export const fundEventDefinitions = [
  defineEvent({ type: 'FileUploaded', schema: FileUploadedData }),
  defineEvent({ type: 'FundIdentityRegistered', schema: FundIdentityRegisteredData }),
  defineEvent({ type: 'FundRenamed', schema: FundRenamedData }),
  defineEvent({ type: 'FundDataVersionRecorded', schema: FundDataVersionRecordedData, schemaVersion: 2, upcasters: { 1: fundDataVersionV1ToV2 } }),
  defineEvent({ type: 'DuplicateDataIgnored', schema: DuplicateDataIgnoredData }),
  defineEvent({ type: 'MarketConfigSet', schema: MarketConfigSetData }),
  defineEvent({ type: 'ProductSelected', schema: ProductSelectedData }),
  defineEvent({ type: 'ProductDeselected', schema: ProductDeselectedData }),
] as const;

/** Stream of one upload. */
export const uploadStreamId = (uploadId: string): string => `upload-${uploadId}`;

/** Stream of one fund identity. */
export const fundStreamId = (fundIdentityHash: string): string => `fund-${fundIdentityHash}`;

/**
 * Key of the (org, fund name) stream: sha256("fundname|" + orgId.lower.trim + "|" +
 * fundName.trim), NFC and UTF-8 like the identity hashes, so names differing only in
 * Unicode form or surrounding spaces share one stream.
 */
export function fundNameKey(orgId: string, fundName: string): string {
  return sha256HexOfText(`fundname|${identityOrgId(orgId)}|${identityText(fundName, 'fund name')}`);
}

/** Stream of one (org, fund name). */
export const fundNameStreamId = (orgId: string, fundName: string): string => `fundname-${fundNameKey(orgId, fundName)}`;
