/**
 * GET /api/v1/funds, /api/v1/funds/:identityHash and .../versions/:version: the
 * organisation's funds, one fund with its versions and renames, and one version's series.
 * Another organisation's fund is 404 (RLS). Reads of one fund go to the access log
 * (`recordsAccess`), also when their body comes from the response cache.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { tenantPrincipal } from '../../auth/access.js';
import type { WebContext } from '../../context.js';
import { HttpProblem } from '../../problems.js';
import { tagResponse } from '../conditional.js';
import { cursorParameter, encodeCursor, NextCursor, PageLimit } from '../pagination.js';
import { IdentityHash, listFunds, readFundDetail } from '../../services/funds/index.js';
import { aliasJson, FundDetailJson, FundJson, fundJson, SeriesJson, versionJson } from './fundSchemas.js';

const FundParams = z.object({ identityHash: IdentityHash });
const VersionParams = FundParams.extend({ version: z.coerce.number().int().positive() });
const ListQuery = z.object({
  includeRenamed: z.enum(['true', 'false']).default('false').describe('true: also funds whose file was renamed (renamedTo set)'),
  limit: PageLimit,
  after: cursorParameter(3).optional(),
});

/** Registers the funds operations. */
export function registerFundsApi(app: FastifyInstance, ctx: WebContext): void {
  ctx.catalogue.add(app, {
    method: 'GET',
    url: '/api/v1/funds',
    operationId: 'listFunds',
    access: { role: 'viewer' },
    tag: 'funds',
    summary: "The organisation's funds with their latest version and latest nowcast, by name, file and identity, a page at a time",
    query: ListQuery,
    // The list records no access-log row (names and dates only), so it may come from the cache.
    conditional: 'cache',
    response: z.object({ funds: z.array(FundJson), nextCursor: NextCursor }),
    async handler(request, { query }, reply) {
      const principal = tenantPrincipal(request);
      const after = query.after === undefined ? null : { fundName: query.after[0], filename: query.after[1], identityHash: query.after[2] };
      const { checkpoint, value } = await listFunds(ctx, principal, { after, limit: query.limit, includeRenamed: query.includeRenamed === 'true' });
      tagResponse(request, reply, principal.orgId, checkpoint);
      const next = value.next === null ? null : encodeCursor([value.next.fundName, value.next.filename, value.next.identityHash]);
      return { funds: value.funds.map((f) => fundJson(f, value.nowcasts.get(f.identityHash))), nextCursor: next };
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
    conditional: 'cache',
    recordsAccess: (request, { params }) => ({ tenantId: tenantPrincipal(request).orgId, action: 'read', resourceType: 'fund', resourceId: params.identityHash }),
    response: FundDetailJson,
    async handler(request, { params }, reply) {
      const principal = tenantPrincipal(request);
      const { checkpoint, value: detail } = await readFundDetail(ctx, principal, params.identityHash, { withSeries: false });
      tagResponse(request, reply, principal.orgId, checkpoint);
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
    conditional: 'cache',
    recordsAccess: (request, { params }) => ({
      tenantId: tenantPrincipal(request).orgId,
      action: 'read',
      resourceType: 'fund_data_version',
      resourceId: `${params.identityHash}/${params.version}`,
    }),
    response: SeriesJson,
    async handler(request, { params }, reply) {
      const principal = tenantPrincipal(request);
      const { checkpoint, value: detail } = await readFundDetail(ctx, principal, params.identityHash, { version: params.version });
      tagResponse(request, reply, principal.orgId, checkpoint);
      const shown = detail.shown;
      if (shown === null) throw new HttpProblem(404, 'fund_version_not_found', `this fund has no version ${params.version}`);
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
