/**
 * Path parameters that name another organisation's resources, for the cross-tenant probes
 * (test/portal/routeAccess, test/e2e/portal): a route with a parameter this table lacks makes
 * those tests fail until a value is added here on purpose.
 */
import { randomUUID } from 'node:crypto';
import type { PortalFixture } from './portal.js';

/** Values for every path parameter, naming Globex's resources (its fund, upload, users). */
export function globexParams(f: PortalFixture, upload: { readonly uploadId: string; readonly fundIdentityHash: string }): Record<string, string> {
  return {
    identityHash: upload.fundIdentityHash,
    version: '1',
    userId: f.users.globexMember.userId,
    orgId: f.globexOrgId,
    uploadId: upload.uploadId,
    token: 'x'.repeat(43),
    keyId: randomUUID(),
    tokenId: randomUUID(),
  };
}

/** A route's URL with its `:name` parameters filled from `params`; throws for a parameter without a value. */
export function concreteUrl(url: string, params: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter :${name} of ${url} has no Globex value: add one in test/kit/crossTenant.ts`);
    return encodeURIComponent(value);
  });
}
