/**
 * The typed client (client/): its generated types are what the server publishes now (the
 * committed file equals a fresh generation), and it works against a real portal on loopback
 * with a real API key: pages through the fund list, reads a fund, and turns a problem into
 * a NavcastApiError with its code.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNavcastClient, dataOf, listAllFunds, NavcastApiError, type NavcastClient } from '../../client/index.js';
import { apiClientSource } from '../../ops/scripts/apiClientSource.js';
import type { PortalFixture } from '../kit/portal.js';
import { openServedPortal, type ServedPortal } from '../kit/servedPortal.js';

let served: ServedPortal;
let f: PortalFixture;
let client: NavcastClient;

beforeAll(async () => {
  served = await openServedPortal('typed client');
  f = served.f;
  client = createNavcastClient({ baseUrl: served.url, token: served.key });
}, 120_000);
afterAll(async () => served?.close());

describe('the typed API client', () => {
  it('is generated from the document the server publishes now (else: npm run api:client)', async () => {
    const committed = await readFile(new URL('../../client/navcastApi.ts', import.meta.url), 'utf8');
    expect(committed === (await apiClientSource()), 'client/navcastApi.ts is stale: run npm run api:client and commit it').toBe(true);
  }, 60_000);

  it('pages through every fund and reads one, typed end to end', async () => {
    const funds = await listAllFunds(client, 1);
    expect(funds.map((x) => x.fundName).sort()).toEqual(['Fonds Croissance Québec', 'Nordic Buyout Partners IV', 'Pacific Venture Fund II', '亚洲房地产基金 I'].sort());
    const nordic = funds.find((x) => x.fundName === 'Nordic Buyout Partners IV');
    if (nordic === undefined) throw new Error('no Nordic fund');
    const detail = dataOf(await client.GET('/api/v1/funds/{identityHash}', { params: { path: { identityHash: nordic.identityHash } } }));
    expect(detail.versions.map((v) => v.version)).toEqual([1]);
    expect(detail.versions[0].uploadedBy?.email).toBe('member@acme.test');
  });

  it('throws the problem of a refused request as a NavcastApiError with its code', async () => {
    const missing = '0'.repeat(64);
    const error = await client
      .GET('/api/v1/funds/{identityHash}', { params: { path: { identityHash: missing } } })
      .then(dataOf)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NavcastApiError);
    expect(error).toMatchObject({ status: 404, code: 'fund_not_found' });
    const forbidden = await client
      .GET('/api/v1/api-keys')
      .then(dataOf)
      .catch((e: unknown) => e);
    expect(forbidden).toMatchObject({ status: 403, code: 'forbidden' });
  });
});
