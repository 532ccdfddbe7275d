/**
 * Shapes of the funds JSON API (what the Excel add-in and integrations read): field names
 * spelled out, dates as ISO text (calendar dates YYYY-MM-DD, instants with time and Z),
 * amounts as numbers in the fund's currency, currencies as ISO 4217 codes.
 */
import { z } from 'zod';
import type { FundAliasView, FundSummaryView, FundVersionSummaryView, LatestNowcast, Uploader } from '../../services/funds/index.js';

const Instant = z.string().describe('ISO 8601 instant, UTC');
const CalendarDay = z.string().describe('calendar date YYYY-MM-DD');

export const NowcastJson = z
  .object({ asOfDate: CalendarDay, currency: z.string(), value: z.number(), lower90: z.number(), upper90: z.number() })
  .describe('the latest nowcast: posterior median value and 90% interval at asOfDate');

export const FundJson = z.object({
  identityHash: z.string().describe('the fund identity: SHA-256 of organisation, file name and fund name'),
  fundName: z.string(),
  filename: z.string().describe('the workbook file name the fund is uploaded in'),
  currency: z.string().nullable(),
  commitment: z.number().nullable(),
  vintage: z.number().int().nullable(),
  strategy: z.string().nullable(),
  latestVersion: z.number().int().nullable(),
  latestUploadedAt: Instant.nullable(),
  registeredAt: Instant,
  renamedTo: z.string().nullable().describe('identity hash this fund moved to when uploaded under another file name; null when current'),
  latestNowcast: NowcastJson.nullable().describe('null until a nowcast has been produced for the fund'),
});

const UploaderJson = z.object({
  kind: z.string().describe('user or api_key (or system for operators)'),
  id: z.string(),
  email: z.string().nullable(),
  label: z.string().describe('a name people recognise: the e-mail, or the API key name and prefix'),
});

export const VersionJson = z.object({
  version: z.number().int(),
  dataHash: z.string(),
  uploadId: z.string(),
  uploadedAt: Instant.nullable(),
  uploadedBy: UploaderJson.nullable(),
  workbookFilename: z.string().nullable(),
  source: z.string().nullable(),
});

export const AliasJson = z.object({
  fromIdentityHash: z.string(),
  toIdentityHash: z.string(),
  fundName: z.string(),
  fromFilename: z.string().nullable(),
  toFilename: z.string().nullable(),
  renamedAt: Instant,
  active: z.boolean().describe('false once the fund was renamed back'),
});

export const FundDetailJson = FundJson.extend({ versions: z.array(VersionJson), aliases: z.array(AliasJson) });

export const SeriesJson = z.object({
  identityHash: z.string(),
  fundName: z.string(),
  version: z.number().int(),
  dataHash: z.string(),
  uploadId: z.string(),
  currency: z.string(),
  commitment: z.number(),
  vintage: z.number().int(),
  strategy: z.string(),
  contributions: z.array(z.object({ date: CalendarDay, amount: z.number() })),
  distributions: z.array(z.object({ date: CalendarDay, amount: z.number(), liquidating: z.boolean() })),
  navs: z.array(z.object({ valueDate: CalendarDay, publishedDate: CalendarDay.nullable(), amount: z.number() })),
  prices: z.array(z.object({ date: CalendarDay, amount: z.number(), source: z.string() })),
});

const iso = (at: Date | null): string | null => (at === null ? null : at.toISOString());

/** The JSON of a fund summary. */
export function fundJson(fund: FundSummaryView, nowcast: LatestNowcast | undefined): z.infer<typeof FundJson> {
  return {
    identityHash: fund.identityHash,
    fundName: fund.fundName,
    filename: fund.filename,
    currency: fund.currency,
    commitment: fund.commitment,
    vintage: fund.vintage,
    strategy: fund.strategy,
    latestVersion: fund.latestVersion,
    latestUploadedAt: iso(fund.latestUploadedAt),
    registeredAt: fund.registeredAt.toISOString(),
    renamedTo: fund.renamedTo,
    latestNowcast: nowcast ?? null,
  };
}

function uploaderJson(uploader: Uploader | null): z.infer<typeof UploaderJson> | null {
  return uploader === null ? null : { kind: uploader.kind, id: uploader.id, email: uploader.email, label: uploader.label };
}

/** The JSON of a version summary. */
export function versionJson(v: FundVersionSummaryView): z.infer<typeof VersionJson> {
  return {
    version: v.version,
    dataHash: v.dataHash,
    uploadId: v.uploadId,
    uploadedAt: iso(v.uploadedAt ?? v.recordedAt),
    uploadedBy: uploaderJson(v.uploadedBy),
    workbookFilename: v.filename,
    source: v.source,
  };
}

/** The JSON of a rename. */
export function aliasJson(a: FundAliasView): z.infer<typeof AliasJson> {
  return { ...a, renamedAt: a.renamedAt.toISOString() };
}
