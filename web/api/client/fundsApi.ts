/**
 * GET /api/v1/funds, /api/v1/funds/:identityHash and .../versions/:version: the
 * organisation's funds, one fund with its versions and renames, and one version's series.
 * Another organisation's fund is 404 (RLS). Reads of one fund go to the access log.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordRequestAccess } from '../../services/accessLog.js';
import { tenantPrincipal } from '../../auth/access.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';
import { IdentityHash, listFunds, readFundDetail } from '../../services/funds/index.js';
import { aliasJson, FundDetailJson, FundJson, fundJson, SeriesJson, versionJson } from './fundSchemas.js';

const FundParams = z.object({ identityHash: IdentityHash });
const VersionParams = FundParams.extend({ version: z.coerce.number().int().positive() });
const ListQuery = z.object({
  includeRenamed: z.enum(['true', 'false']).default('false').describe('true: also funds whose file was renamed (renamedTo set)'),
});

/** Registers the funds operations. */
export function registerFundsApi(app: FastifyInstance, ctx: WebContext): void {
  ctx.catalogue.add(app, {
    method: 'GET',
    url: '/api/v1/funds',
    operationId: 'listFunds',
    access: { role: 'viewer' },
    tag: 'funds',
    summary: "The organisation's funds with their latest version and latest nowcast",
    query: ListQuery,
    response: z.object({ funds: z.array(FundJson) }),
    async handler(request, { query }) {
      const principal = tenantPrincipal(request);
      const { funds, nowcasts } = await listFunds(ctx, principal);
      const shown = query.includeRenamed === 'true' ? funds : funds.filter((f) => f.renamedTo === null);
      return { funds: shown.map((f) => fundJson(f, nowcasts.get(f.identityHash))) };
    },
  });

  ctx.catalogue.add(app, {
    method: 'GET',
    url: '/api/v1/funds/:identityHash',
    operationId: 'getFund',

    errors: { 404: ['fund_not_found'] },
    access: { role: 'viewer' },
    tag: 'funds',
    summary: 'One fund with its versions (who uploaded each, when) and its renames',
    params: FundParams,
    response: FundDetailJson,
    async handler(request, { params }) {
      const principal = tenantPrincipal(request);
      const detail = await readFundDetail(ctx, principal, params.identityHash, { withSeries: false });
      await recordRequestAccess(ctx, request, { tenantId: principal.orgId, action: 'read', resourceType: 'fund', resourceId: params.identityHash });
      return { ...fundJson(detail.fund, detail.nowcast), versions: detail.versions.map(versionJson), aliases: detail.aliases.map(aliasJson) };
    },
  });

  ctx.catalogue.add(app, {
    method: 'GET',
    url: '/api/v1/funds/:identityHash/versions/:version',
    operationId: 'getFundVersion',

    errors: { 404: ['fund_not_found', 'fund_version_not_found'] },
    access: { role: 'viewer' },
    tag: 'funds',
    summary: "One version's parsed series: contributions, distributions, reported NAVs and prices",
    params: VersionParams,
    response: SeriesJson,
    async handler(request, { params }) {
      const principal = tenantPrincipal(request);
      const detail = await readFundDetail(ctx, principal, params.identityHash, { version: params.version });
      const shown = detail.shown;
      if (shown === null) throw new HttpProblem(404, 'fund_version_not_found', `this fund has no version ${params.version}`);
      await recordRequestAccess(ctx, request, { tenantId: principal.orgId, action: 'read', resourceType: 'fund_data_version', resourceId: `${params.identityHash}/${params.version}` });
      const { attributes, contributions, distributions, navs, prices } = shown.data;
      return {
        identityHash: detail.fund.identityHash,
        fundName: detail.fund.fundName,
        version: shown.version,
        dataHash: shown.dataHash,
        uploadId: shown.uploadId,
        ...attributes,
        contributions,
        distributions,
        navs,
        prices,
      };
    },
  });
}
