import { evergreenEventSchemas, type EvergreenEvent } from '../../domain/evergreen/index.js';
import { fundEventSchemas, fundNameEventSchemas, type FileUploaded, type FundEvent, type FundNameEvent } from '../../domain/funds/index.js';
import { fundDataFromCanonicalTable } from '../../domain/identity/index.js';
import {
  evergreenFundMembersTable,
  evergreenFundsTable,
  fundDataVersionsTable,
  fundIdentitiesTable,
  fundIdentityAliasesTable,
  fundTablesDdl,
  marketConfigHistoryTable,
  marketConfigsTable,
  productSelectionsTable,
  uploadsTable,
} from '../../read-models/index.js';
import type { ProjectedEvent, Projection, RowChange } from '../projection.js';

type Projected = FileUploaded | FundNameEvent | FundEvent | EvergreenEvent;

const known = new Set(['FileUploaded', ...Object.keys(fundNameEventSchemas), ...Object.keys(fundEventSchemas), ...Object.keys(evergreenEventSchemas)]);

function asProjected(event: ProjectedEvent): Projected | undefined {
  if (!known.has(event.eventType) || event.payload === null) return undefined;
  // The feed decoded the payload through the registry, whose schemas are these types'.
  return { type: event.eventType, data: event.payload } as Projected;
}

function upsert(table: RowChange['table'], tenantId: string, row: Record<string, unknown>): RowChange {
  return { kind: 'upsert', table, row: { tenant_id: tenantId, ...row } };
}

function patch(table: RowChange['table'], tenantId: string, key: Record<string, unknown>, set: Record<string, unknown>): RowChange {
  return { kind: 'patch', table, key: { tenant_id: tenantId, ...key }, set };
}

/** Upload, fund and evergreen events to rows of the funds read models. */
export function projectFundEvent(event: ProjectedEvent): RowChange[] {
  const e = asProjected(event);
  if (e === undefined) return [];
  const t = event.tenantId;
  switch (e.type) {
    case 'FileUploaded': {
      const d = e.data;
      return [
        upsert(uploadsTable, t, {
          upload_id: d.uploadId,
          file_identity_hash: d.fileIdentityHash,
          filename: d.filename,
          blob_key: d.blobKey,
          sha256: d.sha256,
          size_bytes: d.sizeBytes,
          source: d.source,
          fund_count: d.funds.length,
          uploaded_at: d.uploadedAt,
        }),
      ];
    }
    case 'FundIdentityRegistered': {
      const d = e.data;
      return [
        upsert(fundIdentitiesTable, t, {
          fund_identity_hash: d.fundIdentityHash,
          fund_name: d.fundName,
          filename: d.filename,
          file_identity_hash: d.fileIdentityHash,
          registered_at: d.registeredAt,
        }),
      ];
    }
    case 'FundRenamed': {
      const d = e.data;
      return [
        upsert(fundIdentityAliasesTable, t, {
          old_identity_hash: d.fromIdentityHash,
          new_identity_hash: d.toIdentityHash,
          fund_name: d.fundName,
          renamed_at: d.renamedAt,
          active: true,
        }),
        // Renamed back: the new identity's own alias no longer applies (no cycles).
        patch(fundIdentityAliasesTable, t, { old_identity_hash: d.toIdentityHash }, { active: false }),
      ];
    }
    case 'FundDataVersionRecorded': {
      const d = e.data;
      // The read model keeps the series as FundData JSON, as the portal and API read it.
      const data = fundDataFromCanonicalTable(d.series);
      const a = data.attributes;
      return [
        upsert(fundDataVersionsTable, t, {
          fund_identity_hash: d.fundIdentityHash,
          version: d.version,
          data_hash: d.dataHash,
          fund_name: d.fundName,
          upload_id: d.uploadId,
          currency: a.currency,
          commitment: a.commitment,
          vintage: a.vintage,
          strategy: a.strategy,
          data,
          recorded_at: d.recordedAt,
        }),
      ];
    }
    case 'DuplicateDataIgnored':
      return [];
    case 'MarketConfigSet': {
      const d = e.data;
      const row = { fund_identity_hash: d.fundIdentityHash, revision: d.revision, config: d.config, config_hash: d.configHash, set_at: d.setAt };
      return [upsert(marketConfigsTable, t, row), upsert(marketConfigHistoryTable, t, row)];
    }
    case 'ProductSelected':
    case 'ProductDeselected': {
      const d = e.data;
      const selected = e.type === 'ProductSelected';
      const at = e.type === 'ProductSelected' ? e.data.selectedAt : e.data.deselectedAt;
      return [upsert(productSelectionsTable, t, { fund_identity_hash: d.fundIdentityHash, product: d.product, selected, changed_at: at })];
    }
    case 'EvergreenFundDefined': {
      const d = e.data;
      return [
        upsert(evergreenFundsTable, t, { evergreen_identity_hash: d.evergreenIdentityHash, name: d.name, member_count: d.members.length, defined_at: d.definedAt, changed_at: null }),
        ...d.members.map((m) => upsert(evergreenFundMembersTable, t, { evergreen_identity_hash: d.evergreenIdentityHash, fund_identity_hash: m, active: true, since: d.definedAt })),
      ];
    }
    case 'EvergreenMembershipChanged': {
      const d = e.data;
      const key = { evergreen_identity_hash: d.evergreenIdentityHash };
      return [
        patch(evergreenFundsTable, t, key, { member_count: d.members.length, changed_at: d.changedAt }),
        ...d.added.map((m) => upsert(evergreenFundMembersTable, t, { ...key, fund_identity_hash: m, active: true, since: d.changedAt })),
        ...d.removed.map((m) => patch(evergreenFundMembersTable, t, { ...key, fund_identity_hash: m }, { active: false, since: d.changedAt })),
      ];
    }
  }
}

/** The funds projection, version 1. */
export const fundsProjection: Projection = {
  name: 'funds',
  version: 1,
  tables: [
    uploadsTable,
    fundIdentitiesTable,
    fundIdentityAliasesTable,
    fundDataVersionsTable,
    evergreenFundsTable,
    evergreenFundMembersTable,
    marketConfigsTable,
    marketConfigHistoryTable,
    productSelectionsTable,
  ],
  ddl: fundTablesDdl,
  project: projectFundEvent,
};
